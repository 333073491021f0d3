package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/meta"
	"github.com/apobot/apobot/bot/telegram"
	"github.com/apobot/apobot/bot/whatsapp"
)

// maxWebhookBody bounds a webhook body; both platforms send a few kB.
const maxWebhookBody = "1M"

// WhatsApp holds the secrets the WhatsApp webhook checks.
type WhatsApp struct {
	AppSecret     string // signs every POST (X-Hub-Signature-256)
	VerifyToken   string // answers the subscription handshake
	PhoneNumberID string // messages to other numbers are dropped; empty: any
}

// Telegram holds the secret the Telegram webhook checks.
type Telegram struct {
	SecretToken string // X-Telegram-Bot-Api-Secret-Token, set with setWebhook
}

var (
	errChannelOff = &httpError{http.StatusNotFound, "web.channel_off", nil, nil}
	errSignature  = &httpError{http.StatusUnauthorized, "web.signature", nil, nil}
	errSecret     = &httpError{http.StatusUnauthorized, "web.secret", nil, nil}
	errBadBody    = &httpError{http.StatusBadRequest, "web.bad_update", nil, nil}
)

// whatsappVerify answers Meta's subscription handshake with the challenge
// when the verify token matches (403 otherwise).
func (s *Server) whatsappVerify(c echo.Context) error {
	wa := s.cfg.WhatsApp
	if wa == nil {
		return errChannelOff
	}
	return handshake(c, wa.VerifyToken)
}

// handshake answers a Meta platform's subscription handshake with the
// challenge when the verify token matches, else 403.
func handshake(c echo.Context, verifyToken string) error {
	challenge, ok := meta.Handshake(c.QueryParams(), verifyToken)
	if !ok {
		return &httpError{http.StatusForbidden, "web.verify_token", nil, nil}
	}
	return c.String(http.StatusOK, challenge)
}

// whatsappWebhook checks the signature on the exact bytes received, stores
// every message (once per message id) and answers 200; statuses are
// acknowledged and dropped. The work happens after the answer.
func (s *Server) whatsappWebhook(c echo.Context) error {
	wa := s.cfg.WhatsApp
	if wa == nil {
		return errChannelOff
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	if !meta.Verify(body, c.Request().Header.Get(meta.SignatureHeader), wa.AppSecret) {
		return errSignature
	}
	u, err := whatsapp.Parse(body)
	if err != nil {
		return errBadBody
	}
	for _, m := range u.Messages {
		if wa.PhoneNumberID != "" && m.PhoneNumberID != wa.PhoneNumberID {
			continue
		}
		in, ok := whatsappInbound(s.cfg.ChatKey, m)
		if !ok {
			continue
		}
		if err := s.receive(c, in); err != nil {
			return err
		}
	}
	return c.NoContent(http.StatusOK)
}

// whatsappInbound turns a message into an Inbound: text, an image to fetch,
// or a file the bot cannot read (a document, voice, video, sticker), which
// is answered with a request for a photo. Reactions and system notices are
// not messages to answer: ok is false.
func whatsappInbound(key func(bot.Channel, string) string, m whatsapp.Message) (in bot.Inbound, ok bool) {
	in = bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: key(bot.ChannelWhatsApp, m.From), ReplyTo: m.From,
		MessageID: m.ID, Text: m.Text, ReceivedAt: m.At}
	switch m.Type {
	case "text":
	case "image":
		in.MediaRef = m.MediaID
	case "document", "audio", "voice", "video", "sticker":
		in.Document = true
	default: // reaction, system, unsupported, location, contacts, ...
		return in, false
	}
	return in, true
}

// telegramWebhook checks the secret header, stores the message (once per
// message id) and answers 200. Updates without a new message, and group
// chats, are acknowledged and dropped.
func (s *Server) telegramWebhook(c echo.Context) error {
	tg := s.cfg.Telegram
	if tg == nil {
		return errChannelOff
	}
	if !telegram.CheckSecret(c.Request().Header.Get("X-Telegram-Bot-Api-Secret-Token"), tg.SecretToken) {
		return errSecret
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	m, err := telegram.Parse(body)
	switch {
	case errors.Is(err, telegram.ErrNoMessage):
		return c.NoContent(http.StatusOK)
	case err != nil:
		return errBadBody
	case !m.Private:
		return c.NoContent(http.StatusOK) // the bot answers one-to-one chats only
	}
	chat := strconv.FormatInt(m.ChatID, 10)
	in := bot.Inbound{Channel: bot.ChannelTelegram, ChatKey: s.cfg.ChatKey(bot.ChannelTelegram, chat), ReplyTo: chat,
		MessageID: strconv.FormatInt(m.MessageID, 10), Text: m.Text, Language: m.Language, ReceivedAt: m.At}
	switch {
	case m.IsPhoto || m.FileID != "" && (m.MimeType == "image/jpeg" || m.MimeType == "image/png"):
		in.MediaRef = m.FileID
	case m.FileID != "" || m.Text == "":
		in.Document = true
	}
	if err := s.receive(c, in); err != nil {
		return err
	}
	return c.NoContent(http.StatusOK)
}

// receive hands a webhook's message to the engine. Texts are cut to
// bot.MaxText (the platforms allow 4096); a message the engine still
// refuses is dropped with 200, as the platform would only send it again; a
// storage failure is a 500, so the platform retries.
func (s *Server) receive(c echo.Context, in bot.Inbound) error {
	in.Text = strings.ToValidUTF8(in.Text, "\uFFFD")
	if r := []rune(in.Text); len(r) > bot.MaxText {
		in.Text = string(r[:bot.MaxText])
	}
	_, err := s.cfg.Engine.Receive(c.Request().Context(), in)
	if bot.ErrorCode(err) == bot.EINVALID {
		s.log.Info("webhook message refused", "channel", string(in.Channel), "reason", bot.ErrorCode(err))
		return nil
	}
	return err
}

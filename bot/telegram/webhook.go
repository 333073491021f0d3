package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/apobot/apobot/bot"
)

// SecretHeader is the header that carries the secret token set with
// setWebhook.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Webhook turns a webhook POST into the message apobot answers.
type Webhook struct {
	SecretToken string // X-Telegram-Bot-Api-Secret-Token, set with setWebhook
	// ChatKey turns a chat id into the pseudonym stored instead.
	ChatKey func(chatID string) string
}

// The errors Inbound returns, with the catalogue message the edge answers.
var (
	errSecret = bot.Errorf(bot.EUNAUTHORIZED, "web.secret", nil)
	errBody   = bot.Errorf(bot.EINVALID, "web.bad_update", nil)
)

// Authentic returns bot.EUNAUTHORIZED unless h carries the secret token:
// the header alone proves an update genuine, so the body need not be read
// first.
func (w *Webhook) Authentic(h http.Header) error {
	if !CheckSecret(h.Get(SecretHeader), w.SecretToken) {
		return errSecret
	}
	return nil
}

// Inbound checks the secret token and returns the message the update
// carries: a text, the largest size of a photo or a JPEG or PNG document to
// fetch, or another file (or an empty message) that is asked for a photo.
// An update without a new message, or from a group chat, carries none: the
// bot answers one-to-one chats only. Errors: bot.EUNAUTHORIZED when the
// secret is missing or wrong, bot.EINVALID when the body is not an update.
func (w *Webhook) Inbound(_ context.Context, h http.Header, body []byte) ([]bot.Inbound, error) {
	if err := w.Authentic(h); err != nil {
		return nil, err
	}
	m, err := Parse(body)
	switch {
	case errors.Is(err, ErrNoMessage):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("%w: %w", errBody, err)
	case !m.Private:
		return nil, nil
	}
	return []bot.Inbound{w.inbound(m)}, nil
}

// inbound turns a private chat's message into an Inbound.
func (w *Webhook) inbound(m Message) bot.Inbound {
	chat := strconv.FormatInt(m.ChatID, 10)
	in := bot.Inbound{Channel: bot.ChannelTelegram, ChatKey: w.ChatKey(chat), ReplyTo: chat,
		MessageID: strconv.FormatInt(m.MessageID, 10), Text: m.Text, Language: m.Language, ReceivedAt: m.At}
	switch {
	case m.IsPhoto || m.FileID != "" && (m.MimeType == "image/jpeg" || m.MimeType == "image/png"):
		in.MediaRef = m.FileID
	case m.FileID != "" || m.Text == "":
		in.Document = true
	}
	return in
}

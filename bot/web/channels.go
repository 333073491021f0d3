package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/facebook"
	"github.com/apobot/apobot/bot/meta"
	"github.com/apobot/apobot/bot/threema"
)

// Threema holds what the Threema Gateway's callback needs: the gateway ID
// messages must be addressed to, the API secret the MAC is made with, and
// an Opener that finds the sender's public key and opens the box.
type Threema struct {
	ID     string
	Secret string
	Opener interface {
		Open(ctx context.Context, c threema.Callback) (threema.Message, error)
	}
}

// Messenger holds the secrets the Facebook Messenger webhook checks.
type Messenger struct {
	AppSecret   string // signs every POST (X-Hub-Signature-256)
	VerifyToken string // answers the subscription handshake
	PageID      string // messages to other pages are dropped
}

var (
	errBox     = &httpError{http.StatusBadRequest, "web.box", nil, nil}
	errGateway = &httpError{http.StatusServiceUnavailable, "web.gateway", nil, nil}
)

// threemaWebhook checks the callback's MAC, opens its box and stores the
// message (once per sender and message id); delivery receipts are
// acknowledged and dropped. A box that does not open, or a date more than
// threema.MaxAhead ahead of the clock, is a 400 and nothing is stored; a
// sender whose key the gateway cannot give now is a 503, so
// the gateway delivers again.
func (s *Server) threemaWebhook(c echo.Context) error {
	th := s.cfg.Threema
	if th == nil {
		return errChannelOff
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	cb, err := threema.ParseCallback(body, th.Secret, s.now())
	switch {
	case errors.Is(err, threema.ErrMAC):
		return errSignature
	case err != nil || cb.To != th.ID:
		return errBadBody
	}
	m, err := th.Opener.Open(c.Request().Context(), cb)
	var status *threema.StatusError
	switch {
	case errors.Is(err, threema.ErrBox), errors.As(err, &status) && status.Status == http.StatusNotFound:
		return errBox
	case err != nil:
		s.log.Warn("threema: sender's key", "err", err)
		return errGateway
	case m.Kind == threema.Control:
		return c.NoContent(http.StatusOK)
	}
	in := bot.Inbound{Channel: bot.ChannelThreema, ChatKey: s.cfg.ChatKey(bot.ChannelThreema, cb.From), ReplyTo: cb.From,
		MessageID: cb.MessageID, Text: m.Text, ReceivedAt: cb.At}
	switch {
	case m.Kind == threema.File && m.File.Image():
		in.MediaRef = m.File.Ref()
	case m.Kind != threema.Text:
		in.Document = true // another file, audio, video, a location: asked for a photo
	}
	if err := s.receive(c, in); err != nil {
		return err
	}
	return c.NoContent(http.StatusOK)
}

// messengerVerify answers the Messenger Platform's subscription handshake.
func (s *Server) messengerVerify(c echo.Context) error {
	if s.cfg.Messenger == nil {
		return errChannelOff
	}
	return handshake(c, s.cfg.Messenger.VerifyToken)
}

// messengerWebhook checks the signature on the exact bytes received,
// stores every customer message (once per message id) and answers 200;
// echoes, reads and deliveries are acknowledged and dropped.
func (s *Server) messengerWebhook(c echo.Context) error {
	fm := s.cfg.Messenger
	if fm == nil {
		return errChannelOff
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	if !meta.Verify(body, c.Request().Header.Get(meta.SignatureHeader), fm.AppSecret) {
		return errSignature
	}
	u, err := facebook.Parse(body)
	if err != nil {
		return errBadBody
	}
	for _, m := range u.Messages {
		if fm.PageID != "" && m.PageID != fm.PageID {
			continue
		}
		in := bot.Inbound{Channel: bot.ChannelMessenger, ChatKey: s.cfg.ChatKey(bot.ChannelMessenger, m.From), ReplyTo: m.From,
			MessageID: m.ID, Text: m.Text, MediaRef: m.ImageURL, Document: m.Document, ReceivedAt: m.At}
		if in.Text == "" && in.MediaRef == "" && !in.Document {
			continue // a sticker or a reaction without text: nothing to answer
		}
		if err := s.receive(c, in); err != nil {
			return err
		}
	}
	return c.NoContent(http.StatusOK)
}

package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/meta"
)

// maxWebhookBody bounds a webhook body; the platforms send a few kB.
const maxWebhookBody = "1M"

// Webhook is a channel's webhook (bot/whatsapp, bot/telegram, bot/threema,
// bot/facebook): what the platform's POST proves and carries.
type Webhook interface {
	// Inbound proves a POST genuine from its header and exact body bytes
	// and returns the messages it carries, none when there is nothing to
	// answer. Errors: bot.EUNAUTHORIZED (the signature, secret or MAC is
	// missing or wrong), bot.EINVALID (the body is not the platform's; nothing
	// of it is taken), bot.EUNAVAILABLE (it cannot be read now; the platform
	// delivers again).
	Inbound(ctx context.Context, h http.Header, body []byte) ([]bot.Inbound, error)
}

// authentic is a Webhook whose header alone proves a POST genuine: it is
// checked before the body is read.
type authentic interface {
	Authentic(h http.Header) error
}

var errChannelOff = &httpError{http.StatusNotFound, "web.channel_off", nil, nil}

// webhook answers a channel's POSTs: hook (nil: the channel is off) checks
// the request and reads its messages, each stored once per message id, and
// the answer is 200. The work happens after the answer.
func (s *Server) webhook(hook Webhook) echo.HandlerFunc {
	return func(c echo.Context) error {
		if hook == nil {
			return errChannelOff
		}
		if a, ok := hook.(authentic); ok {
			if err := a.Authentic(c.Request().Header); err != nil {
				return err
			}
		}
		body, err := readBody(c)
		if err != nil {
			return err
		}
		ins, err := hook.Inbound(c.Request().Context(), c.Request().Header, body)
		if err != nil {
			return err
		}
		for _, in := range ins {
			if err := s.receive(c, in); err != nil {
				return err
			}
		}
		return c.NoContent(http.StatusOK)
	}
}

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

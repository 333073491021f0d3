package threema

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/apobot/apobot/bot"
)

// Opener opens a callback's box with the sender's public key (Client).
type Opener interface {
	// Open returns the opened message; ErrBox when the box does not open,
	// a StatusError 404 when the gateway knows no such sender, another
	// error when the sender's key cannot be had now.
	Open(ctx context.Context, c Callback) (Message, error)
}

// Webhook turns a gateway callback into the message apobot answers.
type Webhook struct {
	ID     string // the gateway ID messages must be addressed to
	Secret string // the API secret the MAC is made with
	Opener Opener
	Now    func() time.Time // the clock a callback's date is checked against; default time.Now
	// ChatKey turns a sender's Threema ID into the pseudonym stored
	// instead.
	ChatKey func(from string) string
}

// The errors Inbound returns, with the catalogue message the edge answers.
var (
	errMAC     = bot.Errorf(bot.EUNAUTHORIZED, "web.signature", nil)
	errBody    = bot.Errorf(bot.EINVALID, "web.bad_update", nil)
	errBox     = bot.Errorf(bot.EINVALID, "web.box", nil)
	errGateway = bot.Errorf(bot.EUNAVAILABLE, "web.gateway", nil)
)

// Inbound checks the callback's MAC, opens its box and returns the message
// it carries: a text, an image to fetch, or another file, audio, video or
// location, which is asked for a photo. A delivery receipt or typing
// indicator carries none. Errors: bot.EUNAUTHORIZED when the MAC is
// missing or wrong; bot.EINVALID when a field is malformed, the callback
// is addressed to another ID, dated more than MaxAhead ahead of the clock,
// or its box does not open; bot.EUNAVAILABLE, with the cause, when the
// gateway cannot give the sender's key now, so it delivers again.
func (w *Webhook) Inbound(ctx context.Context, _ http.Header, body []byte) ([]bot.Inbound, error) {
	cb, err := ParseCallback(body, w.Secret, w.now())
	switch {
	case errors.Is(err, ErrMAC):
		return nil, errMAC
	case err != nil:
		return nil, fmt.Errorf("%w: %w", errBody, err)
	case cb.To != w.ID:
		return nil, fmt.Errorf("%w: addressed to another gateway ID", errBody)
	}
	m, err := w.Opener.Open(ctx, cb)
	var status *StatusError
	switch {
	case errors.Is(err, ErrBox), errors.As(err, &status) && status.Status == http.StatusNotFound:
		return nil, fmt.Errorf("%w: %w", errBox, err)
	case err != nil:
		return nil, fmt.Errorf("%w: the sender's key: %w", errGateway, err)
	case m.Kind == Control:
		return nil, nil
	}
	return []bot.Inbound{w.inbound(cb, m)}, nil
}

// inbound turns an opened message into an Inbound.
func (w *Webhook) inbound(cb Callback, m Message) bot.Inbound {
	in := bot.Inbound{Channel: bot.ChannelThreema, ChatKey: w.ChatKey(cb.From), ReplyTo: cb.From,
		MessageID: cb.MessageID, Text: m.Text, ReceivedAt: cb.At}
	switch {
	case m.Kind == File && m.File.Image():
		in.MediaRef = m.File.Ref()
	case m.Kind != Text:
		in.Document = true // another file, audio, video, a location: asked for a photo
	}
	return in
}

func (w *Webhook) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

var _ Opener = (*Client)(nil)

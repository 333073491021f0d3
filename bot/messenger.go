package bot

import (
	"context"
	"errors"
	"time"
)

// Messenger is a third-party channel (WhatsApp, Telegram) as the engine uses
// it. The web chat has none: its replies are stored and fetched by the page.
type Messenger interface {
	// Send delivers text to a reply address and returns the platform's id of
	// the message. lastInbound is the customer's last message: WhatsApp
	// allows free-form replies only within 24 hours of it, and Send returns
	// ErrWindowClosed when it can deliver nothing.
	Send(ctx context.Context, to, text string, lastInbound time.Time) (string, error)
	// Fetch downloads the photo a message referred to.
	Fetch(ctx context.Context, ref string) ([]byte, error)
}

// Eraser is a Messenger that can also delete messages on the platform
// (Telegram's deleteMessage), as far as the platform still allows.
type Eraser interface {
	Erase(ctx context.Context, to string, platformIDs []string) error
}

// ErrWindowClosed is returned by Send when the platform refuses a message
// now (WhatsApp, more than 24 hours after the customer's last message,
// without a configured template): the request waits for staff.
var ErrWindowClosed = errors.New("bot: the platform's reply window is closed")

package bot

import "time"

// MaxText bounds a customer's text; longer messages are refused.
const MaxText = 2000

// Receipt is what Receive did with a message.
type Receipt struct {
	MessageID      int64
	ConversationID int64
	Duplicate      bool // the platform delivered it before: stored once
}

// RedeliveryWindow is how long a platform may deliver a message again
// (WhatsApp retries a webhook for up to 7 days): message ids are kept as
// handled for this long, and older messages are refused.
const RedeliveryWindow = 7 * 24 * time.Hour

// Observer counts what the engine does, for /metrics: counts and durations
// only, never content.
type Observer interface {
	// Received counts a message taken in (duplicate: a redelivery).
	Received(ch Channel, duplicate bool)
	// Scanned counts a photo read, by outcome: certain (a PZN or an
	// e-prescription), maybe, text (product text only), nothing, invalid,
	// error.
	Scanned(outcome string, took time.Duration)
	// Understood counts a typed message by how much of it the bot could
	// place: understood, partly (the rest handed over), not understood.
	Understood(ch Channel, u Understanding)
}

// PhotoRef names a stored photo message.
type PhotoRef struct {
	MessageID      int64
	ConversationID int64
}

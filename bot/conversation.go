package bot

import "time"

// Channel is where a customer writes from.
type Channel string

// The channels. The web chat is the pharmacy's own; the messengers are third
// parties with their own privacy rules.
const (
	ChannelWeb      Channel = "web"
	ChannelWhatsApp Channel = "whatsapp"
	ChannelTelegram Channel = "telegram"
)

// Inbound is one message as a channel adapter hands it over, after proving
// it genuine. ChatKey is a keyed HMAC of the messenger's chat id, never the id
// itself; Photo holds the image bytes in memory, fetched from the platform.
type Inbound struct {
	Channel    Channel
	ChatKey    string
	MessageID  string // the platform's id: redelivered webhooks are stored once
	Text       string
	Photo      []byte
	ReceivedAt time.Time
}

// Conversation is a chat with one customer on one channel, until the request
// is handled or the customer deletes it.
type Conversation struct {
	ID         int64
	Channel    Channel
	ChatKey    string
	Language   string // "de" or "en", following the customer
	PreOrderID int64  // the request it led to, 0 before
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// Message is one message of a conversation, from the customer or the bot.
type Message struct {
	ID        int64
	FromBot   bool
	Text      string // redacted before it is stored
	HasPhoto  bool
	CreatedAt time.Time
}

package bot

import (
	"time"

	"github.com/apobot/apobot/pzn"
)

// Channel is where a customer writes from.
type Channel string

// The channels. The web chat is the pharmacy's own; the messengers are third
// parties with their own privacy rules.
const (
	ChannelWeb       Channel = "web"
	ChannelWhatsApp  Channel = "whatsapp"
	ChannelTelegram  Channel = "telegram"
	ChannelThreema   Channel = "threema"
	ChannelMessenger Channel = "messenger" // Facebook Messenger
)

// Inbound is one message as a channel adapter hands it over, after proving
// it genuine. ChatKey is a keyed HMAC of the messenger's chat id, never the id
// itself; ReplyTo is the address replies go to (stored sealed only).
type Inbound struct {
	Channel    Channel
	ChatKey    string
	ReplyTo    string // the messenger id replies go to; empty for the web chat
	MessageID  string // the platform's id: redelivered webhooks are stored once
	Text       string
	Photo      []byte // an image sent with the message (web chat)
	MediaRef   string // or the platform's id of it, fetched by the worker
	Document   bool   // a file that is not a photo: the customer is asked for one
	Language   string // the client's language when the platform tells it
	ReceivedAt time.Time
}

// Conversation is a chat with one customer on one channel, until the request
// is handled or the customer deletes it.
type Conversation struct {
	ID         int64
	Channel    Channel
	ChatKey    string
	Language   string    // "de" or "en", following the customer
	PreOrderID int64     // the open request it led to, 0 before
	Question   []pzn.PZN // candidates the bot asked the customer to choose from
	Asked      int       // packs the customer wanted of the product asked about; 0: not said
	Offer      []pzn.PZN // products of the name asked for, in forms other than the one asked ("dann die Tabletten")
	Next       []pzn.PZN // the next choice to put, once Question is answered ("Ibu 400 und Paracetamol 500")
	NextAsked  int       // packs wanted of Next's product
	Medical    bool      // the customer asked something only a pharmacist may answer
	Noticed    bool      // the privacy notice has been sent
	Notify     bool      // the customer asked to be told when the order is ready
	EraseAsked bool      // the bot asked whether to erase the chat: "ja" now does
	Branch     string    // the branch the customer picks up at; "" not chosen (or no branches)
	// BranchAsked is the message the bot asked "which branch?" about; it is
	// answered once the customer chose. 0: not asked; -1: asked, with no
	// message to answer then.
	BranchAsked int64
	// Version is the version of the state read; a turn's answer is only
	// recorded over it (another process may have moved the chat on).
	Version    int64
	CreatedAt  time.Time
	LastSeenAt time.Time // the customer's last message
}

// Message is one message of a conversation, from the customer or the bot.
type Message struct {
	ID         int64
	PlatformID string // the platform's id, to delete it there (Telegram)
	FromBot    bool
	Text       string // redacted before it is stored
	HasPhoto   bool
	Photo      []byte // only from Unprocessed
	MediaRef   string // only from Unprocessed
	Document   bool
	CreatedAt  time.Time
}

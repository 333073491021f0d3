package web

import (
	"context"
	"time"

	"github.com/apobot/apobot/bot"
)

// Engine is what the server needs of the conversation engine: it takes
// messages in, opens and erases chats, and carries out the staff's
// decisions. The engine of bot/engine is one; tests may bring another.
type Engine interface {
	// Receive stores a customer's message and schedules its answer.
	Receive(ctx context.Context, in bot.Inbound) (bot.Receipt, error)
	// ReservePhoto holds room for one more photo in the scanner's queue;
	// false when it is full.
	ReservePhoto() (release func(), ok bool)
	// StartWebAt opens a web chat, at a branch when branch is not "".
	StartWebAt(ctx context.Context, chatKey, lang, branch string) (bot.Conversation, error)
	// SetLanguage sets the language a chat is answered in.
	SetLanguage(ctx context.Context, convID int64, lang string) error
	// Erase deletes a conversation now.
	Erase(ctx context.Context, convID int64) error
	// InventoryChanged says the stock was imported anew.
	InventoryChanged()
	Decisions
}

// Decisions are what the tablet's decisions need of the engine.
type Decisions interface {
	Approve(ctx context.Context, id int64, pickupAt time.Time) (bot.PreOrder, error)
	Reject(ctx context.Context, id int64, reason string) (bot.PreOrder, error)
	Correct(ctx context.Context, id int64, items []bot.Item) (bot.PreOrder, error)
	Ready(ctx context.Context, code bot.PickupCode) (bot.PreOrder, error)
	HandOut(ctx context.Context, code bot.PickupCode) (bot.PreOrder, error)
}

package bot

import (
	"context"
	"errors"
	"time"

	"github.com/apobot/apobot/pzn"
)

// Inventory is the stock the bot matches requests against (store.DB).
type Inventory interface {
	// Products returns the whole inventory.
	Products(ctx context.Context) ([]Product, error)
	// Product returns one product; an ENOTFOUND Error when the pharmacy does
	// not carry it.
	Product(ctx context.Context, z pzn.PZN) (Product, error)
}

// PreOrders files and moves pre-orders (store.DB).
type PreOrders interface {
	// CreatePreOrder files po as received, with a new pickup code, and
	// reserves what is on the shelf; EINVALID for an empty order.
	CreatePreOrder(ctx context.Context, po *PreOrder) error
	// PreOrder returns one pre-order; ENOTFOUND when there is none.
	PreOrder(ctx context.Context, id int64) (PreOrder, error)
	// PreOrderByCode finds a pre-order by its pickup code; ENOTFOUND when
	// there is none.
	PreOrderByCode(ctx context.Context, c PickupCode) (PreOrder, error)
	// SetStatus moves a pre-order on; ECONFLICT when its lifecycle does not
	// allow it, ENOTFOUND when there is none.
	SetStatus(ctx context.Context, id int64, to Status, pickupAt time.Time, reason string) (PreOrder, error)
	// Revise replaces the items, flags and branch of a pre-order that is
	// not yet approved, reserving anew at branch; ECONFLICT once it is
	// approved or closed.
	Revise(ctx context.Context, id int64, branch string, items []Item, flags Flags) (PreOrder, error)
}

// Conversations keeps chats, their content sealed (store.DB). Methods taking
// a conversation id return an ENOTFOUND Error once it is deleted.
type Conversations interface {
	// SaveInbound stores a customer's message (its text already redacted),
	// creating the conversation on first contact; dup reports a message
	// whose platform id the conversation already has, which is not stored
	// again.
	SaveInbound(ctx context.Context, in Inbound) (conv Conversation, msgID int64, dup bool, err error)
	// StartConversation returns the conversation of chatKey, creating it.
	// A new one, or one not yet greeted, gets in the same transaction
	// greet's text in its language as its first reply, and branch.
	StartConversation(ctx context.Context, ch Channel, chatKey, lang, branch string, greet func(lang string) string) (Conversation, error)
	// Conversation returns one conversation.
	Conversation(ctx context.Context, id int64) (Conversation, error)
	// ConversationByKey returns the conversation of a chat key.
	ConversationByKey(ctx context.Context, chatKey string) (Conversation, error)
	// ConversationOf returns the conversation that led to a pre-order.
	ConversationOf(ctx context.Context, preorderID int64) (Conversation, error)
	// UpdateConversation saves c's language, pre-order, question and flags.
	UpdateConversation(ctx context.Context, c Conversation) error
	// Unprocessed returns the customer's messages not yet worked on, oldest
	// first, with photos and media references opened.
	Unprocessed(ctx context.Context, convID int64) ([]Message, error)
	// MarkProcessed records that a message was worked on, keeping the photo
	// it brought (for staff) and what was read from it, both sealed.
	MarkProcessed(ctx context.Context, convID, msgID int64, photo, findings []byte) error
	// ForgetPhoto erases what a customer's message brought besides its
	// text (its photo, findings and media reference): content its channel
	// does not take.
	ForgetPhoto(ctx context.Context, convID, msgID int64) error
	// Answer records in one transaction what answering message msgID
	// produced: c's state, the replies (sent, or waiting in the outbox),
	// and the message marked processed with its photo and findings. It
	// returns the replies' ids.
	Answer(ctx context.Context, c Conversation, msgID int64, replies []string, sent bool, photo, findings []byte) ([]int64, error)
	// SendUnsent calls send for an outbox reply that is still unsent and
	// records the platform's id it returns; sent is false when another
	// process sends or sent it.
	SendUnsent(ctx context.Context, convID, replyID int64, send func(context.Context) (string, error)) (sent bool, err error)
	// SaveReply stores a reply of the bot, with the platform's id of it.
	SaveReply(ctx context.Context, convID int64, text, platformID string) (int64, error)
	// SaveUnsent stores a reply the platform did not take yet (WhatsApp's
	// 24-hour window); it waits for the customer's next message.
	SaveUnsent(ctx context.Context, convID int64, text string) (int64, error)
	// Unsent returns the replies waiting to be sent, oldest first; sending
	// one goes through SendUnsent.
	Unsent(ctx context.Context, convID int64) ([]Message, error)
	// Messages returns the messages after message id after, oldest first.
	Messages(ctx context.Context, convID, after int64) ([]Message, error)
	// ReplyAddress opens the conversation's reply address ("" for web chats).
	ReplyAddress(ctx context.Context, convID int64) (string, error)
	// Backlog lists conversations with unprocessed messages, oldest first.
	Backlog(ctx context.Context) ([]int64, error)
	// UnreadPhotos lists the customers' photo messages not yet processed.
	UnreadPhotos(ctx context.Context) ([]PhotoRef, error)
	// DeleteConversation erases a conversation: messages, photos, reply
	// address and its key; in the same transaction its pre-orders that no
	// pharmacist decided on yet are cancelled (nobody could be told of them).
	DeleteConversation(ctx context.Context, convID int64) error
	// StripConversation deletes a conversation's messages and question but
	// keeps its key and reply address (to tell the customer "ready").
	StripConversation(ctx context.Context, convID int64) error
	// ResetConversation erases a conversation like DeleteConversation and,
	// in the same transaction, begins a new one under the same chat key
	// (with a new key) holding only the bot's reply: the web chat's session
	// never sees a moment without its chat. Approved pre-orders move along.
	ResetConversation(ctx context.Context, convID int64, reply string) (Conversation, error)
}

// Claims keep a conversation's work to one apobot process at a time when
// several share a database (store.DB on PostgreSQL); nil when one process
// serves (SQLite). A claim is a lease the working process renews; one left
// by a process that died runs out.
type Claims interface {
	// Claim takes conversation convID for owner until now+lease, or renews
	// owner's claim; false when another owner's claim has not run out.
	Claim(ctx context.Context, convID int64, owner string, now time.Time, lease time.Duration) (bool, error)
	// Release gives owner's claim up and returns the id of the newest
	// customer message still unprocessed (0: none).
	Release(ctx context.Context, convID int64, owner string) (newest int64, err error)
}

// ErrAnsweredElsewhere: a message was answered, or its chat's state
// changed, by another process (whose claim this one's outlived); the turn
// that found it is not recorded, and the message is worked on again from
// the new state if it is still unanswered.
var ErrAnsweredElsewhere = errors.New("the message was answered by another process")

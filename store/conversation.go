package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/pzn"
	"github.com/apobot/apobot/store/seal"
)

// errNoMaster is returned by every conversation method of a store opened
// without a master key.
var errNoMaster = errors.New("store: no master key: conversations cannot be stored")

// errGone is the answer for a conversation that no longer exists.
var errGone = bot.Errorf(bot.ENOTFOUND, "Dieser Chat ist gelöscht.", "This chat has been deleted.")

// StartConversation returns the conversation of chatKey, creating it (with
// its own key, wrapped by the master key) when there is none.
func (db *DB) StartConversation(ctx context.Context, ch bot.Channel, chatKey, lang string) (bot.Conversation, error) {
	if db.master == nil {
		return bot.Conversation{}, errNoMaster
	}
	var conv bot.Conversation
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, _, err := db.conversationFor(tx, bot.Inbound{Channel: ch, ChatKey: chatKey, Language: lang})
		conv = row.conversation(nil)
		return err
	})
	if err != nil {
		return bot.Conversation{}, fmt.Errorf("start conversation: %w", err)
	}
	return conv, nil
}

// conversationFor finds the conversation of in's chat key or starts one, and
// returns it with its key unwrapped. A reply address in is sealed into it.
func (db *DB) conversationFor(tx *gorm.DB, in bot.Inbound) (conversationRow, seal.Key, error) {
	var row conversationRow
	err := tx.First(&row, "chat_key = ?", in.ChatKey).Error
	switch {
	case err == nil:
		k, err := seal.Unwrap(*db.master, row.SealedKey, keyAD(in.ChatKey))
		return row, k, err
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return row, seal.Key{}, err
	}
	k, err := seal.NewKey()
	if err != nil {
		return row, seal.Key{}, err
	}
	row = conversationRow{Channel: string(in.Channel), ChatKey: in.ChatKey, Language: language(in.Language), LastSeenAt: db.now()}
	if row.SealedKey, err = seal.Wrap(*db.master, k, keyAD(in.ChatKey)); err != nil {
		return row, seal.Key{}, err
	}
	if in.ReplyTo != "" {
		if row.ReplyTo, err = seal.Seal(k, []byte(in.ReplyTo), stateAD(in.ChatKey, "reply_to")); err != nil {
			return row, seal.Key{}, err
		}
	}
	return row, k, tx.Create(&row).Error
}

// language keeps the two languages the bot speaks; anything else is German.
func language(s string) string {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return "en"
	}
	return "de"
}

// Conversation returns conversation id; bot.ENOTFOUND once it is deleted.
func (db *DB) Conversation(ctx context.Context, id int64) (bot.Conversation, error) {
	return db.findConversation(ctx, "id = ?", id)
}

// ConversationByKey returns the conversation of a chat key.
func (db *DB) ConversationByKey(ctx context.Context, chatKey string) (bot.Conversation, error) {
	return db.findConversation(ctx, "chat_key = ?", chatKey)
}

// ConversationOf returns the conversation that led to pre-order id.
func (db *DB) ConversationOf(ctx context.Context, preorderID int64) (bot.Conversation, error) {
	var po preorderRow
	if err := db.gorm.WithContext(ctx).Select("conversation_id").First(&po, "id = ?", preorderID).Error; err != nil || po.ConversationID == nil {
		if err == nil || errors.Is(err, gorm.ErrRecordNotFound) {
			return bot.Conversation{}, errGone
		}
		return bot.Conversation{}, fmt.Errorf("conversation of pre-order: %w", err)
	}
	return db.Conversation(ctx, *po.ConversationID)
}

func (db *DB) findConversation(ctx context.Context, where string, arg any) (bot.Conversation, error) {
	if db.master == nil {
		return bot.Conversation{}, errNoMaster
	}
	row, key, err := db.conversationRow(db.gorm.WithContext(ctx), where, arg)
	if err != nil {
		return bot.Conversation{}, err
	}
	var question []pzn.PZN
	if len(row.Question) > 0 {
		plain, err := seal.Open(key, row.Question, stateAD(row.ChatKey, "question"))
		if err != nil {
			return bot.Conversation{}, fmt.Errorf("conversation question: %w", err)
		}
		for _, s := range strings.Fields(string(plain)) {
			question = append(question, pzn.PZN(s))
		}
	}
	return row.conversation(question), nil
}

// conversationRow loads a row and unwraps its key.
func (db *DB) conversationRow(tx *gorm.DB, where string, arg any) (conversationRow, seal.Key, error) {
	var row conversationRow
	if err := tx.First(&row, where, arg).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return row, seal.Key{}, errGone
		}
		return row, seal.Key{}, fmt.Errorf("find conversation: %w", err)
	}
	key, err := seal.Unwrap(*db.master, row.SealedKey, keyAD(row.ChatKey))
	if err != nil {
		return row, seal.Key{}, fmt.Errorf("conversation key: %w", err)
	}
	return row, key, nil
}

// UpdateConversation saves c's language, open pre-order, question (sealed)
// and flags, and links the pre-order to the conversation.
func (db *DB) UpdateConversation(ctx context.Context, c bot.Conversation) error {
	if db.master == nil {
		return errNoMaster
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, _, err := updateConversation(tx, *db.master, c)
		return err
	})
	if err != nil {
		return fmt.Errorf("update conversation: %w", err)
	}
	return nil
}

// updateConversation writes c's state in tx and returns the row and key.
func updateConversation(tx *gorm.DB, master seal.Key, c bot.Conversation) (conversationRow, seal.Key, error) {
	var row conversationRow
	if err := tx.First(&row, "id = ?", c.ID).Error; err != nil {
		return row, seal.Key{}, notFoundConv(err)
	}
	key, err := seal.Unwrap(master, row.SealedKey, keyAD(row.ChatKey))
	if err != nil {
		return row, key, err
	}
	updates := map[string]any{"language": language(c.Language), "medical": c.Medical, "noticed": c.Noticed, "notify": c.Notify,
		"preorder_id": nil, "question": nil}
	if c.PreOrderID != 0 {
		updates["preorder_id"] = c.PreOrderID
		if err := tx.Model(&preorderRow{}).Where("id = ?", c.PreOrderID).Update("conversation_id", c.ID).Error; err != nil {
			return row, key, err
		}
	}
	if len(c.Question) > 0 {
		parts := make([]string, len(c.Question))
		for i, z := range c.Question {
			parts[i] = string(z)
		}
		if updates["question"], err = seal.Seal(key, []byte(strings.Join(parts, " ")), stateAD(row.ChatKey, "question")); err != nil {
			return row, key, err
		}
	}
	return row, key, tx.Model(&conversationRow{}).Where("id = ?", c.ID).Updates(updates).Error
}

func notFoundConv(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errGone
	}
	return err
}

// ReplyAddress opens the conversation's reply address.
func (db *DB) ReplyAddress(ctx context.Context, convID int64) (string, error) {
	if db.master == nil {
		return "", errNoMaster
	}
	row, key, err := db.conversationRow(db.gorm.WithContext(ctx), "id = ?", convID)
	if err != nil || len(row.ReplyTo) == 0 {
		return "", err
	}
	addr, err := seal.Open(key, row.ReplyTo, stateAD(row.ChatKey, "reply_to"))
	if err != nil {
		return "", fmt.Errorf("reply address: %w", err)
	}
	return string(addr), nil
}

// DeleteConversation erases a conversation in one transaction: its messages,
// photos, reply address and its key (whose loss alone makes any copy of the
// sealed bytes unreadable). With secure_delete the freed pages are
// overwritten.
func (db *DB) DeleteConversation(ctx context.Context, convID int64) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, err := deleteConversation(tx, convID)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete conversation: %w", err)
	}
	return nil
}

// ResetConversation erases conversation convID and begins a new one under
// its chat key, holding only reply, in one transaction.
func (db *DB) ResetConversation(ctx context.Context, convID int64, reply string) (bot.Conversation, error) {
	if db.master == nil {
		return bot.Conversation{}, errNoMaster
	}
	var conv bot.Conversation
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		old, err := deleteConversation(tx, convID)
		if err != nil {
			return err
		}
		row, key, err := db.conversationFor(tx, bot.Inbound{Channel: bot.Channel(old.Channel), ChatKey: old.ChatKey, Language: old.Language})
		if err != nil {
			return err
		}
		m := messageRow{ConversationID: row.ID, PlatformID: "bot:reset", FromBot: true, Processed: true}
		if err := sealMessage(key, &m, reply, nil, ""); err != nil {
			return err
		}
		conv = row.conversation(nil)
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		// Approved pre-orders follow the chat, so "ready" can still be told.
		var moved []int64
		if err := tx.Model(&preorderRow{}).Where("id IN ? AND status IN ?", old.preorders,
			[]string{string(bot.StatusApproved), string(bot.StatusReady)}).Pluck("id", &moved).Error; err != nil || len(moved) == 0 {
			return err
		}
		if err := tx.Model(&preorderRow{}).Where("id IN ?", moved).Update("conversation_id", row.ID).Error; err != nil {
			return err
		}
		conv.PreOrderID = moved[len(moved)-1]
		return tx.Model(&conversationRow{}).Where("id = ?", row.ID).Update("preorder_id", conv.PreOrderID).Error
	})
	if err != nil {
		return bot.Conversation{}, fmt.Errorf("reset conversation: %w", err)
	}
	return conv, nil
}

// deleted is what deleteConversation removed.
type deleted struct {
	conversationRow
	preorders []int64 // the pre-orders it was linked to
}

// deleteConversation deletes a conversation's rows and returns what it was.
func deleteConversation(tx *gorm.DB, convID int64) (deleted, error) {
	var d deleted
	if err := tx.First(&d.conversationRow, "id = ?", convID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return d, errGone
		}
		return d, err
	}
	if err := tx.Model(&preorderRow{}).Where("conversation_id = ?", convID).Pluck("id", &d.preorders).Error; err != nil {
		return d, err
	}
	row := d.conversationRow
	if err := tx.Where("conversation_id = ?", convID).Delete(&messageRow{}).Error; err != nil {
		return d, err
	}
	if err := tx.Model(&preorderRow{}).Where("conversation_id = ?", convID).Update("conversation_id", nil).Error; err != nil {
		return d, err
	}
	return d, tx.Delete(&conversationRow{}, "id = ?", row.ID).Error
}

// StripConversation deletes a conversation's messages, photos and question
// but keeps its key, its sealed reply address and replies not yet sent: the
// customer asked to be told when the order is ready, or a reply waits for
// the platform's window.
func (db *DB) StripConversation(ctx context.Context, convID int64) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("conversation_id = ? AND NOT (from_bot = ? AND processed = ?)", convID, true, false).
			Delete(&messageRow{}).Error; err != nil {
			return err
		}
		return tx.Model(&conversationRow{}).Where("id = ?", convID).Update("question", nil).Error
	})
	if err != nil {
		return fmt.Errorf("strip conversation: %w", err)
	}
	return nil
}

// keyAD binds a wrapped key to its conversation; stateAD binds a sealed
// conversation field to it.
func keyAD(chatKey string) []byte { return []byte("conversation\x00" + chatKey) }

func stateAD(chatKey, field string) []byte {
	return []byte("conversation\x00" + chatKey + "\x00" + field)
}

func (r conversationRow) conversation(question []pzn.PZN) bot.Conversation {
	c := bot.Conversation{ID: r.ID, Channel: bot.Channel(r.Channel), ChatKey: r.ChatKey, Language: r.Language,
		Question: question, Medical: r.Medical, Noticed: r.Noticed, Notify: r.Notify, CreatedAt: r.CreatedAt, LastSeenAt: r.LastSeenAt}
	if r.PreorderID != nil {
		c.PreOrderID = *r.PreorderID
	}
	return c
}

package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// errNoMaster is returned by every conversation method of a store opened
// without a master key.
var errNoMaster = errors.New("store: no master key: conversations cannot be stored")

// SaveInbound stores a customer's message, sealed with its conversation's
// key, creating the conversation (with a new key, wrapped by the master key)
// on first contact. A message whose platform id the conversation already has
// is not stored again: dup is true. in.Text must be redacted already.
func (db *DB) SaveInbound(ctx context.Context, in bot.Inbound) (conv bot.Conversation, msgID int64, dup bool, err error) {
	if db.master == nil {
		return bot.Conversation{}, 0, false, errNoMaster
	}
	err = db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, key, err := db.conversationFor(tx, in)
		if err != nil {
			return err
		}
		conv = row.conversation()
		var n int64
		if err := tx.Model(&messageRow{}).Where("conversation_id = ? AND platform_id = ?", row.ID, in.MessageID).Count(&n).Error; err != nil {
			return err
		}
		if dup = n > 0; dup {
			return nil
		}
		m := messageRow{ConversationID: row.ID, PlatformID: in.MessageID}
		if m.Text, err = sealField(key, row.ID, in.MessageID, "text", []byte(in.Text)); err != nil {
			return err
		}
		if len(in.Photo) > 0 {
			if m.Photo, err = sealField(key, row.ID, in.MessageID, "photo", in.Photo); err != nil {
				return err
			}
		}
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		msgID = m.ID
		return tx.Model(&conversationRow{}).Where("id = ?", row.ID).Update("last_seen_at", db.now()).Error
	})
	if err != nil {
		return bot.Conversation{}, 0, false, fmt.Errorf("save message: %w", err)
	}
	return conv, msgID, dup, nil
}

// conversationFor finds the conversation of in's chat key or starts one, and
// returns it with its key unwrapped.
func (db *DB) conversationFor(tx *gorm.DB, in bot.Inbound) (conversationRow, seal.Key, error) {
	var row conversationRow
	err := tx.First(&row, "chat_key = ?", in.ChatKey).Error
	if err == nil {
		k, err := seal.Unwrap(*db.master, row.SealedKey, keyAD(in.ChatKey))
		return row, k, err
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return row, seal.Key{}, err
	}
	k, err := seal.NewKey()
	if err != nil {
		return row, seal.Key{}, err
	}
	wrapped, err := seal.Wrap(*db.master, k, keyAD(in.ChatKey))
	if err != nil {
		return row, seal.Key{}, err
	}
	row = conversationRow{Channel: string(in.Channel), ChatKey: in.ChatKey, SealedKey: wrapped, LastSeenAt: db.now()}
	return row, k, tx.Create(&row).Error
}

// Messages returns a conversation's messages, opened, oldest first.
func (db *DB) Messages(ctx context.Context, convID int64) ([]bot.Message, error) {
	if db.master == nil {
		return nil, errNoMaster
	}
	var conv conversationRow
	if err := db.gorm.WithContext(ctx).Preload("Messages", func(tx *gorm.DB) *gorm.DB { return tx.Order("id") }).
		First(&conv, "id = ?", convID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, bot.Errorf(bot.ENOTFOUND, "Dieser Chat ist gelöscht.", "This chat has been deleted.")
		}
		return nil, fmt.Errorf("messages: %w", err)
	}
	key, err := seal.Unwrap(*db.master, conv.SealedKey, keyAD(conv.ChatKey))
	if err != nil {
		return nil, fmt.Errorf("messages: conversation key: %w", err)
	}
	out := make([]bot.Message, 0, len(conv.Messages))
	for _, m := range conv.Messages {
		text, err := seal.Open(key, m.Text, fieldAD(conv.ID, m.PlatformID, "text"))
		if err != nil {
			return nil, fmt.Errorf("messages: %w", err)
		}
		out = append(out, bot.Message{ID: m.ID, FromBot: m.FromBot, Text: string(text), HasPhoto: len(m.Photo) > 0, CreatedAt: m.CreatedAt})
	}
	return out, nil
}

// DeleteConversation erases a conversation in one transaction: its messages,
// photos and its key (whose loss alone makes any copy of the sealed bytes
// unreadable). With secure_delete the freed pages are overwritten.
func (db *DB) DeleteConversation(ctx context.Context, convID int64) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("conversation_id = ?", convID).Delete(&messageRow{}).Error; err != nil {
			return err
		}
		if err := tx.Model(&preorderRow{}).Where("conversation_id = ?", convID).Update("conversation_id", nil).Error; err != nil {
			return err
		}
		return tx.Delete(&conversationRow{}, "id = ?", convID).Error
	})
	if err != nil {
		return fmt.Errorf("delete conversation: %w", err)
	}
	return nil
}

func sealField(k seal.Key, convID int64, platformID, field string, v []byte) ([]byte, error) {
	return seal.Seal(k, v, fieldAD(convID, platformID, field))
}

// keyAD binds a wrapped key to its conversation; fieldAD binds a sealed value
// to its conversation, message and column, so no value can be moved to
// another row and still open.
func keyAD(chatKey string) []byte { return []byte("conversation\x00" + chatKey) }

func fieldAD(convID int64, platformID, field string) []byte {
	return fmt.Appendf(nil, "message\x00%d\x00%s\x00%s", convID, platformID, field)
}

func (r conversationRow) conversation() bot.Conversation {
	return bot.Conversation{ID: r.ID, Channel: bot.Channel(r.Channel), ChatKey: r.ChatKey, Language: r.Language,
		CreatedAt: r.CreatedAt, LastSeenAt: r.LastSeenAt}
}

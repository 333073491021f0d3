package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
)

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
		conv = row.conversation()
		conv.Noticed = true // the same browser had the privacy notice when the chat began
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		// Approved pre-orders follow the chat, so "ready" can still be told.
		var moved []int64
		if err := tx.Model(&preorderRow{}).Where("id IN ? AND status IN ?", old.preorders,
			[]string{string(bot.StatusApproved), string(bot.StatusReady)}).Pluck("id", &moved).Error; err != nil {
			return err
		}
		updates := map[string]any{"noticed": true}
		if len(moved) > 0 {
			if err := tx.Model(&preorderRow{}).Where("id IN ?", moved).Update("conversation_id", row.ID).Error; err != nil {
				return err
			}
			conv.PreOrderID = moved[len(moved)-1]
			updates["preorder_id"] = conv.PreOrderID
		}
		return tx.Model(&conversationRow{}).Where("id = ?", row.ID).Updates(updates).Error
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
	if err := cancelUndecided(tx, d.preorders); err != nil {
		return d, err
	}
	return d, deleteRows(tx, []int64{convID})
}

// cancelUndecided cancels the pre-orders among ids that no pharmacist has
// decided on yet, with their reserved packs back on the shelf: without its
// chat nobody could be told about such a request. It runs in the
// transaction that erases the chat, so no moment shows the chat gone and
// its request still waiting on the tablet.
func cancelUndecided(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var rows []preorderRow
	if err := tx.Preload("Items").Where("id IN ? AND status IN ?", ids, waitingForStaff).Find(&rows).Error; err != nil {
		return err
	}
	for _, row := range rows {
		if err := moveStatus(tx, row, bot.StatusCancelled, time.Time{}, ""); err != nil {
			return err
		}
	}
	return nil
}

// deleteRows deletes conversations' messages and rows and unlinks their
// pre-orders; the conversations' keys go with their rows.
func deleteRows(tx *gorm.DB, ids []int64) error {
	if err := tx.Where("conversation_id IN ?", ids).Delete(&messageRow{}).Error; err != nil {
		return err
	}
	if err := tx.Model(&preorderRow{}).Where("conversation_id IN ?", ids).Update("conversation_id", nil).Error; err != nil {
		return err
	}
	return tx.Where("id IN ?", ids).Delete(&conversationRow{}).Error
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

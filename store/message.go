package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// SaveInbound stores a customer's message, sealed with its conversation's
// key, creating the conversation on first contact. A message whose platform
// id was taken in before (within the redelivery window, even if its chat is
// erased since) is not stored again: dup is true, and conv is empty when
// the chat is gone. in.Text must be redacted already.
func (db *DB) SaveInbound(ctx context.Context, in bot.Inbound) (conv bot.Conversation, msgID int64, dup bool, err error) {
	if db.master == nil {
		return bot.Conversation{}, 0, false, errNoMaster
	}
	err = db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Checked before the conversation is looked up: a message whose chat
		// was erased since must not start a new one.
		if dup, err = db.handledBefore(tx, in); err != nil || dup {
			return err
		}
		row, key, err := db.conversationFor(tx, in)
		if err != nil {
			return err
		}
		conv = row.conversation()
		// Messages stored before handled ids were kept (schema 5) are found
		// in their chat.
		var n int64
		if err := tx.Model(&messageRow{}).Where("conversation_id = ? AND platform_id = ?", row.ID, in.MessageID).Count(&n).Error; err != nil {
			return err
		}
		if dup = n > 0; dup {
			return nil
		}
		m := messageRow{ConversationID: row.ID, PlatformID: in.MessageID, Document: in.Document}
		if err := sealMessage(key, &m, in.Text, in.Photo, in.MediaRef); err != nil {
			return err
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

// sealMessage seals what a message holds into its row.
func sealMessage(k seal.Key, m *messageRow, text string, photo []byte, mediaRef string) error {
	var err error
	if m.Text, err = sealField(k, m.ConversationID, m.PlatformID, "text", []byte(text)); err != nil {
		return err
	}
	if len(photo) > 0 {
		if m.Photo, err = sealField(k, m.ConversationID, m.PlatformID, "photo", photo); err != nil {
			return err
		}
	}
	if mediaRef != "" {
		if m.MediaRef, err = sealField(k, m.ConversationID, m.PlatformID, "media", []byte(mediaRef)); err != nil {
			return err
		}
	}
	return nil
}

// SaveReply stores a reply of the bot; platformID is the platform's id of
// it, or empty when it has none (the web chat).
func (db *DB) SaveReply(ctx context.Context, convID int64, text, platformID string) (int64, error) {
	return db.saveReply(ctx, convID, text, platformID, true)
}

// SaveUnsent stores a reply that still has to be sent.
func (db *DB) SaveUnsent(ctx context.Context, convID int64, text string) (int64, error) {
	return db.saveReply(ctx, convID, text, "", false)
}

// Unsent returns the bot's replies waiting to be sent, opened, oldest first.
func (db *DB) Unsent(ctx context.Context, convID int64) ([]bot.Message, error) {
	return db.openMessages(ctx, convID, false, "processed = ? AND from_bot = ?", false, true)
}

func (db *DB) saveReply(ctx context.Context, convID int64, text, platformID string, sent bool) (int64, error) {
	if db.master == nil {
		return 0, errNoMaster
	}
	if platformID == "" {
		platformID = randomBotID()
	}
	var id int64
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, key, err := db.conversationRow(tx, "id = ?", convID)
		if err != nil {
			return err
		}
		m := messageRow{ConversationID: convID, PlatformID: platformID, FromBot: true, Processed: sent}
		if err := sealMessage(key, &m, text, nil, ""); err != nil {
			return err
		}
		err = tx.Create(&m).Error
		id = m.ID
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save reply: %w", err)
	}
	return id, nil
}

// Answer records in one transaction everything answering message msgID
// produced: the conversation's new state, the replies (as sent, or waiting
// in the outbox for a messenger: sent false), and the message marked
// processed with the photo and findings it brought. A crash leaves the
// message either unanswered or answered, never half. It returns the
// replies' ids.
func (db *DB) Answer(ctx context.Context, c bot.Conversation, msgID int64, replies []string, sent bool, photo, findings []byte) ([]int64, error) {
	if db.master == nil {
		return nil, errNoMaster
	}
	var ids []int64
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, key, err := updateConversation(tx, *db.master, c, true)
		if err != nil {
			return err
		}
		for _, text := range replies {
			m := messageRow{ConversationID: c.ID, PlatformID: randomBotID(), FromBot: true, Processed: sent}
			if err := sealMessage(key, &m, text, nil, ""); err != nil {
				return err
			}
			if err := tx.Create(&m).Error; err != nil {
				return err
			}
			ids = append(ids, m.ID)
		}
		return markProcessed(tx, key, c.ID, msgID, photo, findings)
	})
	if err != nil {
		return nil, fmt.Errorf("answer message: %w", err)
	}
	return ids, nil
}

// markSent records that a reply from the outbox went out, with the
// platform's id of it (to delete it there later).
func markSent(tx *gorm.DB, convID, replyID int64, platformID string) error {
	err := tx.Model(&messageRow{}).Where("id = ? AND conversation_id = ? AND from_bot = ?", replyID, convID, true).
		Updates(map[string]any{"processed": true, "sent_id": platformID}).Error
	return wrap("mark reply sent", err)
}

func randomBotID() string {
	var b [12]byte
	rand.Read(b[:])
	return "bot:" + hex.EncodeToString(b[:])
}

// Messages returns a conversation's messages after message id after, opened,
// oldest first (photos stay sealed: HasPhoto says there is one).
func (db *DB) Messages(ctx context.Context, convID, after int64) ([]bot.Message, error) {
	return db.openMessages(ctx, convID, false, "id > ?", after)
}

// OldestMessageID returns the id of the oldest message a conversation still
// holds; 0 when it holds none. A web chat page drops what it shows from
// before that: a decision or an erasure reset the chat.
func (db *DB) OldestMessageID(ctx context.Context, convID int64) (int64, error) {
	var id *int64
	err := db.gorm.WithContext(ctx).Model(&messageRow{}).Where("conversation_id = ?", convID).Select("MIN(id)").Scan(&id).Error
	if err != nil {
		return 0, fmt.Errorf("oldest message: %w", err)
	}
	if id == nil {
		return 0, nil
	}
	return *id, nil
}

// Unprocessed returns the customer's messages not yet worked on, oldest
// first, with their photos and media references opened.
func (db *DB) Unprocessed(ctx context.Context, convID int64) ([]bot.Message, error) {
	return db.openMessages(ctx, convID, true, "processed = ? AND from_bot = ?", false, false)
}

// sealedRows returns a conversation's key and those of its message rows
// that match where, oldest first; ENOTFOUND once the conversation is gone.
func (db *DB) sealedRows(ctx context.Context, convID int64, where string, args ...any) (seal.Key, []messageRow, error) {
	if db.master == nil {
		return seal.Key{}, nil, errNoMaster
	}
	g := db.gorm.WithContext(ctx)
	_, key, err := db.conversationRow(g, "id = ?", convID)
	if err != nil {
		return key, nil, err
	}
	var rows []messageRow
	if err := g.Where("conversation_id = ?", convID).Where(where, args...).Order("id").Find(&rows).Error; err != nil {
		return key, nil, fmt.Errorf("messages: %w", err)
	}
	return key, rows, nil
}

func (db *DB) openMessages(ctx context.Context, convID int64, media bool, where string, args ...any) ([]bot.Message, error) {
	key, rows, err := db.sealedRows(ctx, convID, where, args...)
	if err != nil {
		return nil, err
	}
	out := make([]bot.Message, 0, len(rows))
	for _, m := range rows {
		msg, err := openMessage(key, m, media)
		if err != nil {
			return nil, fmt.Errorf("messages: %w", err)
		}
		out = append(out, msg)
	}
	return out, nil
}

func openMessage(k seal.Key, m messageRow, media bool) (bot.Message, error) {
	pid := m.PlatformID
	if m.SentID != "" {
		pid = m.SentID
	}
	msg := bot.Message{ID: m.ID, PlatformID: pid, FromBot: m.FromBot, Document: m.Document,
		HasPhoto: len(m.Photo) > 0 || len(m.MediaRef) > 0, CreatedAt: m.CreatedAt}
	text, err := seal.Open(k, m.Text, fieldAD(m.ConversationID, m.PlatformID, "text"))
	if err != nil {
		return msg, err
	}
	msg.Text = string(text)
	if !media {
		return msg, nil
	}
	if len(m.Photo) > 0 {
		if msg.Photo, err = seal.Open(k, m.Photo, fieldAD(m.ConversationID, m.PlatformID, "photo")); err != nil {
			return msg, err
		}
	}
	if len(m.MediaRef) > 0 {
		ref, err := seal.Open(k, m.MediaRef, fieldAD(m.ConversationID, m.PlatformID, "media"))
		if err != nil {
			return msg, err
		}
		msg.MediaRef = string(ref)
	}
	return msg, nil
}

// MarkProcessed records that message msgID was worked on: the photo it
// brought (fetched from the platform) and the findings read from it are kept
// sealed for staff, the media reference is dropped.
func (db *DB) MarkProcessed(ctx context.Context, convID, msgID int64, photo, findings []byte) error {
	if db.master == nil {
		return errNoMaster
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, key, err := db.conversationRow(tx, "id = ?", convID)
		if err != nil {
			return err
		}
		return markProcessed(tx, key, convID, msgID, photo, findings)
	})
	if err != nil {
		return fmt.Errorf("mark message processed: %w", err)
	}
	return nil
}

// ForgetPhoto erases a customer's message's photo, findings and media
// reference, keeping its text: content its channel does not take. The
// bytes go with secure_delete.
func (db *DB) ForgetPhoto(ctx context.Context, convID, msgID int64) error {
	err := db.gorm.WithContext(ctx).Model(&messageRow{}).
		Where("id = ? AND conversation_id = ? AND from_bot = ?", msgID, convID, false).
		Updates(map[string]any{"photo": nil, "scan_text": nil, "media_ref": nil}).Error
	return wrap("forget photo", err)
}

func markProcessed(tx *gorm.DB, key seal.Key, convID, msgID int64, photo, findings []byte) error {
	var m messageRow
	if err := tx.First(&m, "id = ? AND conversation_id = ?", msgID, convID).Error; err != nil {
		return err
	}
	updates := map[string]any{"processed": true, "media_ref": nil}
	var err error
	if len(photo) > 0 {
		if updates["photo"], err = sealField(key, convID, m.PlatformID, "photo", photo); err != nil {
			return err
		}
	}
	if len(findings) > 0 {
		if updates["scan_text"], err = sealField(key, convID, m.PlatformID, "scan", findings); err != nil {
			return err
		}
	}
	// Only an unprocessed message is marked: a second process whose claim
	// ran out while it worked finds it answered, and its whole turn is
	// rolled back, so a message is answered once.
	res := tx.Model(&messageRow{}).Where("id = ? AND processed = ?", m.ID, false).Updates(updates)
	if res.Error == nil && res.RowsAffected == 0 {
		return bot.ErrAnsweredElsewhere
	}
	return res.Error
}

// Backlog lists the conversations with customer messages not yet worked
// on or replies not yet sent, the longest waiting first: the work to resume
// after a restart.
func (db *DB) Backlog(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := db.gorm.WithContext(ctx).Model(&messageRow{}).Where("processed = ?", false).
		Group("conversation_id").Order("MIN(id)").Pluck("conversation_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("backlog: %w", err)
	}
	return ids, nil
}

// UnreadPhotos lists the customers' photo messages (sent along, or to be
// fetched from the platform) not yet processed.
func (db *DB) UnreadPhotos(ctx context.Context) ([]bot.PhotoRef, error) {
	var refs []bot.PhotoRef
	err := db.gorm.WithContext(ctx).Model(&messageRow{}).
		Where("processed = ? AND from_bot = ? AND (photo IS NOT NULL OR media_ref IS NOT NULL)", false, false).
		Select("id AS message_id, conversation_id").Scan(&refs).Error
	if err != nil {
		return nil, fmt.Errorf("unread photos: %w", err)
	}
	return refs, nil
}

func sealField(k seal.Key, convID int64, platformID, field string, v []byte) ([]byte, error) {
	return seal.Seal(k, v, fieldAD(convID, platformID, field))
}

// fieldAD binds a sealed value to its conversation, message and column, so
// no value can be moved to another row and still open.
func fieldAD(convID int64, platformID, field string) []byte {
	return fmt.Appendf(nil, "message\x00%d\x00%s\x00%s", convID, platformID, field)
}

// The store keeps what the conversation engine consumes.
var _ bot.Conversations = (*DB)(nil)

package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// handledRow remembers that a platform's message was taken in, under a
// keyed pseudonym of its chat and id and a day (keptFrom), for as long as
// the platform may deliver it again (bot.RedeliveryWindow). Once its chat
// is erased, this is all that stops a replayed webhook from filing the
// request again; it holds nothing of the message.
type handledRow struct {
	Key string `gorm:"primaryKey"`
	Day time.Time
}

// keptFrom is the day a handled id's window is counted from: the day after
// the later of its arrival and its date. The purge then forgets it only
// once the engine refuses the message as too old (a window after its
// date); counted from the day it came, an id that came in the evening was
// forgotten hours before that, and a replay then was filed again.
func keptFrom(now, date time.Time) time.Time {
	t := now.UTC()
	if date.After(t) {
		t = date.UTC()
	}
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, time.UTC)
}

func (handledRow) TableName() string { return "handled_messages" }

// handledKey names a message by its chat and id: Telegram numbers messages
// per chat, so an id alone is not unique.
func (db *DB) handledKey(in bot.Inbound) string {
	return seal.Pseudonym(*db.master, "handled", in.ChatKey+"\x00"+in.MessageID)
}

// handledBefore reports whether in's message was taken in before; if not, it
// records it.
func (db *DB) handledBefore(tx *gorm.DB, in bot.Inbound) (bool, error) {
	key := db.handledKey(in)
	var n int64
	if err := tx.Model(&handledRow{}).Where("key = ?", key).Count(&n).Error; err != nil || n > 0 {
		return n > 0, err
	}
	return false, tx.Create(&handledRow{Key: key, Day: keptFrom(db.now(), in.ReceivedAt)}).Error
}

// PurgeHandled forgets the message ids taken in before before: the
// platforms deliver them no more, and older messages are refused by their
// own time stamp.
func (db *DB) PurgeHandled(ctx context.Context, before time.Time, dry bool) (int, error) {
	q := db.gorm.WithContext(ctx).Where("day < ?", before.UTC())
	if dry {
		var n int64
		err := q.Model(&handledRow{}).Count(&n).Error
		return int(n), wrap("purge handled message ids", err)
	}
	res := q.Delete(&handledRow{})
	return int(res.RowsAffected), wrap("purge handled message ids", res.Error)
}

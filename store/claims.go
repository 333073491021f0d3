package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/apobot/apobot/bot"
)

// Claims are how several apobot processes on one PostgreSQL database share
// the work: a process claims a conversation before it works on it, until a
// lease runs out that it renews while it works. A claim has to outlive a
// transaction (a photo's scan takes seconds), so it is a row, taken with a
// conditional upsert, rather than a row lock; a process that dies leaves
// claims that expire. On SQLite one process serves the file: Claims returns
// nil and the engine's lanes alone keep a conversation in order.
func (db *DB) Claims() bot.Claims {
	if db.dialect != Postgres {
		return nil
	}
	return claims{db}
}

type claims struct{ db *DB }

// claimRow is a conversation's claim.
type claimRow struct {
	ConversationID int64 `gorm:"primaryKey;autoIncrement:false"`
	Owner          string
	Until          time.Time
}

func (claimRow) TableName() string { return "conversation_claims" }

// Claim takes conversation convID for owner until now+lease, or renews
// owner's claim; false when another owner's claim has not run out.
func (c claims) Claim(ctx context.Context, convID int64, owner string, now time.Time, lease time.Duration) (bool, error) {
	row := claimRow{ConversationID: convID, Owner: owner, Until: now.Add(lease)}
	res := c.db.gorm.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "conversation_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"owner", "until"}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Or(
			clause.Expr{SQL: "conversation_claims.owner = ?", Vars: []any{owner}},
			clause.Expr{SQL: "conversation_claims.until < ?", Vars: []any{now}},
		)}},
	}).Create(&row)
	if res.Error != nil {
		return false, fmt.Errorf("claim conversation: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Release gives owner's claim on convID up and returns the id of the
// newest customer message still unprocessed (0: none), read after the
// claim is gone: a message another process stored while its own claim was
// refused is seen here, and the releasing process works on it.
func (c claims) Release(ctx context.Context, convID int64, owner string) (int64, error) {
	var newest *int64
	err := c.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("conversation_id = ? AND owner = ?", convID, owner).Delete(&claimRow{}).Error; err != nil {
			return err
		}
		return tx.Model(&messageRow{}).Where("conversation_id = ? AND processed = ? AND from_bot = ?", convID, false, false).
			Select("MAX(id)").Scan(&newest).Error
	})
	if err != nil {
		return 0, fmt.Errorf("release conversation: %w", err)
	}
	if newest == nil {
		return 0, nil
	}
	return *newest, nil
}

// errSendingElsewhere: another process is sending the reply, or sent it.
var errSendingElsewhere = errors.New("the reply is sent by another process")

// SendUnsent sends an outbox reply once: send is called only when the
// reply is still unsent, and its platform id is recorded with it. On
// PostgreSQL the reply's row stays locked while it is sent (FOR UPDATE SKIP
// LOCKED), so two processes never send it both; the other one skips it and
// sent is false. A crash between the platform taking it and the record
// leaves it unsent: it goes out again (at least once, as webhooks are).
func (db *DB) SendUnsent(ctx context.Context, convID, replyID int64, send func(context.Context) (string, error)) (sent bool, err error) {
	if db.dialect != Postgres {
		return db.sendUnsentAlone(ctx, convID, replyID, send)
	}
	// The record must not be cut off by an interruption once the platform
	// took the reply: only send sees ctx.
	err = db.gorm.WithContext(context.WithoutCancel(ctx)).Transaction(func(tx *gorm.DB) error {
		var ids []int64
		if err := tx.Model(&messageRow{}).Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
			Where("id = ? AND conversation_id = ? AND from_bot = ? AND processed = ?", replyID, convID, true, false).
			Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return errSendingElsewhere
		}
		pid, err := send(ctx)
		if err != nil {
			return err
		}
		return markSent(tx, convID, replyID, pid)
	})
	if errors.Is(err, errSendingElsewhere) {
		return false, nil
	}
	return err == nil, err
}

// sendUnsentAlone is SendUnsent on SQLite, where one process sends: no
// transaction is held open while the platform is called.
func (db *DB) sendUnsentAlone(ctx context.Context, convID, replyID int64, send func(context.Context) (string, error)) (bool, error) {
	var n int64
	g := db.gorm.WithContext(ctx)
	if err := g.Model(&messageRow{}).Where("id = ? AND conversation_id = ? AND from_bot = ? AND processed = ?",
		replyID, convID, true, false).Count(&n).Error; err != nil || n == 0 {
		return false, err
	}
	pid, err := send(ctx)
	if err != nil {
		return false, err
	}
	// Sent: recorded even if the work is being interrupted now, or it
	// would go out a second time.
	return true, markSent(db.gorm.WithContext(context.WithoutCancel(ctx)), convID, replyID, pid)
}

package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
)

// purgeBatch is how many rows one delete statement takes.
const purgeBatch = 500

var (
	waitingForStaff = []string{string(bot.StatusReceived), string(bot.StatusProposed)}
	waitingForReady = []string{string(bot.StatusApproved), string(bot.StatusReady)}
	closedStatuses  = []string{string(bot.StatusHandedOut), string(bot.StatusRejected), string(bot.StatusCancelled), string(bot.StatusExpired)}
)

// ExpirePreOrders expires requests received before undecided that nobody
// decided on, and approved ones whose pickup time is before uncollected;
// their reserved packs go back on the shelf.
func (db *DB) ExpirePreOrders(ctx context.Context, undecided, uncollected time.Time, dry bool) (int, error) {
	var ids []int64
	err := db.gorm.WithContext(ctx).Model(&preorderRow{}).
		Where("status IN ? AND created_at < ?", waitingForStaff, undecided).
		Or("status IN ? AND pickup_at < ?", waitingForReady, uncollected).Pluck("id", &ids).Error
	if err != nil || dry {
		return len(ids), wrap("expire pre-orders", err)
	}
	for _, id := range ids {
		if _, err := db.SetStatus(ctx, id, bot.StatusExpired, time.Time{}, ""); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// PurgeConversations deletes the chats whose customer last wrote before
// idleBefore, with their messages, photos and keys; it keeps those whose
// request still waits for staff, and those kept to tell "ready".
func (db *DB) PurgeConversations(ctx context.Context, idleBefore time.Time, dry bool) (int, error) {
	g := db.gorm.WithContext(ctx)
	waiting := g.Model(&preorderRow{}).Select("id").Where("status IN ?", waitingForStaff)
	ready := g.Model(&preorderRow{}).Select("id").Where("status IN ?", waitingForReady)
	var ids []int64
	err := g.Model(&conversationRow{}).Where("last_seen_at < ?", idleBefore).
		Where("preorder_id IS NULL OR (preorder_id NOT IN (?) AND NOT (notify AND preorder_id IN (?)))", waiting, ready).
		Pluck("id", &ids).Error
	if err != nil || dry {
		return len(ids), wrap("purge conversations", err)
	}
	return len(ids), wrap("purge conversations", db.deleteConversations(ctx, ids))
}

// deleteConversations deletes chats in batches, each in one transaction.
func (db *DB) deleteConversations(ctx context.Context, ids []int64) error {
	for len(ids) > 0 {
		batch := ids[:min(purgeBatch, len(ids))]
		ids = ids[len(batch):]
		err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return deleteRows(tx, batch) })
		if err != nil {
			return err
		}
	}
	return nil
}

// PurgePreOrders deletes pre-orders that closed (handed out, rejected,
// cancelled, expired) before closedBefore, with their items and whatever is
// left of their chats.
func (db *DB) PurgePreOrders(ctx context.Context, closedBefore time.Time, dry bool) (int, error) {
	g := db.gorm.WithContext(ctx)
	var ids []int64
	err := g.Model(&preorderRow{}).Where("status IN ? AND updated_at < ?", closedStatuses, closedBefore).Pluck("id", &ids).Error
	if err != nil || dry {
		return len(ids), wrap("purge pre-orders", err)
	}
	total := len(ids)
	for len(ids) > 0 {
		batch := ids[:min(purgeBatch, len(ids))]
		ids = ids[len(batch):]
		var convs []int64
		if err := g.Model(&conversationRow{}).Where("preorder_id IN ?", batch).Pluck("id", &convs).Error; err != nil {
			return 0, wrap("purge pre-orders", err)
		}
		if err := db.deleteConversations(ctx, convs); err != nil {
			return 0, wrap("purge pre-orders", err)
		}
		err := g.Transaction(func(tx *gorm.DB) error {
			if err := tx.Where("preorder_id IN ?", batch).Delete(&itemRow{}).Error; err != nil {
				return err
			}
			return tx.Where("id IN ?", batch).Delete(&preorderRow{}).Error
		})
		if err != nil {
			return 0, wrap("purge pre-orders", err)
		}
	}
	return total, nil
}

// PurgeSessions deletes staff logins idle since idleBefore or begun before
// createdBefore, and counts of login tries that lock nothing and began a
// day before idleBefore.
func (db *DB) PurgeSessions(ctx context.Context, idleBefore, createdBefore time.Time, dry bool) (int, error) {
	q := db.gorm.WithContext(ctx).Where("last_seen_at < ? OR created_at < ?", idleBefore, createdBefore)
	if dry {
		var n int64
		err := q.Model(&sessionRow{}).Count(&n).Error
		return int(n), wrap("purge sessions", err)
	}
	if err := deleteStaleLogins(db.gorm.WithContext(ctx), idleBefore.Add(-staleLogins), idleBefore); err != nil {
		return 0, wrap("purge failed logins", err)
	}
	res := q.Delete(&sessionRow{})
	return int(res.RowsAffected), wrap("purge sessions", res.Error)
}

// purgeDay is the counters "day" under which the last purge is kept.
const purgeDay = "last-purge"

// RecordPurge keeps the counts of the last purge (and its time).
func (db *DB) RecordPurge(ctx context.Context, at time.Time, counts map[string]int64) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("day = ?", purgeDay).Delete(&counterRow{}).Error; err != nil {
			return err
		}
		rows := []counterRow{{Day: purgeDay, Name: "at", Value: at.Unix()}}
		for k, v := range counts {
			rows = append(rows, counterRow{Day: purgeDay, Name: k, Value: v})
		}
		return tx.Create(&rows).Error
	})
	return wrap("record purge", err)
}

// LastPurge returns when the last purge ran and its counts; a zero time
// when none has run.
func (db *DB) LastPurge(ctx context.Context) (time.Time, map[string]int64, error) {
	var rows []counterRow
	if err := db.gorm.WithContext(ctx).Where("day = ?", purgeDay).Find(&rows).Error; err != nil {
		return time.Time{}, nil, wrap("last purge", err)
	}
	counts := map[string]int64{}
	var at time.Time
	for _, r := range rows {
		if r.Name == "at" {
			at = time.Unix(r.Value, 0)
			continue
		}
		counts[r.Name] = r.Value
	}
	return at, counts, nil
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

package store

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// loginRow counts staff login tries for one key (a name, an address, or
// the pair), stored under a keyed pseudonym: in the database, not in
// memory, so a restart forgets nothing and several apobot processes on one
// database share the count.
type loginRow struct {
	Key         string `gorm:"primaryKey"`
	Failures    int
	FirstAt     time.Time
	LockedUntil *time.Time
	Locks       int // locks so far, for the backoff
}

func (loginRow) TableName() string { return "login_failures" }

// staleLogins is how long a count without a lock is kept after its first
// try: longer than any rule's window, so a backoff is not forgotten early.
const staleLogins = 24 * time.Hour

func (db *DB) loginKey(key string) (string, error) {
	if db.master == nil {
		return "", errNoMaster
	}
	return seal.Pseudonym(*db.master, "login", key), nil
}

// LoginTry counts a login try against every key at now, before the
// password is checked, in one transaction: parallel tries cannot all pass
// a check that only the first of them would. When a key is locked it
// counts nothing and returns how long the most locked key stays locked.
// A try that reaches a rule's Max is still allowed; it locks the next.
func (db *DB) LoginTry(ctx context.Context, keys []bot.LoginKey, now time.Time) (wait time.Duration, err error) {
	err = db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := deleteStaleLogins(tx, now.Add(-staleLogins), now); err != nil {
			return err
		}
		rows := make([]loginRow, len(keys))
		for i, k := range keys {
			pk, err := db.loginKey(k.Key)
			if err != nil {
				return err
			}
			rows[i] = loginRow{Key: pk, FirstAt: now}
		}
		for _, i := range lockOrder(rows) {
			if err := db.readLocked(tx, &rows[i]); err != nil {
				return err
			}
			if l := rows[i].LockedUntil; l != nil && l.After(now) {
				wait = max(wait, l.Sub(now))
			}
		}
		if wait > 0 {
			return nil
		}
		for i, k := range keys {
			countTry(&rows[i], now, k.Rule)
			if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&rows[i]).Error; err != nil {
				return err
			}
		}
		return nil
	})
	return wait, wrap("count login try", err)
}

// lockOrder is the order the rows are read in: by key, so that parallel
// tries that share keys lock them in the same order and never deadlock.
func lockOrder(rows []loginRow) []int {
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return rows[idx[a]].Key < rows[idx[b]].Key })
	return idx
}

// readLocked reads row's count by its key. On PostgreSQL the row is made
// if missing and locked until the transaction ends, so parallel tries by
// several connections (or processes) are counted one after the other, as
// SQLite's single writer does by itself.
func (db *DB) readLocked(tx *gorm.DB, row *loginRow) error {
	if db.dialect == Postgres {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&loginRow{Key: row.Key, FirstAt: row.FirstAt}).Error; err != nil {
			return err
		}
		tx = tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx.Where("key = ?", row.Key).Limit(1).Find(row).Error
}

// countTry adds a try to row and locks it when the rule says so.
func countTry(row *loginRow, now time.Time, rule bot.LoginRule) {
	if now.Sub(row.FirstAt) > rule.Window {
		row.Failures, row.FirstAt = 0, now
	}
	row.Failures++
	if row.Failures < rule.Max && !(rule.Backoff && row.Locks > 0) {
		return
	}
	lock := rule.Lock
	if rule.Backoff {
		lock <<= min(row.Locks, 16)
		if rule.MaxLock > 0 {
			lock = min(lock, rule.MaxLock)
		}
	}
	until := now.Add(lock)
	row.Failures, row.FirstAt, row.LockedUntil = 0, now, &until
	row.Locks++
}

// deleteStaleLogins drops counts begun before windowStart that lock nothing
// at now.
func deleteStaleLogins(tx *gorm.DB, windowStart, now time.Time) error {
	return tx.Where("first_at < ? AND (locked_until IS NULL OR locked_until <= ?)", windowStart, now).Delete(&loginRow{}).Error
}

// LoginSucceeded settles a try that was right: the counts of forget (the
// name at this address) are dropped, and the try is taken back from those of
// refund (the address, the name everywhere), whose locks stay.
func (db *DB) LoginSucceeded(ctx context.Context, forget, refund []string) error {
	type change struct {
		key    string
		forget bool
	}
	var changes []change
	for _, keys := range [][]string{forget, refund} {
		for _, k := range keys {
			pk, err := db.loginKey(k)
			if err != nil {
				return err
			}
			changes = append(changes, change{pk, len(changes) < len(forget)})
		}
	}
	// In key order, as LoginTry locks them: no deadlock between the two.
	sort.Slice(changes, func(a, b int) bool { return changes[a].key < changes[b].key })
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, c := range changes {
			var err error
			if c.forget {
				err = tx.Where("key = ?", c.key).Delete(&loginRow{}).Error
			} else {
				err = tx.Model(&loginRow{}).Where("key = ? AND failures > 0", c.key).Update("failures", gorm.Expr("failures - 1")).Error
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return wrap("login succeeded", err)
}

package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// loginRow counts failed staff logins for one name or address, stored under
// a keyed pseudonym: in the database, not in memory, so a restart forgets
// nothing and several apobot processes on one database share the count.
type loginRow struct {
	Key         string `gorm:"primaryKey"`
	Failures    int    `gorm:"not null"`
	FirstAt     time.Time
	LockedUntil *time.Time
}

func (loginRow) TableName() string { return "login_failures" }

func (db *DB) loginKey(key string) (string, error) {
	if db.master == nil {
		return "", errNoMaster
	}
	return seal.Pseudonym(*db.master, "login", key), nil
}

// LoginLocked returns how long the most locked of keys (a name, an
// address) stays locked at now; 0 when none is.
func (db *DB) LoginLocked(ctx context.Context, keys []string, now time.Time) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		pk, err := db.loginKey(k)
		if err != nil {
			return 0, err
		}
		var row loginRow
		err = db.gorm.WithContext(ctx).Where("key = ? AND locked_until > ?", pk, now).Limit(1).Find(&row).Error
		if err != nil {
			return 0, wrap("login lock", err)
		}
		if row.LockedUntil != nil {
			wait = max(wait, row.LockedUntil.Sub(now))
		}
	}
	return wait, nil
}

// LoginFailed counts a failed login for each key at now and locks the keys
// that reached rule.Max failures within rule.Window; counts that no longer
// matter are deleted on the way.
func (db *DB) LoginFailed(ctx context.Context, keys []string, now time.Time, rule bot.LoginRule) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := deleteStaleLogins(tx, now.Add(-rule.Window), now); err != nil {
			return err
		}
		for _, k := range keys {
			pk, err := db.loginKey(k)
			if err != nil {
				return err
			}
			if err := countFailure(tx, pk, now, rule); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap("count failed login", err)
}

func countFailure(tx *gorm.DB, key string, now time.Time, rule bot.LoginRule) error {
	row := loginRow{Key: key, FirstAt: now}
	if err := tx.Where("key = ?", key).Limit(1).Find(&row).Error; err != nil {
		return err
	}
	if now.Sub(row.FirstAt) > rule.Window {
		row.Failures, row.FirstAt = 0, now
	}
	if row.Failures++; row.Failures >= rule.Max {
		until := now.Add(rule.Lock)
		row.Failures, row.FirstAt, row.LockedUntil = 0, now, &until
	}
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error
}

// deleteStaleLogins drops counts begun before windowStart that lock nothing
// at now.
func deleteStaleLogins(tx *gorm.DB, windowStart, now time.Time) error {
	return tx.Where("first_at < ? AND (locked_until IS NULL OR locked_until <= ?)", windowStart, now).Delete(&loginRow{}).Error
}

// LoginSucceeded forgets key's failures (the name that just logged in).
func (db *DB) LoginSucceeded(ctx context.Context, key string) error {
	pk, err := db.loginKey(key)
	if err != nil {
		return err
	}
	return wrap("login succeeded", db.gorm.WithContext(ctx).Where("key = ?", pk).Delete(&loginRow{}).Error)
}

package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
)

// AddStaff creates an account; ECONFLICT when the name is taken, EINVALID
// for a name that is empty, too long or has spaces.
func (db *DB) AddStaff(ctx context.Context, username, hash string) (bot.Staff, error) {
	if username == "" || len(username) > 64 || strings.ContainsAny(username, " \t\r\n") {
		return bot.Staff{}, bot.Errorf(bot.EINVALID, "staff.name_invalid", nil)
	}
	row := staffRow{Username: username, PasswordHash: hash}
	err := db.gorm.WithContext(ctx).Create(&row).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return bot.Staff{}, bot.Errorf(bot.ECONFLICT, "staff.name_taken", nil)
	}
	if err != nil {
		return bot.Staff{}, fmt.Errorf("add staff: %w", err)
	}
	return bot.Staff{ID: row.ID, Username: row.Username, PasswordHash: row.PasswordHash}, nil
}

// StaffByName returns an account; ENOTFOUND when there is none.
func (db *DB) StaffByName(ctx context.Context, username string) (bot.Staff, error) {
	var row staffRow
	err := db.gorm.WithContext(ctx).First(&row, "username = ?", username).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return bot.Staff{}, bot.Errorf(bot.ENOTFOUND, "staff.name_unknown", nil)
	}
	if err != nil {
		return bot.Staff{}, fmt.Errorf("staff: %w", err)
	}
	return bot.Staff{ID: row.ID, Username: row.Username, PasswordHash: row.PasswordHash}, nil
}

// StaffCount returns how many accounts there are.
func (db *DB) StaffCount(ctx context.Context) (int64, error) {
	var n int64
	if err := db.gorm.WithContext(ctx).Model(&staffRow{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count staff: %w", err)
	}
	return n, nil
}

// CreateSession records a login under the hash of its id.
func (db *DB) CreateSession(ctx context.Context, idHash string, staffID int64) error {
	now := db.now()
	err := db.gorm.WithContext(ctx).Create(&sessionRow{IDHash: idHash, StaffID: staffID, CreatedAt: now, LastSeenAt: now}).Error
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns the login with this id hash and marks it seen, unless it
// was idle longer than idle or is older than maxAge: then it is deleted and
// ENOTFOUND returned, as for an unknown one.
func (db *DB) Session(ctx context.Context, idHash string, idle, maxAge time.Duration) (bot.StaffSession, error) {
	var out bot.StaffSession
	expired := false
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row sessionRow
		if err := tx.First(&row, "id_hash = ?", idHash).Error; err != nil {
			return err
		}
		now := db.now()
		if now.Sub(row.LastSeenAt) > idle || now.Sub(row.CreatedAt) > maxAge {
			// The deletion must commit: returning an error here would roll
			// it back and leave the dead login in the table.
			expired = true
			return tx.Delete(&sessionRow{}, "id_hash = ?", idHash).Error
		}
		var staff staffRow
		if err := tx.First(&staff, "id = ?", row.StaffID).Error; err != nil {
			return err
		}
		out = bot.StaffSession{StaffID: row.StaffID, Username: staff.Username, CreatedAt: row.CreatedAt, LastSeenAt: now}
		return tx.Model(&sessionRow{}).Where("id_hash = ?", idHash).Update("last_seen_at", now).Error
	})
	if err == nil && expired || errors.Is(err, gorm.ErrRecordNotFound) {
		return bot.StaffSession{}, bot.Errorf(bot.ENOTFOUND, "staff.login", nil)
	}
	if err != nil {
		return bot.StaffSession{}, fmt.Errorf("session: %w", err)
	}
	return out, nil
}

// DeleteSession ends a login (logout).
func (db *DB) DeleteSession(ctx context.Context, idHash string) error {
	if err := db.gorm.WithContext(ctx).Delete(&sessionRow{}, "id_hash = ?", idHash).Error; err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

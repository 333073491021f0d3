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

// AddStaff creates an account and records who made it (actor: an account's
// name, "" for the command line). The first account is the owner.
// ECONFLICT when the name is taken, EINVALID for a name that is empty, too
// long or has spaces.
func (db *DB) AddStaff(ctx context.Context, actor, username, hash string) (bot.Staff, error) {
	return db.AddStaffAt(ctx, actor, username, hash, nil)
}

// AddStaffAt is AddStaff for an account that works at branches only (none:
// all of them), in the same transaction.
func (db *DB) AddStaffAt(ctx context.Context, actor, username, hash string, branches []string) (bot.Staff, error) {
	if username == "" || len(username) > 64 || strings.ContainsAny(username, " \t\r\n") {
		return bot.Staff{}, bot.Errorf(bot.EINVALID, "staff.name_invalid", nil)
	}
	row := staffRow{Username: username, PasswordHash: hash, Branches: strings.Join(branches, ",")}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&staffRow{}).Count(&n).Error; err != nil {
			return err
		}
		row.Owner = n == 0
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return db.record(tx, actor, bot.StaffAdded, username)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return bot.Staff{}, bot.Errorf(bot.ECONFLICT, "staff.name_taken", nil)
	}
	if err != nil {
		return bot.Staff{}, fmt.Errorf("add staff: %w", err)
	}
	return row.staff(), nil
}

func (r staffRow) staff() bot.Staff {
	return bot.Staff{ID: r.ID, Username: r.Username, PasswordHash: r.PasswordHash, Owner: r.Owner, Branches: splitBranches(r.Branches),
		CreatedAt: r.CreatedAt}
}

func splitBranches(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// SetStaffBranches limits an account to some branches (none: all of them)
// and ends its logins, so the next one sees its queues. ENOTFOUND when
// there is no such account.
func (db *DB) SetStaffBranches(ctx context.Context, actor, username string, branches []string) error {
	return db.changeStaff(ctx, actor, username, bot.StaffBranches, func(tx *gorm.DB, row staffRow) error {
		return tx.Model(&staffRow{}).Where("id = ?", row.ID).Update("branches", strings.Join(branches, ",")).Error
	})
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
	return row.staff(), nil
}

// ListStaff returns every account by name, without password hashes.
func (db *DB) ListStaff(ctx context.Context) ([]bot.Staff, error) {
	var rows []staffRow
	if err := db.gorm.WithContext(ctx).Order("username").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	out := make([]bot.Staff, len(rows))
	for i, r := range rows {
		out[i] = r.staff()
		out[i].PasswordHash = ""
	}
	return out, nil
}

// SetStaffPassword gives an account a new password hash and ends its
// logins at once. ENOTFOUND when there is no such account.
func (db *DB) SetStaffPassword(ctx context.Context, actor, username, hash string) error {
	return db.changeStaff(ctx, actor, username, bot.StaffPassword, func(tx *gorm.DB, row staffRow) error {
		return tx.Model(&staffRow{}).Where("id = ?", row.ID).Update("password_hash", hash).Error
	})
}

// RemoveStaff deletes an account and its logins at once. ENOTFOUND when
// there is none; ECONFLICT for the last owner.
func (db *DB) RemoveStaff(ctx context.Context, actor, username string) error {
	return db.changeStaff(ctx, actor, username, bot.StaffRemoved, func(tx *gorm.DB, row staffRow) error {
		if err := keepAnOwner(tx, row); err != nil {
			return err
		}
		return tx.Delete(&staffRow{}, row.ID).Error
	})
}

// SetStaffOwner makes an account an owner or takes that away; its logins
// end, so its pages show what it may do now. ECONFLICT for the last owner.
func (db *DB) SetStaffOwner(ctx context.Context, actor, username string, owner bool) error {
	action := bot.StaffOwner
	if !owner {
		action = bot.StaffNotOwner
	}
	return db.changeStaff(ctx, actor, username, action, func(tx *gorm.DB, row staffRow) error {
		if !owner {
			if err := keepAnOwner(tx, row); err != nil {
				return err
			}
		}
		return tx.Model(&staffRow{}).Where("id = ?", row.ID).Update("owner", owner).Error
	})
}

// changeStaff applies change to the account username, ends its logins and
// records the change, all in one transaction.
func (db *DB) changeStaff(ctx context.Context, actor, username string, action bot.StaffAction, change func(*gorm.DB, staffRow) error) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row staffRow
		if err := tx.First(&row, "username = ?", username).Error; err != nil {
			return err
		}
		if err := change(tx, row); err != nil {
			return err
		}
		if err := tx.Delete(&sessionRow{}, "staff_id = ?", row.ID).Error; err != nil {
			return err
		}
		return db.record(tx, actor, action, username)
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return bot.Errorf(bot.ENOTFOUND, "staff.name_unknown", nil)
	}
	var be *bot.Error
	if err != nil && !errors.As(err, &be) {
		return fmt.Errorf("change staff: %w", err)
	}
	return err
}

// keepAnOwner refuses to remove or demote row when it is the last owner: a
// pharmacy must always have an account that can manage the others.
func keepAnOwner(tx *gorm.DB, row staffRow) error {
	if !row.Owner {
		return nil
	}
	var others int64
	if err := tx.Model(&staffRow{}).Where("owner AND id <> ?", row.ID).Count(&others).Error; err != nil {
		return err
	}
	if others == 0 {
		return bot.Errorf(bot.ECONFLICT, "staff.last_owner", nil)
	}
	return nil
}

// record writes one account change.
func (db *DB) record(tx *gorm.DB, actor string, action bot.StaffAction, target string) error {
	return tx.Create(&staffEventRow{At: db.now(), Actor: actor, Action: string(action), Target: target}).Error
}

// StaffEvents returns the latest account changes, newest first.
func (db *DB) StaffEvents(ctx context.Context, limit int) ([]bot.StaffEvent, error) {
	var rows []staffEventRow
	if err := db.gorm.WithContext(ctx).Order("id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("staff events: %w", err)
	}
	out := make([]bot.StaffEvent, len(rows))
	for i, r := range rows {
		out[i] = bot.StaffEvent{At: r.At, Actor: r.Actor, Action: bot.StaffAction(r.Action), Target: r.Target}
	}
	return out, nil
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
		out = bot.StaffSession{StaffID: row.StaffID, Username: staff.Username, Owner: staff.Owner, Branches: splitBranches(staff.Branches),
			CreatedAt: row.CreatedAt, LastSeenAt: now}
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

// SessionAlive reports whether the login with this id hash is still there
// and neither idle longer than idle nor older than maxAge, without marking
// it seen (a tablet's open event stream is no use of the login).
func (db *DB) SessionAlive(ctx context.Context, idHash string, idle, maxAge time.Duration) (bool, error) {
	var row sessionRow
	err := db.gorm.WithContext(ctx).Limit(1).Find(&row, "id_hash = ?", idHash).Error
	if err != nil {
		return false, fmt.Errorf("session alive: %w", err)
	}
	now := db.now()
	return row.IDHash != "" && now.Sub(row.LastSeenAt) <= idle && now.Sub(row.CreatedAt) <= maxAge, nil
}

// DeleteSession ends a login (logout).
func (db *DB) DeleteSession(ctx context.Context, idHash string) error {
	if err := db.gorm.WithContext(ctx).Delete(&sessionRow{}, "id_hash = ?", idHash).Error; err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

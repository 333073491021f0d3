package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migration is one version of the schema; versions only ever go forward, and
// each runs in its own transaction with the record that it ran.
type migration struct {
	version int
	name    string
	up      func(tx *gorm.DB) error
}

// migrations are all versions, in order. Never edit one that has shipped:
// add the next.
var migrations = []migration{
	{1, "inventory, pre-orders, conversations, staff, counters", func(tx *gorm.DB) error {
		return tx.Migrator().CreateTable(
			&productRow{}, &preorderRow{}, &itemRow{},
			&conversationRow{}, &messageRow{},
			&staffRow{}, &sessionRow{}, &counterRow{},
		)
	}},
	{2, "conversation state, message media, pre-order flags", addColumns(map[any][]string{
		&conversationRow{}: {"PreorderID", "Question", "Medical", "Noticed", "Notify"},
		&messageRow{}:      {"MediaRef", "Document", "SentID"},
		&preorderRow{}:     {"Medical", "Unreadable"},
		&itemRow{}:         {"Form"},
	})},
	// Version 2 added conversations.preorder_id without its index (AddColumn
	// makes none); databases made new since version 2 have it already.
	{3, "index conversations by pre-order", addIndexes(map[any][]string{
		&conversationRow{}: {"PreorderID"},
	})},
	{4, "failed staff logins", func(tx *gorm.DB) error {
		return tx.Migrator().CreateTable(&loginRow{})
	}},
	{5, "login backoff, handled message ids", func(tx *gorm.DB) error {
		if err := addColumns(map[any][]string{&loginRow{}: {"Locks"}})(tx); err != nil {
			return err
		}
		return tx.Migrator().CreateTable(&handledRow{})
	}},
	{6, "erasure asked", addColumns(map[any][]string{&conversationRow{}: {"EraseAsked"}})},
	{7, "account owners, account changes", func(tx *gorm.DB) error {
		if err := addColumns(map[any][]string{&staffRow{}: {"Owner"}})(tx); err != nil {
			return err
		}
		if err := tx.Migrator().CreateTable(&staffEventRow{}); err != nil {
			return err
		}
		// The first account of a pharmacy is its owner, as for new ones.
		return tx.Exec("UPDATE staff SET owner = 1 WHERE id = (SELECT MIN(id) FROM staff) AND NOT EXISTS (SELECT 1 FROM staff WHERE owner)").Error
	}},
	{8, "pre-orders whose chat a restore lost", addColumns(map[any][]string{&preorderRow{}: {"ChatLost"}})},
	{9, "items named from a photo", addColumns(map[any][]string{&itemRow{}: {"Printed"}})},
}

// addColumns adds fields of row structs as columns. Version 1 creates its
// tables from the current structs, so on a new database the columns are
// there already and are skipped.
func addColumns(cols map[any][]string) func(tx *gorm.DB) error {
	return addMissing("add", gorm.Migrator.HasColumn, gorm.Migrator.AddColumn, cols)
}

// addIndexes creates the indexes the row structs declare on fields, where
// they are missing.
func addIndexes(idx map[any][]string) func(tx *gorm.DB) error {
	return addMissing("index", gorm.Migrator.HasIndex, gorm.Migrator.CreateIndex, idx)
}

// addMissing applies add to every field of every row struct that has does
// not find.
func addMissing(what string, has func(gorm.Migrator, any, string) bool, add func(gorm.Migrator, any, string) error,
	fields map[any][]string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		m := tx.Migrator()
		for row, fs := range fields {
			for _, f := range fs {
				if has(m, row, f) {
					continue
				}
				if err := add(m, row, f); err != nil {
					return fmt.Errorf("%s %s: %w", what, f, err)
				}
			}
		}
		return nil
	}
}

// schemaVersion records which migrations ran.
type schemaVersion struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

func (schemaVersion) TableName() string { return "schema_versions" }

// migrate brings the schema to the newest version and reports whether the
// database was new (no version before).
func (db *DB) migrate(ctx context.Context) (fresh bool, err error) {
	g := db.gorm.WithContext(ctx)
	if err := g.Migrator().AutoMigrate(&schemaVersion{}); err != nil {
		return false, fmt.Errorf("migrate: version table: %w", err)
	}
	var current int
	if err := g.Model(&schemaVersion{}).Select("COALESCE(MAX(version), 0)").Scan(&current).Error; err != nil {
		return false, fmt.Errorf("migrate: read version: %w", err)
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		err := g.Transaction(func(tx *gorm.DB) error {
			if err := m.up(tx); err != nil {
				return err
			}
			return tx.Create(&schemaVersion{Version: m.version, Name: m.name, AppliedAt: db.now()}).Error
		})
		if err != nil {
			return false, fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
		}
	}
	return current == 0, nil
}

// Version returns the schema version of the database.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.gorm.WithContext(ctx).Model(&schemaVersion{}).Select("COALESCE(MAX(version), 0)").Scan(&v).Error
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

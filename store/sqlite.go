package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// Everything SQLite-specific lives in this file, so a PostgreSQL store for a
// pharmacy chain replaces one file.

const driverName = "sqlite3_apobot"

var registerOnce sync.Once

func init() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: onConnect})
	})
}

// dsn sets the pragmas that mattn/go-sqlite3 applies on every connection:
//   - WAL: readers do not block the writer, and a crash loses no committed row.
//   - foreign keys: items cannot outlive their pre-order.
//   - secure_delete: deleted rows are overwritten with zeros, not just unlinked,
//     so an erased chat is gone from the file (GDPR Art. 17).
//   - busy timeout: a second writer waits instead of failing with SQLITE_BUSY.
//   - auto_vacuum=incremental: must be set before the first table exists; it lets
//     the nightly purge give freed pages back to the file system.
//   - synchronous=NORMAL: safe with WAL (committed data survives a process crash).
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_secure_delete", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_auto_vacuum", "incremental")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// onConnect sets what the DSN cannot: journal_size_limit makes SQLite shrink the
// -wal file after a checkpoint, so old content does not linger in it.
func onConnect(c *sqlite3.SQLiteConn) error {
	if _, err := c.Exec("PRAGMA journal_size_limit = 4194304", nil); err != nil {
		return fmt.Errorf("set journal_size_limit: %w", err)
	}
	return nil
}

// limitPool keeps one connection: SQLite has one writer at a time, and one
// connection means no SQLITE_BUSY between apobot's own goroutines.
func limitPool(db *sql.DB) {
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
}

// Checkpoint releases free pages (incremental auto-vacuum) and writes the
// WAL into the database file, truncating it to zero bytes: after a purge,
// deleted content is neither in the WAL nor in free pages (secure_delete
// has overwritten them). It fails when a reader kept the WAL busy.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.dialect == Postgres {
		return db.vacuumPostgres(ctx)
	}
	// Each step of incremental_vacuum frees one page: read it to the end.
	rows, err := db.sql.QueryContext(ctx, "PRAGMA incremental_vacuum")
	if err != nil {
		return fmt.Errorf("incremental vacuum: %w", err)
	}
	for rows.Next() {
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("incremental vacuum: %w", err)
	}
	var busy, logFrames, checkpointed int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &checkpointed); err != nil {
		return fmt.Errorf("wal checkpoint: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("wal checkpoint: the database was busy (%d of %d frames written)", checkpointed, logFrames)
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
)

// purgedTables are the tables a purge empties of chats.
var purgedTables = []string{"messages", "conversations", "handled_messages", "staff_sessions", "login_failures"}

// vacuumPostgres is Checkpoint on PostgreSQL: VACUUM the tables a purge
// emptied, so their dead rows' space is marked free. Unlike SQLite's
// secure_delete, PostgreSQL does not overwrite dead tuples at once; what
// they hold of a chat is ciphertext whose key row was deleted in the same
// transaction (crypto-shredding), and VACUUM lets the space be reused.
func (db *DB) vacuumPostgres(ctx context.Context) error {
	for _, t := range purgedTables {
		if _, err := db.sql.ExecContext(ctx, "VACUUM "+t); err != nil {
			return fmt.Errorf("vacuum %s: %w", t, err)
		}
	}
	return nil
}

// CountRows counts the rows of one of apobot's tables, for tests and
// checks that look at what is stored on either engine.
func (db *DB) CountRows(ctx context.Context, table string) (int64, error) {
	switch table {
	case "conversations", "messages", "preorders", "preorder_items", "products", "staff", "staff_sessions", "handled_messages":
	default:
		return 0, fmt.Errorf("count rows: no table %q", table)
	}
	var n int64
	err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
	return n, err
}

// InspectPostgres looks at a PostgreSQL database without changing it, as
// `apobot check` and the commands that need a set-up database do: the schema
// version (0 when apobot never ran there) and the inventory's size.
func InspectPostgres(ctx context.Context, url string) (Inspection, error) {
	var in Inspection
	conn, err := sql.Open("pgx", url)
	if err != nil {
		return in, err
	}
	defer conn.Close()
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT to_regclass('"+versionTable+"') IS NOT NULL").Scan(&exists); err != nil {
		return in, fmt.Errorf("database: %w", err)
	}
	if !exists {
		return in, nil
	}
	if err := conn.QueryRowContext(ctx, versionQuery).Scan(&in.Version); err != nil {
		return in, fmt.Errorf("schema version: %w", err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM products").Scan(&in.Products); err != nil {
		return in, fmt.Errorf("products: %w", err)
	}
	return in, nil
}

// purgeLock is the advisory lock a purge holds on a PostgreSQL database
// ("purge" in ASCII), so several apobot processes purge one at a time.
const purgeLock = 0x7075726765

// LockPurge keeps a purge to one process at a time: on PostgreSQL a session
// advisory lock on a connection of its own, held until unlock (and let go
// by the server when the process dies); ok is false while another process
// purges. On SQLite one process serves the file: always ok.
func (db *DB) LockPurge(ctx context.Context) (unlock func(), ok bool, err error) {
	if db.dialect != Postgres {
		return func() {}, true, nil
	}
	return db.tryAdvisoryLock(ctx, purgeLock)
}

// tryAdvisoryLock takes session advisory lock key on a connection of its
// own, without waiting; ok is false when another session holds it.
func (db *DB) tryAdvisoryLock(ctx context.Context, key int64) (unlock func(), ok bool, err error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok); err != nil || !ok {
		conn.Close()
		return nil, false, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
		conn.Close()
	}, true, nil
}

// DatabaseSize is the size of the PostgreSQL database on disk, for the
// benchmarks.
func (db *DB) DatabaseSize(ctx context.Context) (int64, error) {
	var n int64
	err := db.sql.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&n)
	return n, err
}

package store

import (
	"context"
	"database/sql"
	"errors"
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

// soleProcessLock is the advisory lock one serving apobot holds on a
// PostgreSQL database (an arbitrary constant: "apobot" in ASCII).
const soleProcessLock = 0x61706f626f74

// ErrAnotherProcess: another apobot already serves this database.
var ErrAnotherProcess = errors.New("another apobot process serves this database")

// HoldSoleProcess takes a session advisory lock on a connection of its own
// and keeps it until release: until messages are claimed row by row, one
// apobot process works on a PostgreSQL database at a time, and a second
// one is refused at its start instead of answering customers twice. On
// SQLite it does nothing (the file is one process's).
func (db *DB) HoldSoleProcess(ctx context.Context) (release func(), err error) {
	if db.dialect != Postgres {
		return func() {}, nil
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", soleProcessLock).Scan(&got); err != nil {
		conn.Close()
		return nil, err
	}
	if !got {
		conn.Close()
		return nil, ErrAnotherProcess
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", soleProcessLock)
		conn.Close()
	}, nil
}

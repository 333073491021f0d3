package store

import (
	"context"
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

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// SnapshotReport says what a snapshot holds.
type SnapshotReport struct {
	Products, PreOrders, ChatsLeftOut, Accounts int64
}

// ErrSnapshotSQLiteOnly is what Snapshot returns on PostgreSQL: there the
// database server's own backups (pg_dump, base backups) are used; the
// README says what they hold.
var ErrSnapshotSQLiteOnly = errors.New("snapshot: apobot backup copies SQLite databases; back up PostgreSQL with its own tools (pg_dump)")

// Snapshot writes a consistent copy of the database to path (which must not
// exist) while the service runs, and takes every chat out of it: chats,
// their messages and keys, logins, failed-login counts and handled message
// ids. Stock, pre-orders, accounts, their record and the counters stay;
// an open pre-order that had a chat is marked ChatLost. A backup made from
// it can therefore never make readable a chat that is erased after it was
// taken, even with the master key. The copy is vacuumed, so no page of it
// holds what was taken out.
func (db *DB) Snapshot(ctx context.Context, path string) (SnapshotReport, error) {
	var rep SnapshotReport
	if db.dialect != SQLite {
		return rep, ErrSnapshotSQLiteOnly
	}
	if _, err := os.Stat(path); err == nil {
		return rep, fmt.Errorf("snapshot: %s exists", path)
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return rep, fmt.Errorf("snapshot: copy: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return rep, err
	}
	cp, err := sql.Open(driverName, dsn(path))
	if err != nil {
		return rep, fmt.Errorf("snapshot: %w", err)
	}
	defer cp.Close()
	if err := count(ctx, cp, "SELECT COUNT(*) FROM conversations", &rep.ChatsLeftOut); err != nil {
		return rep, err
	}
	// The open pre-orders (openStatuses) are still ahead of the counter:
	// after a restore their chat is gone, and staff must see it.
	if _, err := cp.ExecContext(ctx, "UPDATE preorders SET chat_lost = 1 WHERE conversation_id IS NOT NULL AND status IN (?, ?, ?, ?)",
		openStatuses[0], openStatuses[1], openStatuses[2], openStatuses[3]); err != nil {
		return rep, fmt.Errorf("snapshot: mark the open requests: %w", err)
	}
	for _, stmt := range []string{
		"UPDATE preorders SET conversation_id = NULL",
		"DELETE FROM messages", "DELETE FROM conversations", "DELETE FROM staff_sessions",
		"DELETE FROM login_failures", "DELETE FROM handled_messages",
		"VACUUM",
	} {
		if _, err := cp.ExecContext(ctx, stmt); err != nil {
			return rep, fmt.Errorf("snapshot: take the chats out: %w", err)
		}
	}
	for q, n := range map[string]*int64{"SELECT COUNT(*) FROM products": &rep.Products,
		"SELECT COUNT(*) FROM preorders": &rep.PreOrders, "SELECT COUNT(*) FROM staff": &rep.Accounts} {
		if err := count(ctx, cp, q, n); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func count(ctx context.Context, conn *sql.DB, q string, n *int64) error {
	if err := conn.QueryRowContext(ctx, q).Scan(n); err != nil {
		return fmt.Errorf("snapshot: %s: %w", q, err)
	}
	return nil
}

// ChatLostCount counts the open pre-orders whose chat a restore lost.
func (db *DB) ChatLostCount(ctx context.Context) (int64, error) {
	var n int64
	err := db.gorm.WithContext(ctx).Model(&preorderRow{}).Where("chat_lost AND status IN ?", openStatuses).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count lost chats: %w", err)
	}
	return n, nil
}

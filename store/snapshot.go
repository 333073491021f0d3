package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// SnapshotReport says what a snapshot holds.
type SnapshotReport struct {
	Products, PreOrders, ChatsLeftOut, Accounts int64
}

// ErrSnapshotSQLiteOnly is what Snapshot returns on PostgreSQL: there the
// database server's own backups (pg_dump, base backups) are used; the
// docs/privacy.md says what they hold.
var ErrSnapshotSQLiteOnly = errors.New("snapshot: apobot backup copies SQLite databases; back up PostgreSQL with its own tools (pg_dump)")

// The tables a snapshot copies, and those it leaves empty because they hold
// chats or what belongs to a login or a message: their keys, sealed
// messages, sessions, failed logins, handled message ids and claims. A test
// checks that every table of the schema is named in one of the two lists,
// so a new table is a decision, not an accident.
var (
	snapshotCopied = []string{"products", "preorders", "preorder_items", "staff", "staff_events", "counters", "sqlite_sequence"}
	snapshotLeft   = []string{"conversations", "messages", "staff_sessions", "login_failures", "handled_messages", "conversation_claims"}
)

// Snapshot returns a consistent copy of the database, taken while the
// service runs, as the bytes of a SQLite file that never touched the disk:
// a database in memory gets this version's schema, and then, in one read
// transaction of the live database, its stock, pre-orders, accounts, their
// record and the counters. No chat is ever copied into it, so neither a
// killed backup nor a backup file can make readable a chat that is erased
// after it was taken, even with the master key. An open pre-order that had
// a chat is marked ChatLost.
func (db *DB) Snapshot(ctx context.Context) ([]byte, SnapshotReport, error) {
	var rep SnapshotReport
	if db.dialect != SQLite {
		return nil, rep, ErrSnapshotSQLiteOnly
	}
	mem, err := openMemory(ctx)
	if err != nil {
		return nil, rep, err
	}
	defer mem.Close()
	if err := copyWithoutChats(ctx, mem, db.path, &rep); err != nil {
		return nil, rep, err
	}
	for q, n := range map[string]*int64{"SELECT COUNT(*) FROM products": &rep.Products,
		"SELECT COUNT(*) FROM preorders": &rep.PreOrders, "SELECT COUNT(*) FROM staff": &rep.Accounts} {
		if err := count(ctx, mem, q, n); err != nil {
			return nil, rep, err
		}
	}
	data, err := serialize(ctx, mem)
	return data, rep, err
}

// openMemory opens a database of its own in memory (SQLite's memdb, named
// at random, on one connection) with the schema of this version.
func openMemory(ctx context.Context) (*sql.DB, error) {
	name := "file:/apobot-snapshot-" + randomName() + "?vfs=memdb&_auto_vacuum=incremental&_busy_timeout=5000"
	mem, err := sql.Open(driverName, name)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	limitPool(mem)
	p, err := newProvider(mem, SQLite)
	if err == nil {
		_, err = p.Up(ctx)
	}
	if err != nil {
		mem.Close()
		return nil, fmt.Errorf("snapshot: schema: %w", err)
	}
	return mem, nil
}

// copyWithoutChats copies the tables of snapshotCopied from the database
// file at live into mem, in one transaction that reads one state of it.
func copyWithoutChats(ctx context.Context, mem *sql.DB, live string, rep *SnapshotReport) (err error) {
	// The live file through the ordinary VFS: ATTACH would take the memdb's.
	if _, err := mem.ExecContext(ctx, "ATTACH DATABASE ? AS live", "file:"+live+"?mode=ro&vfs=unix"); err != nil {
		return fmt.Errorf("snapshot: open the database: %w", err)
	}
	defer func() {
		if _, derr := mem.ExecContext(context.WithoutCancel(ctx), "DETACH DATABASE live"); err == nil && derr != nil {
			err = fmt.Errorf("snapshot: %w", derr)
		}
	}()
	tx, err := mem.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM live.conversations").Scan(&rep.ChatsLeftOut); err != nil {
		return fmt.Errorf("snapshot: count the chats: %w", err)
	}
	for _, table := range snapshotCopied {
		if err := copyTable(ctx, tx, table); err != nil {
			return err
		}
	}
	// The open pre-orders (openStatuses) are still ahead of the counter:
	// after a restore their chat is gone, and staff must see it.
	if _, err := tx.ExecContext(ctx, "UPDATE preorders SET chat_lost = 1 WHERE conversation_id IS NOT NULL AND status IN (?, ?, ?, ?)",
		openStatuses[0], openStatuses[1], openStatuses[2], openStatuses[3]); err != nil {
		return fmt.Errorf("snapshot: mark the open requests: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE preorders SET conversation_id = NULL"); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return tx.Commit()
}

// copyTable copies one table by the names of its columns here, so a column
// order that differs in the live file does not matter.
func copyTable(ctx context.Context, tx *sql.Tx, table string) error {
	cols, err := columns(ctx, tx, table)
	if err != nil {
		return err
	}
	if table == "sqlite_sequence" { // ids go on from where they were
		if _, err := tx.ExecContext(ctx, "DELETE FROM main.sqlite_sequence"); err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
	}
	list := strings.Join(cols, ",")
	q := fmt.Sprintf("INSERT INTO main.%s (%s) SELECT %s FROM live.%s", quoteName(table), list, list, quoteName(table))
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("snapshot: copy %s: %w", table, err)
	}
	return nil
}

// columns names the columns of table in the snapshot's schema, quoted.
func columns(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM pragma_table_info(?, 'main')", table)
	if err != nil {
		return nil, fmt.Errorf("snapshot: columns of %s: %w", table, err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, quoteName(c))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("snapshot: no table %s in the schema", table)
	}
	return cols, nil
}

func quoteName(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// serialize returns the database in memory as the bytes of its file.
func serialize(ctx context.Context, mem *sql.DB) ([]byte, error) {
	conn, err := mem.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	defer conn.Close()
	var data []byte
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("snapshot: not a SQLite connection (%T)", dc)
		}
		var err error
		data, err = c.Serialize("main")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return data, nil
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

// randomName names a snapshot in memory, so two at once never meet.
func randomName() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/apobot/apobot/store/pgtest"
)

// The store's tests run on SQLite, and again on PostgreSQL when
// APOBOT_TEST_DATABASE=postgres (make test does both): then every test gets
// a database of its own on a throwaway server.
func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// onPostgres reports whether this run tests PostgreSQL.
func onPostgres() bool { return os.Getenv("APOBOT_TEST_DATABASE") == "postgres" }

// sqliteOnly skips a test of SQLite's own behaviour (file bytes, pragmas,
// upgrades of old files) in the PostgreSQL run.
func sqliteOnly(t testing.TB) {
	t.Helper()
	if onPostgres() {
		t.Skip("SQLite's own behaviour; the PostgreSQL run has its own tests")
	}
}

// target is where a test's database lives: a file, or a database on the
// throwaway PostgreSQL server.
type target struct{ path, url string }

// newTarget makes a place for a new database on the engine of this run.
func newTarget(t testing.TB) target {
	t.Helper()
	if !onPostgres() {
		return target{path: filepath.Join(t.TempDir(), "apobot.db")}
	}
	return target{url: pgtest.Database(t)}
}

// open opens (again) the database at tg, closed when the test ends.
func (tg target) open(t testing.TB, opt Options) *DB {
	t.Helper()
	var db *DB
	var err error
	if tg.url != "" {
		db, err = OpenPostgres(tg.url, opt)
	} else {
		db, err = Open(tg.path, opt)
	}
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// raw is everything the engine keeps of the database, to look for data in
// clear: SQLite's file with its -wal and -shm files; on PostgreSQL every
// row of every table as text, bytea in escape format (printable bytes as
// they are).
func (tg target) raw(t testing.TB) []byte {
	t.Helper()
	if tg.url == "" {
		var all []byte
		for _, p := range []string{tg.path, tg.path + "-wal", tg.path + "-shm"} {
			b, err := os.ReadFile(p)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	}
	conn, err := sql.Open("pgx", tg.url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	c, err := conn.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "SET bytea_output = 'escape'"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.QueryContext(ctx, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var all []byte
	for _, n := range tables {
		var text sql.NullString
		if err := c.QueryRowContext(ctx, "SELECT string_agg(t::text, E'\\n') FROM "+n+" t").Scan(&text); err != nil {
			t.Fatal(err)
		}
		all = append(all, text.String...)
	}
	return all
}

// openWith opens a new database for the test on the engine of this run.
func openWith(t testing.TB, opt Options) *DB {
	t.Helper()
	return newTarget(t).open(t, opt)
}

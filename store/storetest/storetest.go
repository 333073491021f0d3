// Package storetest opens a fresh database for a test on the engine of the
// run: SQLite in the test's temporary folder, or, when
// APOBOT_TEST_DATABASE=postgres (make test's second pass), a database of its
// own on a throwaway PostgreSQL server (store/pgtest). The store's, the
// engine's and the web server's tests open theirs here, so each runs on
// both engines.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/pgtest"
)

// Env names the variable that picks the engine.
const Env = "APOBOT_TEST_DATABASE"

// Postgres reports whether this run tests PostgreSQL.
func Postgres() bool { return os.Getenv(Env) == "postgres" }

// SQLiteOnly skips a test of SQLite's own behaviour in the PostgreSQL run.
func SQLiteOnly(t testing.TB) {
	t.Helper()
	if Postgres() {
		t.Skip("SQLite's own behaviour; the PostgreSQL run has its own tests")
	}
}

// Open opens a new database, closed when the test ends. path is the
// SQLite file ("" on PostgreSQL). On PostgreSQL the database is a copy of
// one migrated once per test binary, so it is not Fresh; the store's own
// tests check migrations on new databases.
func Open(t testing.TB, opt store.Options) (db *store.DB, path string) {
	t.Helper()
	var err error
	if Postgres() {
		if db, err = store.OpenPostgres(migratedCopy(t), opt); err != nil {
			t.Fatal(err)
		}
	} else {
		path = filepath.Join(t.TempDir(), "apobot.db")
		if db, err = store.Open(path, opt); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// OpenShared opens a new PostgreSQL database twice, as two apobot processes
// share one; the test is skipped in the SQLite run (one process serves a
// SQLite file).
func OpenShared(t testing.TB, opt store.Options) (a, b *store.DB) {
	t.Helper()
	if !Postgres() {
		t.Skip("several processes share a PostgreSQL database only (" + Env + "=postgres)")
	}
	url := migratedCopy(t)
	for _, db := range []**store.DB{&a, &b} {
		var err error
		if *db, err = store.OpenPostgres(url, opt); err != nil {
			t.Fatal(err)
		}
		d := *db
		t.Cleanup(func() { d.Close() })
	}
	return a, b
}

// migratedCopy makes a new database on the shared server, a copy of one
// migrated once per test binary, and returns its URL.
func migratedCopy(t testing.TB) string {
	t.Helper()
	s, err := pgtest.Shared()
	if err != nil {
		t.Fatal(err)
	}
	url, err := s.FromTemplate(context.Background(), migrated)
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// migrated brings a template database to the newest schema.
func migrated(url string) error {
	db, err := store.OpenPostgres(url, store.Options{})
	if err != nil {
		return err
	}
	return db.Close()
}

// Main runs a package's tests and stops the shared server after them: call
// it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

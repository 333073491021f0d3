package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// openTest opens a fresh database file in a temporary folder.
func openTest(t *testing.T) *DB {
	t.Helper()
	return openWith(t, Options{})
}

func TestOpenSetsPragmas(t *testing.T) {
	sqliteOnly(t)
	db := openTest(t)
	want := map[string]string{
		"journal_mode":       "wal",
		"foreign_keys":       "1",
		"secure_delete":      "1",
		"busy_timeout":       "5000",
		"auto_vacuum":        "2", // incremental
		"journal_size_limit": "4194304",
		"synchronous":        "1", // NORMAL
	}
	for pragma, w := range want {
		var got string
		if err := db.gorm.Raw("PRAGMA " + pragma).Scan(&got).Error; err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != w {
			t.Errorf("PRAGMA %s = %q, want %q", pragma, got, w)
		}
	}
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	sqliteOnly(t)
	db := openTest(t)
	if err := db.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Fatalf("database mode = %o, want 600", mode)
	}
}

func TestOpenFailsInMissingFolder(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "missing", "apobot.db"), Options{}); err == nil {
		t.Fatal("Open in a missing folder succeeded")
	}
}

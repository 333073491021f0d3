package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

var testRule = bot.LoginRule{Max: 3, Window: 10 * time.Minute, Lock: 15 * time.Minute}

func TestFailedLoginsLockAndOutliveARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "apobot.db")
	k, _ := seal.NewKey()
	db, err := Open(path, Options{MasterKey: &k})
	if err != nil {
		t.Fatal(err)
	}
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	keys := []string{"user:apotheke", "addr:198.51.100.77"}
	for i := range 3 {
		if wait, _ := db.LoginLocked(ctx, keys, now); wait != 0 {
			t.Fatalf("locked after %d failures", i)
		}
		if err := db.LoginFailed(ctx, keys, now.Add(time.Duration(i)*time.Minute), testRule); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if raw := fileBytes(t, path); bytes.Contains(raw, []byte("apotheke")) || bytes.Contains(raw, []byte("198.51.100.77")) {
		t.Fatal("a name or an address of a failed login is in the database in clear")
	}
	if db, err = Open(path, Options{MasterKey: &k}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := now.Add(2 * time.Minute)
	if wait, err := db.LoginLocked(ctx, keys[1:], at); err != nil || wait != testRule.Lock {
		t.Fatalf("after a restart the address waits %v (%v), want %v", wait, err, testRule.Lock)
	}
	if wait, _ := db.LoginLocked(ctx, []string{"user:kollegin"}, at); wait != 0 {
		t.Fatal("another name is locked")
	}
	if wait, _ := db.LoginLocked(ctx, keys, at.Add(testRule.Lock)); wait != 0 {
		t.Fatal("still locked after the lock time")
	}
}

func TestFailuresOutsideTheWindowDoNotAddUp(t *testing.T) {
	db, _ := openSealed(t)
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	keys := []string{"user:apotheke"}
	for i := range 6 { // one failure every 6 minutes: never 3 within 10
		if err := db.LoginFailed(ctx, keys, now.Add(time.Duration(i*6)*time.Minute), testRule); err != nil {
			t.Fatal(err)
		}
	}
	if wait, _ := db.LoginLocked(ctx, keys, now.Add(31*time.Minute)); wait != 0 {
		t.Fatal("failures spread over the window locked the name")
	}
	db.LoginFailed(ctx, keys, now.Add(32*time.Minute), testRule)
	if err := db.LoginSucceeded(ctx, keys[0]); err != nil {
		t.Fatal(err)
	}
	db.LoginFailed(ctx, keys, now.Add(33*time.Minute), testRule)
	if wait, _ := db.LoginLocked(ctx, keys, now.Add(33*time.Minute)); wait != 0 {
		t.Fatal("a successful login did not clear the count")
	}
	var rows int64
	db.gorm.Model(&loginRow{}).Count(&rows)
	if _, err := db.PurgeSessions(ctx, now.Add(2*time.Hour), now.Add(2*time.Hour), false); err != nil {
		t.Fatal(err)
	}
	var left int64
	db.gorm.Model(&loginRow{}).Count(&left)
	if rows == 0 || left != 0 {
		t.Fatalf("failed-login rows before the purge %d, after %d; want some, then none", rows, left)
	}
}

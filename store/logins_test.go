package store

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

var testRule = bot.LoginRule{Max: 3, Window: 10 * time.Minute, Lock: 15 * time.Minute}

func lk(keys ...string) []bot.LoginKey {
	out := make([]bot.LoginKey, len(keys))
	for i, k := range keys {
		out[i] = bot.LoginKey{Key: k, Rule: testRule}
	}
	return out
}

func TestLoginTriesLockAndOutliveARestart(t *testing.T) {
	tg := newTarget(t)
	k, _ := seal.NewKey()
	db := tg.open(t, Options{MasterKey: &k})
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	keys := lk("name:apotheke", "addr:198.51.100.77")
	for i := range testRule.Max { // the third try is allowed, and locks
		if wait, err := db.LoginTry(ctx, keys, now.Add(time.Duration(i)*time.Minute)); err != nil || wait != 0 {
			t.Fatalf("try %d: wait %v (%v), want allowed", i+1, wait, err)
		}
	}
	db.Close()
	if raw := tg.raw(t); bytes.Contains(raw, []byte("apotheke")) || bytes.Contains(raw, []byte("198.51.100.77")) {
		t.Fatal("a name or an address of a login try is in the database in clear")
	}
	db = tg.open(t, Options{MasterKey: &k})
	at := now.Add(2 * time.Minute)
	if wait, err := db.LoginTry(ctx, keys[1:], at); err != nil || wait != testRule.Lock {
		t.Fatalf("after a restart the address waits %v (%v), want %v", wait, err, testRule.Lock)
	}
	if wait, _ := db.LoginTry(ctx, lk("name:kollegin"), at); wait != 0 {
		t.Fatal("another name is locked")
	}
	if wait, _ := db.LoginTry(ctx, keys, at.Add(testRule.Lock)); wait != 0 {
		t.Fatal("still locked after the lock time")
	}
}

func TestTriesOutsideTheWindowDoNotAddUp(t *testing.T) {
	db, _ := openSealed(t)
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	keys := lk("name:apotheke")
	for i := range 6 { // one try every 6 minutes: never 3 within 10
		if wait, err := db.LoginTry(ctx, keys, now.Add(time.Duration(i*6)*time.Minute)); err != nil || wait != 0 {
			t.Fatalf("try %d: wait %v (%v)", i+1, wait, err)
		}
	}
	db.LoginTry(ctx, keys, now.Add(31*time.Minute)) // 2 within the window now
	if err := db.LoginSucceeded(ctx, []string{"name:apotheke"}, nil); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if wait, _ := db.LoginTry(ctx, keys, now.Add(32*time.Minute)); wait != 0 {
			t.Fatalf("try %d after a success: locked, want the count cleared", i+1)
		}
	}
	var rows int64
	db.gorm.Model(&loginRow{}).Count(&rows)
	if _, err := db.PurgeSessions(ctx, now.Add(25*time.Hour), now.Add(25*time.Hour), false); err != nil {
		t.Fatal(err)
	}
	var left int64
	db.gorm.Model(&loginRow{}).Count(&left)
	if rows == 0 || left != 0 {
		t.Fatalf("login rows before the purge %d, after %d; want some, then none", rows, left)
	}
}

// TestRefundTakesBackOneTry: a right password does not count against the
// address.
func TestRefundTakesBackOneTry(t *testing.T) {
	db, _ := openSealed(t)
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for range 10 { // ten good logins in a row from one tablet
		if wait, _ := db.LoginTry(ctx, lk("addr:tablet"), now); wait != 0 {
			t.Fatal("good logins locked the address")
		}
		if err := db.LoginSucceeded(ctx, nil, []string{"addr:tablet"}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSuccessKeepsLocksItRefunds: a login that succeeds drops the counts
// it forgets and takes one try back from those it refunds; a lock on a
// refunded key (the name, which a guesser locked) stays.
func TestSuccessKeepsLocksItRefunds(t *testing.T) {
	db, _ := openSealed(t)
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	for range testRule.Max {
		db.LoginTry(ctx, lk("name:apotheke"), now)
	}
	if wait, _ := db.LoginTry(ctx, lk("name:apotheke"), now); wait == 0 {
		t.Fatal("the name is not locked after Max tries")
	}
	db.LoginTry(ctx, lk("pair:tablet"), now)
	if err := db.LoginSucceeded(ctx, []string{"pair:tablet"}, []string{"addr:tablet", "name:apotheke"}); err != nil {
		t.Fatal(err)
	}
	if wait, _ := db.LoginTry(ctx, lk("name:apotheke"), now.Add(time.Minute)); wait != testRule.Lock-time.Minute {
		t.Fatalf("the name's lock after a refund: wait %v, want %v", wait, testRule.Lock-time.Minute)
	}
}

// TestBackoffDoublesTheLock: once a backoff key is locked, every further
// try locks it again, twice as long, up to MaxLock.
func TestBackoffDoublesTheLock(t *testing.T) {
	db, _ := openSealed(t)
	ctx, now := context.Background(), time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	rule := bot.LoginRule{Max: 2, Window: time.Hour, Lock: time.Minute, Backoff: true, MaxLock: 5 * time.Minute}
	keys := []bot.LoginKey{{Key: "name:apotheke", Rule: rule}}
	db.LoginTry(ctx, keys, now)
	db.LoginTry(ctx, keys, now) // the second locks for a minute
	for _, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute} {
		wait, err := db.LoginTry(ctx, keys, now)
		if err != nil || wait != want {
			t.Fatalf("locked for %v (%v), want %v", wait, err, want)
		}
		now = now.Add(want)
		if wait, _ := db.LoginTry(ctx, keys, now); wait != 0 {
			t.Fatalf("still locked after %v", want)
		}
	}
}

package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
)

func TestStaffAndSessions(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	db := clockedDB(t, &now)
	ctx := context.Background()
	if n, _ := db.StaffCount(ctx); n != 0 {
		t.Fatalf("%d accounts in a new database", n)
	}
	s, err := db.AddStaff(ctx, "", "apotheke", "$argon2id$hash")
	if err != nil {
		t.Fatal(err)
	}
	for name, code := range map[string]string{"apotheke": bot.ECONFLICT, "mit leerzeichen": bot.EINVALID, "": bot.EINVALID} {
		if _, err := db.AddStaff(ctx, "", name, "h"); bot.ErrorCode(err) != code {
			t.Errorf("AddStaff(%q): %v, want %s", name, err, code)
		}
	}
	if got, err := db.StaffByName(ctx, "apotheke"); err != nil || got.ID != s.ID || got.PasswordHash != "$argon2id$hash" {
		t.Fatalf("by name: %+v %v", got, err)
	}
	if _, err := db.StaffByName(ctx, "niemand"); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("unknown name: %v", err)
	}
	idle, maxAge := 30*time.Minute, 12*time.Hour
	if err := db.CreateSession(ctx, "h1", s.ID); err != nil {
		t.Fatal(err)
	}
	for i := range 30 { // used every 29 minutes: stays alive until 12 hours are up
		now = now.Add(29 * time.Minute)
		_, err := db.Session(ctx, "h1", idle, maxAge)
		if alive := time.Duration(i+1)*29*time.Minute <= maxAge; alive != (err == nil) {
			t.Fatalf("after %s: %v", time.Duration(i+1)*29*time.Minute, err)
		}
	}
	if err := db.CreateSession(ctx, "h2", s.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(31 * time.Minute)
	if _, err := db.Session(ctx, "h2", idle, maxAge); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("idle 31 minutes: %v, want ENOTFOUND", err)
	}
	var rows int64
	if err := db.gorm.Model(&sessionRow{}).Where("id_hash IN ?", []string{"h1", "h2"}).Count(&rows).Error; err != nil || rows != 0 {
		t.Fatalf("%d expired sessions still stored (%v), want their rows deleted when refused", rows, err)
	}
	if err := db.CreateSession(ctx, "h3", s.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Session(ctx, "h3", idle, maxAge); err != nil || got.Username != "apotheke" {
		t.Fatalf("fresh session: %+v %v", got, err)
	}
	db.DeleteSession(ctx, "h3")
	if _, err := db.Session(ctx, "h3", idle, maxAge); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("after logout: %v", err)
	}
}

// TestAccountChanges: the first account is the owner; a new password or a
// removal ends the account's logins at once; the last owner can be neither
// removed nor demoted; every change is recorded without password material.
func TestAccountChanges(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	db := clockedDB(t, &now)
	ctx := context.Background()
	owner, err := db.AddStaff(ctx, "", "inhaberin", "$argon2id$one")
	if err != nil || !owner.Owner {
		t.Fatalf("first account: %+v %v, want the owner", owner, err)
	}
	anna, err := db.AddStaff(ctx, "inhaberin", "anna", "$argon2id$two")
	if err != nil || anna.Owner {
		t.Fatalf("second account: %+v %v, want no owner", anna, err)
	}
	list, err := db.ListStaff(ctx)
	if err != nil || len(list) != 2 || list[0].Username != "anna" || list[1].Username != "inhaberin" || list[0].PasswordHash != "" || list[1].PasswordHash != "" {
		t.Fatalf("list %+v %v: want both by name, without hashes", list, err)
	}
	idle, maxAge := time.Hour, 12*time.Hour
	login := func(id string, staffID int64) {
		if err := db.CreateSession(ctx, id, staffID); err != nil {
			t.Fatal(err)
		}
	}
	login("a1", anna.ID)
	login("o1", owner.ID)
	if err := db.SetStaffPassword(ctx, "inhaberin", "anna", "$argon2id$three"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Session(ctx, "a1", idle, maxAge); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("anna's login after her new password: %v, want ended", err)
	}
	if got, _ := db.StaffByName(ctx, "anna"); got.PasswordHash != "$argon2id$three" {
		t.Fatalf("hash %q after the change", got.PasswordHash)
	}
	if s, err := db.Session(ctx, "o1", idle, maxAge); err != nil || !s.Owner {
		t.Fatalf("the owner's own login: %+v %v, want alive and owner", s, err)
	}
	for name, change := range map[string]func() error{
		"remove":  func() error { return db.RemoveStaff(ctx, "inhaberin", "inhaberin") },
		"demote":  func() error { return db.SetStaffOwner(ctx, "inhaberin", "inhaberin", false) },
		"unknown": func() error { return db.RemoveStaff(ctx, "inhaberin", "niemand") },
	} {
		want := bot.ECONFLICT
		if name == "unknown" {
			want = bot.ENOTFOUND
		}
		if err := change(); bot.ErrorCode(err) != want {
			t.Errorf("%s: %v, want %s", name, err, want)
		}
	}
	if s, err := db.Session(ctx, "o1", idle, maxAge); err != nil || !s.Owner {
		t.Fatalf("a refused change ended the owner's login or role: %+v %v", s, err)
	}
	if err := db.SetStaffOwner(ctx, "inhaberin", "anna", true); err != nil {
		t.Fatal(err)
	}
	login("o2", owner.ID)
	if err := db.RemoveStaff(ctx, "anna", "inhaberin"); err != nil {
		t.Fatalf("remove the first owner once another is: %v", err)
	}
	if _, err := db.Session(ctx, "o2", idle, maxAge); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("the removed account's login: %v, want ended", err)
	}
	events, err := db.StaffEvents(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Actor+" "+string(e.Action)+" "+e.Target)
	}
	want := []string{"anna removed inhaberin", "inhaberin owner anna", "inhaberin password anna", "inhaberin added anna", " added inhaberin"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("events %q, want %q (newest first; refused changes not recorded)", got, want)
	}
	if n, _ := db.StaffCount(ctx); n != 1 {
		t.Fatalf("%d accounts left, want anna", n)
	}
}

// clockedDB opens a fresh database whose clock reads *now.
func clockedDB(t *testing.T, now *time.Time) *DB {
	t.Helper()
	return openWith(t, Options{Now: func() time.Time { return *now }})
}

package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
)

func TestStaffAndSessions(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	db, err := Open(filepath.Join(t.TempDir(), "apobot.db"), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if n, _ := db.StaffCount(ctx); n != 0 {
		t.Fatalf("%d accounts in a new database", n)
	}
	s, err := db.AddStaff(ctx, "apotheke", "$argon2id$hash")
	if err != nil {
		t.Fatal(err)
	}
	for name, code := range map[string]string{"apotheke": bot.ECONFLICT, "mit leerzeichen": bot.EINVALID, "": bot.EINVALID} {
		if _, err := db.AddStaff(ctx, name, "h"); bot.ErrorCode(err) != code {
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

package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/apobot/apobot/store/pgtest"
)

// TestServeOnPostgres runs the service on a PostgreSQL database named by
// APOBOT_DATABASE_URL: the demo pharmacy's first start sets it up, a web
// chat gets its proposal, a second apobot on the same database answers
// in the same chat, check reports the database, purge runs, and backup and
// restore point to the database server's own tools.
func TestServeOnPostgres(t *testing.T) {
	url := pgtest.Database(t)
	dir := t.TempDir()
	t.Setenv(envDatabaseURL, url)
	t.Setenv(envDataDir, dir)
	if code, _, errs := runArgs(t, "purge"); code != exitError || !strings.Contains(errs, "not set up yet") {
		t.Fatalf("purge before the first start: exit %d, %s", code, errs)
	}
	svc := startService(t, map[string]string{})
	tok := webSession(t, svc.base)
	postForm(t, svc.base, tok, "PZN 74372349", nil)
	waitWeb(t, svc.base, tok, "Ibuprofen AL 400")

	// A second apobot on the same database serves the same chats: a
	// message sent to it is answered in the chat the first one began.
	second := startService(t, map[string]string{})
	postForm(t, second.base, tok, "PZN 44806603", nil)
	waitWeb(t, svc.base, tok, "Paracetamol AbZ")
	code, out, errs := runArgs(t, "check")
	if !regexp.MustCompile(`(?m)^ok +database: PostgreSQL`).MatchString(out) || !regexp.MustCompile(`(?m)^ok +schema: `).MatchString(out) {
		t.Fatalf("check: exit %d, want ok lines for the database and the schema:\n%s%s", code, out, errs)
	}
	if strings.Contains(out+errs, url) {
		t.Fatal("check printed the database URL")
	}
	if code, out, errs := runArgs(t, "purge", "--dry-run"); code != exitOK {
		t.Fatalf("purge: exit %d %s %s", code, out, errs)
	}
	if code, _, errs := runArgs(t, "backup", dir+"/b.age"); code != exitError || !strings.Contains(errs, "pg_dump") {
		t.Fatalf("backup on PostgreSQL: exit %d, %s", code, errs)
	}
	if code, _, errs := runArgs(t, "restore", dir+"/b.age"); code != exitError || !strings.Contains(errs, envDatabaseURL) {
		t.Fatalf("restore with PostgreSQL set: exit %d, %s", code, errs)
	}
}

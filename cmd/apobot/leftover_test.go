package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// killMoments are the moments after its start at which
// TestAKilledBackupLeavesNoChat kills `apobot backup`: every 10 ms from its
// start until well after it would have finished.
func killMoments() []time.Duration {
	var at []time.Duration
	for ms := 0; ms <= 400; ms += 10 {
		at = append(at, time.Duration(ms)*time.Millisecond)
	}
	return at
}

// TestAKilledBackupLeavesNoChat: `apobot backup` killed with SIGKILL at
// each of killMoments, beside a running service with chats, leaves no file
// that holds a byte of a chat (its pseudonymous key or a sealed value), in
// the data folder or beside the backup file; and `check` finds nothing
// left over.
func TestAKilledBackupLeavesNoChat(t *testing.T) {
	p := startBinary(t)
	for range 2 {
		tok := webSession(t, p.base)
		postText(t, p.base, tok, "Ibuprofen AL 400 20 Stück")
		waitWeb(t, p.base, tok, "Verstanden")
	}
	marks := append(sealedBlobs(t, dbPath(p.dir)), chatKeys(t, dbPath(p.dir))...)
	if len(marks) < 4 {
		t.Fatalf("only %d chat values to look for", len(marks))
	}
	out := t.TempDir()
	env := append(os.Environ(), envDataDir+"="+p.dir)
	finished := 0
	moments := killMoments()
	for i, at := range moments {
		file := filepath.Join(out, fmt.Sprintf("b%d.backup", i))
		if killBackupAt(t, env, file, at) {
			finished++
		}
		for _, dir := range []string{p.dir, out} {
			if f := fileWithChat(t, dir, marks); f != "" {
				t.Fatalf("backup killed %v after its start: %s holds a chat", at, f)
			}
		}
	}
	t.Logf("%d backups killed, %d finished before their moment", len(moments)-finished, finished)
	cmd := exec.Command(builtBinary(t), "check")
	cmd.Env = env
	res, _ := cmd.CombinedOutput()
	if !strings.Contains(string(res), "leftovers: none") {
		t.Fatalf("check after the killed backups:\n%s", res)
	}
}

// killBackupAt starts `apobot backup file`, kills it with SIGKILL at after
// its start and reports whether it had finished by then.
func killBackupAt(t *testing.T, env []string, file string, at time.Duration) bool {
	t.Helper()
	cmd := exec.Command(builtBinary(t), "backup", file)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("backup failed on its own: %v", err)
		}
		return true
	case <-time.After(at): // the moment of the kill, not a wait for anything
	}
	cmd.Process.Kill()
	<-done
	return false
}

// fileWithChat names a file in dir, other than the live database, that
// holds one of marks.
func fileWithChat(t *testing.T, dir string, marks [][]byte) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case "apobot.db", "apobot.db-wal", "apobot.db-shm":
			continue
		}
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range marks {
			if bytes.Contains(b, m) {
				return e.Name()
			}
		}
	}
	return ""
}

// chatKeys reads every conversation's pseudonymous key.
func chatKeys(t *testing.T, db string) [][]byte {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT chat_key FROM conversations")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		out = append(out, []byte(k))
	}
	return out
}

// TestLeftoversAreFoundAndRemoved: what an earlier apobot's interrupted
// backup (a snapshot with every chat) or an interrupted restore left in
// the data folder fails `check`; `purge` and the start of `serve` overwrite
// and remove it, and nothing else: other files stay, and a link's target
// is not touched.
func TestLeftoversAreFoundAndRemoved(t *testing.T) {
	dir := t.TempDir()
	setUpData(t, dir)
	outside := filepath.Join(t.TempDir(), "elsewhere.db")
	os.WriteFile(outside, []byte("not apobot's"), 0o600)
	leave := func() {
		t.Helper()
		copyFile(t, dbPath(dir), filepath.Join(dir, "backup-0011223344556677.db"))
		for _, name := range []string{"backup-0011223344556677.db-journal", "apobot.db.partial", "notes.txt"} {
			os.WriteFile(filepath.Join(dir, name), []byte("SQLite format 3"), 0o600)
		}
		os.Symlink(outside, filepath.Join(dir, "backup-8899aabbccddeeff.db"))
	}
	stays := func(when string) {
		t.Helper()
		left, _ := filepath.Glob(filepath.Join(dir, "backup-*"))
		if _, err := os.Lstat(filepath.Join(dir, "apobot.db.partial")); err == nil {
			left = append(left, "apobot.db.partial")
		}
		if len(left) > 0 {
			t.Fatalf("%s: left %v", when, left)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err != nil || len(b) == 0 {
			t.Fatalf("%s: another file was removed: %v", when, err)
		}
		if b, _ := os.ReadFile(outside); string(b) != "not apobot's" {
			t.Fatalf("%s: a link's target was changed: %q", when, b)
		}
	}

	leave()
	code, out, _ := runArgs(t, "check")
	if code != exitError || !strings.Contains(out, "FAIL  leftovers") || !strings.Contains(out, "backup-0011223344556677.db") ||
		!strings.Contains(out, "apobot.db.partial") || strings.Contains(out, "notes.txt") {
		t.Fatalf("check with leftovers: exit %d\n%s", code, out)
	}
	code, out, errs := runArgs(t, "purge")
	if code != exitOK || !strings.Contains(out, "4 Reste") {
		t.Fatalf("purge: exit %d %q %q", code, out, errs)
	}
	stays("after the purge")
	if _, out, _ := runArgs(t, "check"); !strings.Contains(out, "ok    leftovers") {
		t.Fatalf("check after the purge:\n%s", out)
	}

	leave()
	s := startService(t, nil)
	s.stop()
	stays("after serve started")
	if !strings.Contains(s.logs.String(), "interrupted backup") || !strings.Contains(s.logs.String(), "files=4") {
		t.Fatalf("serve did not say it removed 4 leftovers:\n%s", s.logs.String())
	}
}

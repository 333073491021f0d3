package main

import (
	"bytes"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/apobot/apobot/store/backup"
	"github.com/apobot/apobot/store/seal"
)

// TestBackupAndRestoreKeepTheDeletionPromise backs up while web chat
// messages flow, erases a chat afterwards, restores the backup into a new
// folder and finds no chat there at all (so not the erased one, nor a byte
// of any sealed value), while stock, requests (marked as without chat) and
// accounts are back. Refusals leave the folders as they were.
func TestBackupAndRestoreKeepTheDeletionPromise(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	s := startService(t, map[string]string{envDataDir: data}) // the demo pharmacy: demo stock and a first account
	erased, other := webSession(t, s.base), webSession(t, s.base)
	for _, tok := range []string{erased, other} {
		postText(t, s.base, tok, "Ibuprofen AL 400 20 Stück")
		waitWeb(t, s.base, tok, "Verstanden")
	}
	sealed := sealedBlobs(t, dbPath(data)) // every sealed value there is now

	var flowing []string // several chats: each takes web.MessageBurst messages at once
	for range 10 {
		flowing = append(flowing, webSession(t, s.base))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // messages keep coming while the backup is taken
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
				postText(t, s.base, flowing[i%len(flowing)], "Hat die Apotheke heute offen?")
			}
		}
	}()
	file := filepath.Join(dir, "apobot.backup")
	code, out, errs := runArgs(t, "backup", file)
	close(stop)
	wg.Wait()
	if code != exitOK || !strings.Contains(out, "chats left out (by design)") || !strings.Contains(out, "Chats nicht enthalten") {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v, want mode 0600", fi, err)
	}
	if code, _, errs := runArgs(t, "backup", file); code != exitError || !strings.Contains(errs, "exists") {
		t.Fatalf("backup over an existing file: %d %q", code, errs)
	}
	req, _ := http.NewRequest(http.MethodDelete, s.base+"/chat", nil)
	req.Header.Set("Authorization", "Bearer "+erased)
	if status := do(http.DefaultClient, req); status != http.StatusNoContent {
		t.Fatalf("erase: %d", status)
	}
	s.stop()
	if left, _ := filepath.Glob(filepath.Join(data, "backup-*")); len(left) != 0 {
		t.Fatalf("the snapshot was left in the data folder: %v", left)
	}

	// The backup opened with the master key: no chats, no sealed bytes.
	key, err := seal.Load(filepath.Join(data, "master.key"))
	if err != nil {
		t.Fatal(err)
	}
	enc, _ := os.ReadFile(file)
	var plain bytes.Buffer
	if err := backup.Decrypt(&plain, bytes.NewReader(enc), key); err != nil {
		t.Fatal(err)
	}
	for _, b := range sealed {
		if bytes.Contains(plain.Bytes(), b) {
			t.Fatal("a sealed value of a chat is in the backup")
		}
	}

	// Restore: refused without the key and into a folder with a database;
	// then into a new folder with the key beside it.
	restored := filepath.Join(dir, "restored")
	t.Setenv(envDataDir, restored)
	if code, _, errs := runArgs(t, "restore", file); code != exitError || !strings.Contains(errs, "master key") {
		t.Fatalf("restore without the key: %d %q", code, errs)
	}
	os.MkdirAll(restored, 0o700)
	os.WriteFile(filepath.Join(restored, "master.key"), []byte(strings.Repeat("ab", 32)), 0o600)
	if code, _, errs := runArgs(t, "restore", file); code != exitError || !strings.Contains(errs, "does not open this backup") {
		t.Fatalf("restore with another key: %d %q", code, errs)
	}
	if _, err := os.Stat(dbPath(restored)); err == nil {
		t.Fatal("a refused restore left a database behind")
	}
	copyFile(t, filepath.Join(data, "master.key"), filepath.Join(restored, "master.key"))
	code, out, errs = runArgs(t, "restore", file)
	if code != exitOK || !strings.Contains(out, "2 open pre-orders without their chat") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	if code, _, errs := runArgs(t, "restore", file); code != exitError || !strings.Contains(errs, "already holds a database") {
		t.Fatalf("restore over a database: %d %q", code, errs)
	}
	conn, err := sql.Open("sqlite3", "file:"+dbPath(restored)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	counts := map[string]int{}
	for _, table := range []string{"conversations", "messages", "staff_sessions", "products", "preorders", "staff"} {
		var n int
		conn.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n)
		counts[table] = n
	}
	if counts["conversations"] != 0 || counts["messages"] != 0 || counts["staff_sessions"] != 0 ||
		counts["products"] < 200 || counts["preorders"] != 2 || counts["staff"] != 1 {
		t.Fatalf("restored %v: want no chats, messages or logins; the demo stock, both requests and the account", counts)
	}
	noneInClear(t, "the restored folder", fileBytes(t, dbPath(restored)), []string{"Ibuprofen AL 400 20 Stück", "Hat die Apotheke"})
	conn.Close()

	// The restored pharmacy runs; its account logs in with its old password
	// and sees both requests marked as without chat.
	r := startService(t, map[string]string{envDataDir: restored})
	page := staffLogin(t, r.base, s.out.String()).get(t, r.base+"/staff")
	if n := strings.Count(page, "ohne Chat"); n != 2 {
		t.Fatalf("the restored queue marks %d requests as without chat, want 2", n)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

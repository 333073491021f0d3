// Command purgebench measures the nightly purge: it fills a fresh database
// with n conversations of one sealed message each (as customers leave them),
// times `apobot backup`'s work on it (snapshot without chats, encryption)
// against a plain copy of the database files, lets 49 hours pass, runs the
// purge and reports how long it took and the size of the database and its
// WAL afterwards.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/retention"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/backup"
	"github.com/apobot/apobot/store/seal"
)

func main() {
	n := flag.Int("n", 100000, "conversations to purge")
	database := flag.String("database", "sqlite", "sqlite, or postgres (a throwaway server, started here)")
	flag.Parse()
	var err error
	if *database == "postgres" {
		err = runPostgres(context.Background(), os.Stdout, *n)
	} else {
		err = run(context.Background(), os.Stdout, *n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "purgebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, n int) error {
	dir, err := os.MkdirTemp("", "purgebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	now := time.Now()
	clock := func() time.Time { return now }
	k, _ := seal.NewKey()
	path := filepath.Join(dir, "apobot.db")
	db, err := store.Open(path, store.Options{Now: clock, MasterKey: &k})
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	text := "Ich brauche Ibuprofen AL 400 20 Stück und Paracetamol 500, bitte bis morgen."
	for i := range n {
		in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: fmt.Sprintf("chat-%d", i), ReplyTo: fmt.Sprintf("49151%08d", i),
			MessageID: "wamid.1", Text: text}
		if _, _, _, err := db.SaveInbound(ctx, in); err != nil {
			return err
		}
	}
	filled := time.Since(start)
	before := sizes(path)
	if err := timeBackup(ctx, w, db, path, k, n); err != nil {
		return err
	}
	now = now.Add(49 * time.Hour)
	rep, err := retention.Purge(ctx, db, retention.DefaultPolicy(), now, false)
	if err != nil {
		return err
	}
	after := sizes(path)
	fmt.Fprintf(w, "purgebench: %d conversations (one sealed message each) written in %s\n", n, filled.Round(time.Millisecond))
	fmt.Fprintf(w, "before the purge: database %s, WAL %s\n", mb(before[0]), mb(before[1]))
	fmt.Fprintf(w, "purge: %d conversations deleted in %.2f s (%.0f per second), WAL checkpointed\n",
		rep.Conversations, rep.Took.Seconds(), float64(rep.Conversations)/rep.Took.Seconds())
	fmt.Fprintf(w, "after the purge: database %s, WAL %s\n", mb(after[0]), mb(after[1]))
	if rep.Conversations != n {
		return fmt.Errorf("purged %d of %d conversations", rep.Conversations, n)
	}
	return nil
}

// timeBackup times what `apobot backup` does with the database at path (a
// snapshot without chats, encrypted) and a plain copy of its files.
func timeBackup(ctx context.Context, w io.Writer, db *store.DB, path string, k seal.Key, n int) error {
	dir := filepath.Dir(path)
	start := time.Now()
	snap, rep, err := db.Snapshot(ctx)
	if err != nil {
		return err
	}
	snapped := time.Since(start)
	in := bytes.NewReader(snap)
	out, err := os.Create(filepath.Join(dir, "apobot.backup"))
	if err != nil {
		return err
	}
	defer out.Close()
	if err := backup.Encrypt(out, in, k); err != nil {
		return err
	}
	took := time.Since(start)
	start = time.Now()
	for _, p := range []string{path, path + "-wal"} {
		if err := copyFile(p, p+".copy"); err != nil {
			return err
		}
	}
	copied := time.Since(start)
	fi, _ := out.Stat()
	fmt.Fprintf(w, "backup of the %d-chat database: %.2f s (snapshot without chats %.2f s, encryption %.2f s), file %s, %d chats left out; "+
		"a plain copy of the database files: %.2f s (backup / copy: %.1f)\n",
		n, took.Seconds(), snapped.Seconds(), (took - snapped).Seconds(), mb(fi.Size()), rep.ChatsLeftOut, copied.Seconds(), took.Seconds()/copied.Seconds())
	if rep.ChatsLeftOut != int64(n) {
		return fmt.Errorf("the snapshot left out %d of %d chats", rep.ChatsLeftOut, n)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Sync()
}

// sizes returns the byte sizes of the database and its WAL.
func sizes(path string) [2]int64 {
	var out [2]int64
	for i, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			out[i] = fi.Size()
		}
	}
	return out
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/retention"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/pgtest"
	"github.com/apobot/apobot/store/seal"
)

// runPostgres is the purge's measurement on a throwaway PostgreSQL server:
// n abandoned chats, filled by eight writers, purged 49 hours later, with
// the VACUUM of the emptied tables. Backups are the server's own tools
// there, so none is timed.
func runPostgres(ctx context.Context, w io.Writer, n int) error {
	s, err := pgtest.Shared()
	if err != nil {
		return err
	}
	defer pgtest.StopShared()
	url, err := s.NewDatabase(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	k, _ := seal.NewKey()
	db, err := store.OpenPostgres(url, store.Options{Now: clock, MasterKey: &k})
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := fill(ctx, db, n, 8); err != nil {
		return err
	}
	filled := time.Since(start)
	before, err := db.DatabaseSize(ctx)
	if err != nil {
		return err
	}
	mu.Lock()
	now = now.Add(49 * time.Hour)
	mu.Unlock()
	rep, err := retention.Purge(ctx, db, retention.DefaultPolicy(), clock(), false)
	if err != nil {
		return err
	}
	after, err := db.DatabaseSize(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "purgebench (PostgreSQL): %d conversations (one sealed message each) written in %s by 8 writers\n", n, filled.Round(time.Millisecond))
	fmt.Fprintf(w, "purge: %d conversations deleted in %.2f s (%.0f per second), emptied tables vacuumed\n",
		rep.Conversations, rep.Took.Seconds(), float64(rep.Conversations)/rep.Took.Seconds())
	fmt.Fprintf(w, "database %s before the purge, %s after (VACUUM frees the dead rows for reuse and hands empty pages at the end of a table back)\n", mb(before), mb(after))
	if rep.Conversations != n {
		return fmt.Errorf("purged %d of %d conversations", rep.Conversations, n)
	}
	return nil
}

// fill stores n chats of one message each with writers at once.
func fill(ctx context.Context, db *store.DB, n, writers int) error {
	text := "Ich brauche Ibuprofen AL 400 20 Stück und Paracetamol 500, bitte bis morgen."
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for wr := range writers {
		wg.Go(func() {
			for i := wr; i < n; i += writers {
				in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: fmt.Sprintf("chat-%d", i), ReplyTo: fmt.Sprintf("49151%08d", i),
					MessageID: "wamid.1", Text: text}
				if _, _, _, err := db.SaveInbound(ctx, in); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

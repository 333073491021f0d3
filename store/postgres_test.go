package store

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/retention"
	"github.com/apobot/apobot/store/pgtest"
	"github.com/apobot/apobot/store/seal"
)

// TestPostgresFilesHoldNoClearText: on PostgreSQL a deleted row stays in the
// data files as a dead tuple until VACUUM reuses its space, and the WAL
// keeps every write. What apobot writes of a chat is sealed before it leaves
// the process, so neither holds it in clear, before or after the purge's
// VACUUM. As a control, a product name (stored in clear) must be found.
func TestPostgresFilesHoldNoClearText(t *testing.T) {
	if !onPostgres() {
		t.Skip("the PostgreSQL run checks PostgreSQL's files")
	}
	db, _ := openSealed(t)
	ctx := context.Background()
	if _, err := db.LoadDemoInventory(ctx); err != nil {
		t.Fatal(err)
	}
	in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: seal.Pseudonym(seal.Key{7}, "whatsapp", "49151"), ReplyTo: "4915199990001",
		MessageID: "wamid.PG1", Text: "Ibuprofen für Erika Mustermann", Photo: []byte("JPEG-PATIENT-Erika-PHOTO")}
	conv, _, _, err := db.SaveInbound(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := pgtest.Shared()
	var oid string
	if err := db.sql.QueryRowContext(ctx, "SELECT oid::text FROM pg_database WHERE datname = current_database()").Scan(&oid); err != nil {
		t.Fatal(err)
	}
	planted := []string{"Erika", "Mustermann", "PATIENT", "4915199990001"}
	check := func(when string) {
		t.Helper()
		if err := s.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		files := clusterBytes(t, filepath.Join(s.DataDir(), "base", oid), filepath.Join(s.DataDir(), "pg_wal"))
		if !bytes.Contains(files, []byte("Ibuprofen AL")) {
			t.Fatalf("%s: the control (a product name in clear) is not in the cluster's files: the check sees nothing", when)
		}
		for _, p := range planted {
			if bytes.Contains(files, []byte(p)) {
				t.Fatalf("%s: %q is in the cluster's files in clear", when, p)
			}
		}
	}
	check("while the chat is stored")
	if err := db.DeleteConversation(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil { // the purge's VACUUM
		t.Fatal(err)
	}
	check("after deletion and VACUUM")
}

// clusterBytes reads every file in dirs: this database's tables and
// indexes, and the cluster's WAL.
func clusterBytes(t *testing.T, dirs ...string) []byte {
	t.Helper()
	var all []byte
	for _, dir := range dirs {
		all = append(all, filesIn(t, dir)...)
	}
	return all
}

func filesIn(t *testing.T, dir string) []byte {
	var all []byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil // a file PostgreSQL removed meanwhile
		}
		all = append(all, b...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestInspectAndPurgeLockOnPostgres(t *testing.T) {
	if !onPostgres() {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	s, err := pgtest.Shared()
	if err != nil {
		t.Fatal(err)
	}
	url, err := s.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in, err := InspectPostgres(ctx, url); err != nil || in.Version != 0 {
		t.Fatalf("an empty database: %+v %v, want version 0", in, err)
	}
	tg := target{url: url}
	a := tg.open(t, Options{})
	a.LoadDemoInventory(ctx)
	if in, err := InspectPostgres(ctx, url); err != nil || in.Version != LatestVersion() || in.Products == 0 {
		t.Fatalf("after open: %+v %v", in, err)
	}
	unlock, ok, err := a.LockPurge(ctx)
	if err != nil || !ok {
		t.Fatalf("first purge lock: %v %v", ok, err)
	}
	b := tg.open(t, Options{})
	if _, ok, err := b.LockPurge(ctx); ok || err != nil {
		t.Fatalf("a second process took the purge lock: %v %v", ok, err)
	}
	rep, err := retention.Purge(ctx, b, retention.DefaultPolicy(), time.Now(), false)
	if err != nil || !rep.Elsewhere {
		t.Fatalf("a purge while another process purges: %+v %v; want it left to that one", rep, err)
	}
	unlock()
	if unlock2, ok, err := b.LockPurge(ctx); !ok || err != nil {
		t.Fatalf("after the first let go: %v %v", ok, err)
	} else {
		unlock2()
	}
}

// A request filed or changed through one process's connection is signalled
// at once to another's tablet pages (LISTEN/NOTIFY), however long their
// interval.
func TestQueueChangesReachOtherProcesses(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := t.Context()
	changes := a.QueueChanges(ctx)
	// The listener connects in the background: a first change may come
	// before it listens, so changes are made until one is heard.
	heard := func(change func()) {
		t.Helper()
		for {
			change()
			select {
			case <-changes:
				return
			case <-ctx.Done():
				t.Fatal("no notification")
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	var po bot.PreOrder
	heard(func() {
		po = bot.PreOrder{Items: []bot.Item{{Name: "X", Quantity: 1}}}
		if err := b.CreatePreOrder(ctx, &po); err != nil {
			t.Fatal(err)
		}
	})
	for len(changes) > 0 {
		<-changes
	}
	if _, err := b.SetStatus(ctx, po.ID, bot.StatusRejected, time.Time{}, "nicht lieferbar"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-ctx.Done():
		t.Fatal("a decision in another process was not signalled")
	}
}

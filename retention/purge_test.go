package retention_test

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/retention"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/seal"
	"github.com/apobot/apobot/store/storetest"
)

// clock is the store's injected time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestPurgeFollowsThePolicy(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
	k, _ := seal.NewKey()
	db, path := storetest.Open(t, store.Options{Now: c.now, MasterKey: &k})
	if _, err := db.LoadDemoInventory(ctx); err != nil {
		t.Fatal(err)
	}
	chat := func(key string) bot.Conversation {
		conv, _, _, err := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: key, ReplyTo: "49151", MessageID: "1", Text: "Erika Mustermann"})
		if err != nil {
			t.Fatal(err)
		}
		return conv
	}
	order := func(conv *bot.Conversation, to ...bot.Status) bot.PreOrder {
		po := bot.PreOrder{Items: []bot.Item{{PZN: "74372349", Name: "Ibuprofen AL", Quantity: 1}}}
		if err := db.CreatePreOrder(ctx, &po); err != nil {
			t.Fatal(err)
		}
		for _, s := range to {
			var err error
			if po, err = db.SetStatus(ctx, po.ID, s, c.t, ""); err != nil {
				t.Fatal(err)
			}
		}
		if conv != nil {
			conv.PreOrderID = po.ID
			if err := db.UpdateConversation(ctx, *conv); err != nil {
				t.Fatal(err)
			}
		}
		return po
	}
	abandoned := chat("abandoned")
	waiting := chat("waiting")
	pWaiting := order(&waiting, bot.StatusProposed)
	notify := chat("notify")
	notify.Notify = true
	pReady := order(&notify, bot.StatusProposed, bot.StatusApproved)
	pDone := order(nil, bot.StatusProposed, bot.StatusApproved, bot.StatusHandedOut)
	db.CreateSession(ctx, "old-session", 1)

	c.t = c.t.Add(3 * 24 * time.Hour) // three days on: only the abandoned chat goes
	policy := retention.DefaultPolicy()
	r, err := retention.Purge(ctx, db, policy, c.t, false)
	if err != nil || r.Conversations != 1 || r.Expired != 0 || r.PreOrders != 0 || r.Sessions != 1 {
		t.Fatalf("after 3 days: %+v, %v; want 1 chat and 1 session", r, err)
	}
	if _, err := db.Conversation(ctx, abandoned.ID); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("abandoned chat: %v", err)
	}
	for _, kept := range []int64{waiting.ID, notify.ID} {
		if _, err := db.Conversation(ctx, kept); err != nil {
			t.Fatalf("chat %d waiting for staff or for 'ready' was purged: %v", kept, err)
		}
	}

	c.t = c.t.Add(5 * 24 * time.Hour) // eight days: both requests expire, their chats go, the handed-out one is deleted
	fresh := chat("fresh")
	dry, err := retention.Purge(ctx, db, policy, c.t, true)
	if err != nil || dry.Expired != 2 || dry.PreOrders != 1 {
		t.Fatalf("dry run: %+v, %v", dry, err)
	}
	if po, _ := db.PreOrder(ctx, pWaiting.ID); po.Status != bot.StatusProposed {
		t.Fatalf("a dry run changed a pre-order to %s", po.Status)
	}
	r, err = retention.Purge(ctx, db, policy, c.t, false)
	if err != nil || r.Expired != 2 || r.Conversations != 2 || r.PreOrders != 1 {
		t.Fatalf("after 8 days: %+v, %v; want 2 expired, 2 chats, 1 pre-order", r, err)
	}
	if po, _ := db.PreOrder(ctx, pReady.ID); po.Status != bot.StatusExpired {
		t.Fatalf("uncollected pre-order is %s, want expired", po.Status)
	}
	if _, err := db.PreOrder(ctx, pDone.ID); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("handed-out pre-order 8 days later: %v, want deleted", err)
	}
	if p, _ := db.Product(ctx, "74372349"); p.Stock != 6 {
		t.Fatalf("stock %d, want 6 (7 less the one handed out; the expired ones back)", p.Stock)
	}
	if _, err := db.Conversation(ctx, fresh.ID); err != nil {
		t.Fatalf("a fresh chat was purged: %v", err)
	}
	if fi, err := os.Stat(path + "-wal"); path != "" && (err != nil || fi.Size() != 0) { // SQLite
		t.Fatalf("WAL after the purge: %v bytes, %v; want truncated", fi.Size(), err)
	}
	at, counts, err := db.LastPurge(ctx)
	if err != nil || !at.Equal(c.t.Truncate(time.Second)) || counts["conversations"] != 2 || counts["expired"] != 2 {
		t.Fatalf("last purge %v %v %v", at, counts, err)
	}
}

func TestNextPurgeTime(t *testing.T) {
	p := retention.DefaultPolicy()
	berlin := p.Location
	for _, tc := range []struct{ now, want time.Time }{
		{time.Date(2026, 11, 27, 20, 0, 0, 0, berlin), time.Date(2026, 11, 28, 3, 0, 0, 0, berlin)},
		{time.Date(2026, 11, 28, 2, 59, 0, 0, berlin), time.Date(2026, 11, 28, 3, 0, 0, 0, berlin)},
		{time.Date(2026, 11, 28, 3, 0, 0, 0, berlin), time.Date(2026, 11, 29, 3, 0, 0, 0, berlin)},
		{time.Date(2026, 3, 28, 12, 0, 0, 0, berlin), time.Date(2026, 3, 29, 3, 0, 0, 0, berlin)}, // the night clocks go forward
		{time.Date(2026, 10, 24, 12, 0, 0, 0, berlin), time.Date(2026, 10, 25, 3, 0, 0, 0, berlin)},
	} {
		if got := p.Next(tc.now); !got.Equal(tc.want) {
			t.Errorf("Next(%s) = %s, want %s", tc.now, got, tc.want)
		}
	}
	bad := p
	bad.Abandoned, bad.AtHour = 0, 24
	if err := bad.Validate(); err == nil {
		t.Fatal("a zero window and hour 24 validate")
	}
}

// fakeClock is a clock the test drives: Nightly's waits arrive on waits,
// and the test ends one by moving the time on and firing it.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits chan fakeWait
}

type fakeWait struct {
	d    time.Duration
	fire chan time.Time
}

func newFakeClock(at time.Time) *fakeClock {
	return &fakeClock{now: at, waits: make(chan fakeWait, 1)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	w := fakeWait{d, make(chan time.Time, 1)}
	c.waits <- w
	return w.fire
}

// next takes Nightly's next wait, checks its length, moves the clock on by
// it and ends it.
func (c *fakeClock) next(t *testing.T, want time.Duration) {
	t.Helper()
	w := testwait.Receive(t, "Nightly to wait", c.waits)
	if w.d != want {
		t.Fatalf("Nightly waits %s, want %s", w.d, want)
	}
	c.mu.Lock()
	c.now = c.now.Add(w.d)
	at := c.now
	c.mu.Unlock()
	w.fire <- at
}

// Nightly waits on its clock: started two seconds before 03:00 in
// Magdeburg, it purges at 03:00 and then waits for the next night.
func TestNightlyPurgesAtThePolicyTime(t *testing.T) {
	k, _ := seal.NewKey()
	db, _ := storetest.Open(t, store.Options{MasterKey: &k})
	berlin, _ := time.LoadLocation("Europe/Berlin")
	clock := newFakeClock(time.Date(2026, 11, 28, 2, 59, 58, 0, berlin))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan time.Time, 2)
	go retention.Nightly(ctx, db, retention.DefaultPolicy(), slog.New(slog.DiscardHandler), clock,
		func(retention.Report) { done <- clock.Now() })
	clock.next(t, 2*time.Second)
	if at, want := testwait.Receive(t, "the purge at 03:00", done), time.Date(2026, 11, 28, 3, 0, 0, 0, berlin); !at.Equal(want) {
		t.Fatalf("purged at %s, want %s", at, want)
	}
	clock.next(t, 24*time.Hour) // the next purge: the next night, not sooner
	if at := testwait.Receive(t, "the purge the next night", done); !at.Equal(time.Date(2026, 11, 29, 3, 0, 0, 0, berlin)) {
		t.Fatalf("second purge at %s, want the next night at 03:00", at)
	}
	if last, counts, err := db.LastPurge(context.Background()); err != nil || last.IsZero() || counts == nil {
		t.Fatalf("the purge was not recorded: %v %v %v", last, counts, err)
	}
}

// A reader holding the WAL makes the purge's checkpoint fail; Nightly tries
// again after the policy's Retry and succeeds once the reader is gone.
func TestNightlyTriesAgainWhenTheWALIsBusy(t *testing.T) {
	storetest.SQLiteOnly(t)
	k, _ := seal.NewKey()
	path := filepath.Join(t.TempDir(), "apobot.db")
	db, err := store.Open(path, store.Options{MasterKey: &k})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reader, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM products").Scan(&n); err != nil { // holds a read snapshot
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	clock := newFakeClock(time.Date(2026, 11, 28, 2, 59, 59, 0, berlin))
	policy := retention.DefaultPolicy()
	policy.Retry = time.Minute
	logs := &lockedBuffer{}
	done := make(chan struct{}, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go retention.Nightly(ctx, db, policy, slog.New(slog.NewTextHandler(logs, nil)), clock, func(retention.Report) { done <- struct{}{} })
	clock.next(t, time.Second) // 03:00: the purge fails with the WAL held
	w := testwait.Receive(t, "the retry's wait", clock.waits)
	if w.d != policy.Retry || !strings.Contains(logs.String(), "purge failed, trying again") {
		t.Fatalf("after the failed try Nightly waits %s, want the policy's %s; log:\n%s", w.d, policy.Retry, logs.String())
	}
	tx.Rollback()
	clock.waits <- w // hand the wait back for next to end it
	clock.next(t, policy.Retry)
	testwait.Receive(t, "the purge after the reader let go", done)
	if strings.Count(logs.String(), "purge failed") != 1 {
		t.Fatalf("want exactly one failed try; log:\n%s", logs.String())
	}
}

// lockedBuffer is a log the purge goroutine writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestMain(m *testing.M) { storetest.Main(m) }

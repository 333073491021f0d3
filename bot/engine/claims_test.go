package engine_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/seal"
	"github.com/apobot/apobot/store/storetest"
)

// twoEngines runs two engines, as two apobot processes, on one PostgreSQL
// database with the demo inventory; said hears both engines' turns in the
// order they were done.
func twoEngines(t *testing.T, opts ...func(*engine.Config)) (a, b *engine.Engine, db *store.DB, said func() []int64) {
	t.Helper()
	k, _ := seal.NewKey()
	dbA, dbB := storetest.OpenShared(t, store.Options{MasterKey: &k})
	if _, err := dbA.LoadDemoInventory(context.Background()); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var turns []int64
	hear := func(cfg *engine.Config) {
		cfg.Said = func(m int64, _ []bot.Reply) { mu.Lock(); turns = append(turns, m); mu.Unlock() }
	}
	start := func(db *store.DB) *engine.Engine {
		e := engineOn(t, db, nil, append([]func(*engine.Config){hear}, opts...)...)
		ctx, cancel := context.WithCancel(context.Background())
		if err := e.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cancel(); e.Stop() })
		return e
	}
	return start(dbA), start(dbB), dbA, func() []int64 { mu.Lock(); defer mu.Unlock(); return slices.Clone(turns) }
}

// Messages of one conversation arrive at both processes at once; each is
// answered once, in the order they were stored, and one turn ends before
// the next begins in either process (the claim): the order in which the
// engines report turns done is the messages' order. Without claims the
// answers stay single (a second answer is rolled back), but turns overlap
// and this order breaks.
func TestTwoEnginesAnswerEachMessageOnceInOrder(t *testing.T) {
	a, b, db, said := twoEngines(t)
	ctx := context.Background()
	const chats, each = 3, 12
	ids := map[string][]int64{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c := range chats {
		key := fmt.Sprint("web-two-", c)
		if _, err := a.StartWebAt(ctx, key, "de", ""); err != nil {
			t.Fatal(err)
		}
		for i := range each {
			e := []*engine.Engine{a, b}[i%2]
			wg.Add(1)
			go func() {
				defer wg.Done()
				rc, err := e.Receive(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: key, MessageID: fmt.Sprint("m", i), Text: "Danke", ReceivedAt: monday})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				ids[key] = append(ids[key], rc.MessageID)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	testwait.Until(t, "every message answered", func() bool { return len(said()) >= chats*each })
	turns := said()
	if len(turns) != chats*each {
		t.Fatalf("%d turns for %d messages", len(turns), chats*each)
	}
	for key, msgs := range ids {
		slices.Sort(msgs)
		var order []int64
		for _, m := range turns {
			if slices.Contains(msgs, m) {
				order = append(order, m)
			}
		}
		if !slices.Equal(order, msgs) {
			t.Errorf("chat %s answered in the order %v, stored %v", key, order, msgs)
		}
		conv, _ := db.ConversationByKey(ctx, key)
		all, _ := db.Messages(ctx, conv.ID, 0)
		replies := 0
		for _, m := range all {
			if m.FromBot {
				replies++
			}
		}
		if replies != each+1 { // one per message and the greeting
			t.Errorf("chat %s holds %d replies to %d messages", key, replies, each)
		}
	}
}

// A conversation claimed by a process that died is taken up by another
// once the claim's lease ran out.
func TestAClaimOfADeadProcessRunsOut(t *testing.T) {
	lease := time.Minute
	var clock atomic.Int64 // minutes after monday
	var refused atomic.Int32
	moving := func(cfg *engine.Config) {
		cfg.Now = func() time.Time { return monday.Add(time.Duration(clock.Load()) * time.Minute) }
		cfg.ClaimLease, cfg.RetryEvery = lease, 10*time.Millisecond
		cfg.Claims = countRefused{cfg.Claims, &refused}
	}
	a, b, db, said := twoEngines(t, moving)
	ctx := context.Background()
	rc, err := a.Receive(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "web-dead", MessageID: "m1", Text: "hallo"})
	if err != nil {
		t.Fatal(err)
	}
	testwait.Until(t, "the message answered", func() bool { return slices.Contains(said(), rc.MessageID) })
	// A third process claims the chat (once the engine that answered let
	// it go) and dies with it: the next message waits for the lease.
	testwait.Until(t, "a claim for a dead process", func() bool {
		ok, err := db.Claims().Claim(ctx, rc.ConversationID, "dead-process", monday, lease)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	})
	rc2, err := b.Receive(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "web-dead", MessageID: "m2", Text: "Danke"})
	if err != nil {
		t.Fatal(err)
	}
	// Both engines have tried a few times and been refused, and the
	// message is still unanswered.
	before := refused.Load()
	testwait.Until(t, "claims refused while the dead one holds", func() bool { return refused.Load() >= before+4 })
	if slices.Contains(said(), rc2.MessageID) {
		t.Fatal("a message was answered while another process held its chat")
	}
	clock.Store(2)
	testwait.Until(t, "the message answered after the dead claim ran out", func() bool { return slices.Contains(said(), rc2.MessageID) })
}

// countRefused counts the claims refused to the engines.
type countRefused struct {
	bot.Claims
	n *atomic.Int32
}

func (c countRefused) Claim(ctx context.Context, convID int64, owner string, now time.Time, lease time.Duration) (bool, error) {
	ok, err := c.Claims.Claim(ctx, convID, owner, now, lease)
	if err == nil && !ok {
		c.n.Add(1)
	}
	return ok, err
}

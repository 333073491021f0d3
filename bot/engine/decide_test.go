package engine_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// stallingMessenger records what it sends; while stall is set, a send
// waits until its context ends (a platform that hangs).
type stallingMessenger struct {
	mu      sync.Mutex
	sent    []string
	stall   bool
	stalled chan struct{} // closed when a send began to stall
}

func (m *stallingMessenger) Send(ctx context.Context, to, text string, _ time.Time) (string, error) {
	m.mu.Lock()
	if m.stall {
		m.stall = false
		m.mu.Unlock()
		close(m.stalled)
		<-ctx.Done()
		return "", ctx.Err()
	}
	defer m.mu.Unlock()
	m.sent = append(m.sent, text)
	return fmt.Sprint("p", len(m.sent)), nil
}

func (m *stallingMessenger) Fetch(context.Context, string) ([]byte, error) {
	return nil, bot.Errorf(bot.ENOTFOUND, "photo.not_loaded", nil)
}

func (m *stallingMessenger) texts() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.sent...)
}

// A decision taken while a reply is still on its way interrupts the send;
// the interrupted reply goes out before the decision and nothing of the
// chat stays behind.
func TestDecisionSendsAnInterruptedReplyFirst(t *testing.T) {
	m := &stallingMessenger{stalled: make(chan struct{})}
	db, e := newEngine(t, map[bot.Channel]bot.Messenger{bot.ChannelWhatsApp: m})
	ctx, cancel := context.WithCancel(context.Background())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop()
	defer cancel() // first: a stalled send ends with it
	in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "wa-1", ReplyTo: "4915100000001", ReceivedAt: monday}
	say := func(id, text string) {
		in.MessageID, in.Text = id, text
		if _, err := e.Receive(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	say("1", "PZN 74372349")
	testwait.Until(t, "the proposal", func() bool { return len(m.texts()) == 2 }) // notice and proposal
	m.mu.Lock()
	m.stall = true
	m.mu.Unlock()
	say("2", "2x")
	<-m.stalled
	conv, err := db.ConversationByKey(ctx, "wa-1")
	if err != nil {
		t.Fatal(err)
	}
	po, err := e.Desk().Approve(ctx, conv.PreOrderID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	sent := m.texts()
	if len(sent) != 4 {
		t.Fatalf("sent %d messages, want notice, proposal, the interrupted reply and the decision: %q", len(sent), sent)
	}
	wantReply(t, sent[2:3], "2×")
	wantReply(t, sent[3:], "bestätigt", string(po.Code))
	if _, err := db.Conversation(ctx, conv.ID); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("the handled chat is still stored: %v", err)
	}
}

// blockingScanner reads nothing until released.
type blockingScanner struct{ release chan struct{} }

func (s blockingScanner) Scan(ctx context.Context, _ []byte) (bot.Findings, error) {
	select {
	case <-s.release:
	case <-ctx.Done():
	}
	return bot.Findings{}, ctx.Err()
}

// Photos stored before a restart count as waiting for the scanner after it,
// so the web chat's backpressure holds across restarts.
func TestPhotosStoredBeforeARestartStillCount(t *testing.T) {
	db, first := newEngine(t, nil)
	ctx := context.Background()
	for i := range 2 {
		in := bot.Inbound{Channel: bot.ChannelWeb, ChatKey: fmt.Sprint("web-", i), MessageID: "1", Photo: []byte("\xff\xd8 a photo"), ReceivedAt: monday}
		if _, err := first.Receive(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	p, err := plan.New(plan.Demo(berlin))
	if err != nil {
		t.Fatal(err)
	}
	scan := blockingScanner{release: make(chan struct{})}
	again := engine.New(engine.Config{Conversations: db, PreOrders: db, Inventory: db, Planner: p, Scanner: scan, MaxPending: 2,
		Now: func() time.Time { return monday }})
	if again.PhotosBehind() {
		t.Fatal("behind before starting")
	}
	if err := again.Start(ctx); err != nil {
		t.Fatal(err)
	}
	release := sync.OnceFunc(func() { close(scan.release) })
	defer again.Stop()
	defer release() // before Stop, which waits for the scans
	if !again.PhotosBehind() {
		t.Fatal("after the restart, two stored photos do not count against a limit of 2")
	}
	release()
	testwait.Until(t, "the stored photos read", func() bool { return !again.PhotosBehind() })
}

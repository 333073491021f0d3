package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// twoProcesses opens the test's database twice, as two apobot processes
// on one PostgreSQL database do; skipped on SQLite, which one process serves.
func twoProcesses(t *testing.T) (a, b *DB) {
	t.Helper()
	if !onPostgres() {
		t.Skip("several processes share a PostgreSQL database only")
	}
	k, _ := seal.NewKey()
	tg := newTarget(t)
	return tg.open(t, Options{MasterKey: &k}), tg.open(t, Options{MasterKey: &k})
}

func TestClaimsKeepAConversationToOneProcess(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	conv, first, _, err := a.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "c", MessageID: "1", Text: "hallo"})
	if err != nil {
		t.Fatal(err)
	}
	now, lease := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), time.Minute
	ca, cb := a.Claims(), b.Claims()
	if ok, err := ca.Claim(ctx, conv.ID, "A", now, lease); !ok || err != nil {
		t.Fatalf("A's claim: %v %v", ok, err)
	}
	if ok, err := cb.Claim(ctx, conv.ID, "B", now.Add(30*time.Second), lease); ok || err != nil {
		t.Fatalf("B claimed a conversation A holds: %v %v", ok, err)
	}
	if ok, _ := ca.Claim(ctx, conv.ID, "A", now.Add(50*time.Second), lease); !ok {
		t.Fatal("A could not renew its claim")
	}
	if ok, _ := cb.Claim(ctx, conv.ID, "B", now.Add(100*time.Second), lease); ok {
		t.Fatal("B took a renewed claim before its lease ran out")
	}
	// A stops renewing (it died): once the lease ran out, B takes over and
	// A's renewal fails.
	if ok, _ := cb.Claim(ctx, conv.ID, "B", now.Add(111*time.Second), lease); !ok {
		t.Fatal("B could not take a claim whose lease ran out")
	}
	if ok, _ := ca.Claim(ctx, conv.ID, "A", now.Add(112*time.Second), lease); ok {
		t.Fatal("A renewed a claim B took over")
	}
	if newest, err := ca.Release(ctx, conv.ID, "A"); err != nil || newest != first {
		t.Fatalf("A's release: newest %d, %v; want %d", newest, err, first)
	}
	if ok, _ := ca.Claim(ctx, conv.ID, "A", now.Add(113*time.Second), lease); ok {
		t.Fatal("A's release gave up B's claim")
	}
	_, second, _, _ := a.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "c", MessageID: "2", Text: "noch was"})
	if newest, err := cb.Release(ctx, conv.ID, "B"); err != nil || newest != second {
		t.Fatalf("B's release: newest %d, %v; want %d", newest, err, second)
	}
	if ok, _ := ca.Claim(ctx, conv.ID, "A", now.Add(114*time.Second), lease); !ok {
		t.Fatal("a released conversation could not be claimed")
	}
}

func TestAMessageIsAnsweredOnce(t *testing.T) {
	db, _ := openSealed(t)
	ctx := context.Background()
	conv, id, _, err := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "c", ReplyTo: "49151", MessageID: "w1", Text: "hallo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Answer(ctx, conv, id, []string{"erste Antwort"}, false, nil, nil); err != nil {
		t.Fatal(err)
	}
	conv.Medical = true
	if _, err := db.Answer(ctx, conv, id, []string{"zweite Antwort"}, false, nil, nil); !errors.Is(err, bot.ErrAnsweredElsewhere) {
		t.Fatalf("second answer to one message: %v, want ErrAnsweredElsewhere", err)
	}
	unsent, _ := db.Unsent(ctx, conv.ID)
	got, _ := db.Conversation(ctx, conv.ID)
	if len(unsent) != 1 || unsent[0].Text != "erste Antwort" || got.Medical {
		t.Fatalf("after the refused second answer: outbox %v, medical %v; want only the first answer's", unsent, got.Medical)
	}
	// A turn worked from the state before the first answer (a process that
	// read it while another answered) is refused for a later message too.
	_, id2, _, _ := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "c", ReplyTo: "49151", MessageID: "w2", Text: "noch was"})
	if _, err := db.Answer(ctx, conv, id2, []string{"aus altem Stand"}, false, nil, nil); !errors.Is(err, bot.ErrAnsweredElsewhere) {
		t.Fatalf("an answer from a stale state: %v, want ErrAnsweredElsewhere", err)
	}
	if _, err := db.Answer(ctx, got, id2, []string{"aus neuem Stand"}, false, nil, nil); err != nil {
		t.Fatalf("an answer from the current state: %v", err)
	}
}

func TestAnOutboxReplyIsSentOnce(t *testing.T) {
	db, _ := openSealed(t)
	ctx := context.Background()
	conv, _, _, _ := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "c", ReplyTo: "49151", MessageID: "w1", Text: "hallo"})
	reply, err := db.SaveUnsent(ctx, conv.ID, "Antwort")
	if err != nil {
		t.Fatal(err)
	}
	var sends atomic.Int32
	send := func(context.Context) (string, error) { sends.Add(1); return "wamid.out", nil }
	fail := func(context.Context) (string, error) { sends.Add(1); return "", errors.New("platform down") }
	if sent, err := db.SendUnsent(ctx, conv.ID, reply, fail); sent || err == nil {
		t.Fatalf("a failed send: sent %v, %v", sent, err)
	}
	if sent, err := db.SendUnsent(ctx, conv.ID, reply, send); !sent || err != nil {
		t.Fatalf("send: %v %v", sent, err)
	}
	if sent, err := db.SendUnsent(ctx, conv.ID, reply, send); sent || err != nil || sends.Load() != 2 {
		t.Fatalf("a sent reply again: sent %v, %v, %d sends; want it skipped", sent, err, sends.Load())
	}
	msgs, _ := db.Messages(ctx, conv.ID, 0)
	if last := msgs[len(msgs)-1]; last.PlatformID != "wamid.out" {
		t.Fatalf("the reply's platform id is %q", last.PlatformID)
	}
}

func TestTwoProcessesSendAnOutboxReplyOnce(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	conv, _, _, _ := a.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "c", ReplyTo: "49151", MessageID: "w1", Text: "hallo"})
	reply, _ := a.SaveUnsent(ctx, conv.ID, "Antwort")
	inA, release := make(chan struct{}), make(chan struct{})
	var sends atomic.Int32
	done := make(chan error, 1)
	go func() {
		_, err := a.SendUnsent(ctx, conv.ID, reply, func(context.Context) (string, error) {
			sends.Add(1)
			close(inA)
			<-release // B tries while A's platform call is under way
			return "wamid.a", nil
		})
		done <- err
	}()
	<-inA
	sent, err := b.SendUnsent(ctx, conv.ID, reply, func(context.Context) (string, error) { sends.Add(1); return "wamid.b", nil })
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if sent || err != nil || sends.Load() != 1 {
		t.Fatalf("B while A sends: sent %v, %v; %d sends, want 1", sent, err, sends.Load())
	}
	if sent, _ := b.SendUnsent(ctx, conv.ID, reply, func(context.Context) (string, error) { sends.Add(1); return "", nil }); sent || sends.Load() != 1 {
		t.Fatal("B sent the reply A had sent")
	}
}

// A web chat's first messages at once (two tabs, two processes) greet it
// once.
func TestAChatIsGreetedOnce(t *testing.T) {
	db, _ := openSealed(t)
	ctx := context.Background()
	greet := func(lang string) string { return "Datenschutz (" + lang + ")" }
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := db.StartConversation(ctx, bot.ChannelWeb, "web-key", "de", "sudenburg", greet); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	conv, err := db.ConversationByKey(ctx, "web-key")
	if err != nil || !conv.Noticed || conv.Branch != "sudenburg" {
		t.Fatalf("conversation %+v, %v", conv, err)
	}
	if msgs, _ := db.Messages(ctx, conv.ID, 0); len(msgs) != 1 || msgs[0].Text != "Datenschutz (de)" {
		t.Fatalf("%d messages %+v, want one greeting", len(msgs), msgs)
	}
}

package store

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// TestHandledIDsOutliveTheChatForTheWindow: a message id taken in stays
// known after its chat is deleted, as a pseudonym only, until the purge
// forgets it after the redelivery window.
func TestHandledIDsOutliveTheChatForTheWindow(t *testing.T) {
	db, tg := openSealed(t)
	ctx := context.Background()
	in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "chat-key-1", ReplyTo: "4915100000999", MessageID: "wamid.HANDLED", Text: "PZN 74372349"}
	conv, _, dup, err := db.SaveInbound(ctx, in)
	if err != nil || dup {
		t.Fatalf("first delivery: dup %v, %v", dup, err)
	}
	if err := db.DeleteConversation(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	if conv, _, dup, err = db.SaveInbound(ctx, in); err != nil || !dup || conv.ID != 0 {
		t.Fatalf("redelivered after the chat was deleted: dup %v, conversation %d, %v; want a duplicate and no chat", dup, conv.ID, err)
	}
	other := in
	other.ChatKey = "chat-key-2" // Telegram numbers messages per chat: the same id elsewhere is new
	conv2, _, dup, _ := db.SaveInbound(ctx, other)
	if dup {
		t.Fatal("the same message id in another chat counted as a duplicate")
	}
	if err := db.DeleteConversation(ctx, conv2.ID); err != nil {
		t.Fatal(err)
	}
	db.Checkpoint(ctx)
	if raw := tg.raw(t); bytes.Contains(raw, []byte("wamid.HANDLED")) {
		t.Fatal("a message id is in the database in clear")
	}
	if n, err := db.PurgeHandled(ctx, time.Now().Add(-bot.RedeliveryWindow), false); err != nil || n != 0 {
		t.Fatalf("purge within the window removed %d (%v), want 0", n, err)
	}
	if n, err := db.PurgeHandled(ctx, time.Now().Add(48*time.Hour), false); err != nil || n != 2 {
		t.Fatalf("purge after the window removed %d (%v), want 2", n, err)
	}
}

// TestHandledIDIsKeptAWindowAfterItsDate: the purge forgets a message id
// only once the engine refuses its message as too old, a window after its
// date. A message that came at 23:00 (one of them dated four minutes ahead,
// as a phone's clock may be) is still known to a purge a window after that
// date, so a replay then is a duplicate; a day later it is forgotten.
func TestHandledIDIsKeptAWindowAfterItsDate(t *testing.T) {
	arrival := time.Date(2026, 11, 24, 23, 0, 0, 0, time.UTC)
	k, _ := seal.NewKey()
	db := newTarget(t).open(t, Options{MasterKey: &k, Now: func() time.Time { return arrival }})
	ctx := context.Background()
	latest := arrival.Add(4 * time.Minute)
	var ins []bot.Inbound
	for i, date := range []time.Time{arrival, latest} {
		in := bot.Inbound{Channel: bot.ChannelThreema, ChatKey: fmt.Sprintf("chat-%d", i), ReplyTo: "ECHOECHO", MessageID: "0102030405060708",
			Text: "PZN 74372349", ReceivedAt: date}
		if _, _, dup, err := db.SaveInbound(ctx, in); err != nil || dup {
			t.Fatalf("first delivery: dup %v, %v", dup, err)
		}
		ins = append(ins, in)
	}
	// The purge a window after the latest date forgets what came before then.
	if n, err := db.PurgeHandled(ctx, latest, false); err != nil || n != 0 {
		t.Fatalf("a purge a window after the dates forgot %d ids (%v), want 0: a replay now would be filed again", n, err)
	}
	for _, in := range ins {
		if _, _, dup, err := db.SaveInbound(ctx, in); err != nil || !dup {
			t.Fatalf("replayed a window after its date: dup %v, %v; want a duplicate", dup, err)
		}
	}
	if n, err := db.PurgeHandled(ctx, latest.Add(24*time.Hour+time.Second), false); err != nil || n != 2 {
		t.Fatalf("a purge a day later forgot %d ids (%v), want 2", n, err)
	}
}

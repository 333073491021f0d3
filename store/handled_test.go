package store

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
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

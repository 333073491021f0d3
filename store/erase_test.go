package store

import (
	"context"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
)

// TestErasingAChatCancelsItsUndecidedRequest: the erasure and the
// cancellation are one transaction, whichever way the chat goes (deleted, or
// reset in the web chat); a request already approved stays and moves along.
func TestErasingAChatCancelsItsUndecidedRequest(t *testing.T) {
	for _, reset := range []bool{false, true} {
		db, _ := openSealed(t)
		ctx := context.Background()
		ps := testProducts(t, 1)
		ps[0].Stock = 3
		if _, err := db.ImportInventory(ctx, ps); err != nil {
			t.Fatal(err)
		}
		conv, _, _, err := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "web-1", MessageID: "1", Text: "hallo"})
		if err != nil {
			t.Fatal(err)
		}
		open := bot.PreOrder{ConversationID: conv.ID, Items: []bot.Item{{PZN: ps[0].PZN, Name: ps[0].Name, Quantity: 2}}}
		approved := bot.PreOrder{ConversationID: conv.ID, Items: []bot.Item{{Name: "X", Quantity: 1}}}
		for _, po := range []*bot.PreOrder{&open, &approved} {
			if err := db.CreatePreOrder(ctx, po); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SetStatus(ctx, po.ID, bot.StatusProposed, time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC), ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SetStatus(ctx, approved.ID, bot.StatusApproved, time.Time{}, ""); err != nil {
			t.Fatal(err)
		}
		if reset {
			_, err = db.ResetConversation(ctx, conv.ID, "gelöscht")
		} else {
			err = db.DeleteConversation(ctx, conv.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := db.PreOrder(ctx, open.ID); got.Status != bot.StatusCancelled || got.Items[0].Reserved != 0 {
			t.Fatalf("reset %v: the erased chat's undecided request is %s with %d reserved, want cancelled with none", reset, got.Status, got.Items[0].Reserved)
		}
		if p, _ := db.Product(ctx, ps[0].PZN); p.Stock != 3 {
			t.Fatalf("reset %v: stock %d, want the 2 reserved back on the shelf (3)", reset, p.Stock)
		}
		if got, _ := db.PreOrder(ctx, approved.ID); got.Status != bot.StatusApproved {
			t.Fatalf("reset %v: the approved request is %s, want it kept", reset, got.Status)
		}
	}
}

package store

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/pzn"
)

func TestConversationStateAndReplyAddressAreSealed(t *testing.T) {
	db, tg := openSealed(t)
	ctx := context.Background()
	in := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "k1", ReplyTo: "4915112345678", MessageID: "wamid.1", Text: "hallo", Language: "en-GB"}
	conv, _, _, err := db.SaveInbound(ctx, in)
	if err != nil || conv.Language != "en" {
		t.Fatalf("conv %+v err %v, want language en", conv, err)
	}
	if addr, err := db.ReplyAddress(ctx, conv.ID); err != nil || addr != in.ReplyTo {
		t.Fatalf("reply address %q, %v", addr, err)
	}
	po := bot.PreOrder{Items: []bot.Item{{Name: "X", Quantity: 1}}}
	if err := db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	conv.Question, conv.Asked, conv.Medical, conv.Noticed, conv.PreOrderID = []pzn.PZN{"01234562", "10203603"}, 3, true, true, po.ID
	conv.Offer, conv.Next, conv.NextAsked = []pzn.PZN{"04372349"}, []pzn.PZN{"74372349"}, 2
	if err := db.UpdateConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	got, err := db.ConversationOf(ctx, po.ID)
	if err != nil || got.ID != conv.ID || !slices.Equal(got.Question, conv.Question) || got.Asked != 3 || !slices.Equal(got.Offer, conv.Offer) || !slices.Equal(got.Next, conv.Next) || got.NextAsked != 2 || !got.Medical || !got.Noticed || got.PreOrderID != po.ID {
		t.Fatalf("conversation of pre-order: %+v, %v; want %+v", got, err, conv)
	}
	raw := tg.raw(t)
	for _, planted := range []string{"4915112345678", "01234562"} {
		if bytes.Contains(raw, []byte(planted)) {
			t.Fatalf("%q is in the database files in clear", planted)
		}
	}
	if err := db.DeleteConversation(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ConversationOf(ctx, po.ID); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("after delete: %v, want %s", err, bot.ENOTFOUND)
	}
	if _, err := db.ReplyAddress(ctx, conv.ID); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("reply address after delete: %v", err)
	}
}

func TestUnprocessedMessagesAndBacklog(t *testing.T) {
	db, _ := openSealed(t)
	ctx := context.Background()
	a, _, _, _ := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelTelegram, ChatKey: "a", MessageID: "1", MediaRef: "file-1"})
	b, _, _, _ := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "b", MessageID: "1", Text: "PZN 01234562"})
	_, m2, _, _ := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelTelegram, ChatKey: "a", MessageID: "2", Text: "zweites", Document: true})
	if _, err := db.SaveReply(ctx, a.ID, "Antwort", "3"); err != nil {
		t.Fatal(err)
	}
	backlog, err := db.Backlog(ctx)
	if err != nil || !slices.Equal(backlog, []int64{a.ID, b.ID}) {
		t.Fatalf("backlog %v, %v; want [%d %d]", backlog, err, a.ID, b.ID)
	}
	msgs, err := db.Unprocessed(ctx, a.ID)
	if err != nil || len(msgs) != 2 || msgs[0].MediaRef != "file-1" || !msgs[0].HasPhoto || msgs[1].Text != "zweites" || !msgs[1].Document {
		t.Fatalf("unprocessed %+v, %v", msgs, err)
	}
	if err := db.MarkProcessed(ctx, a.ID, msgs[0].ID, []byte("jpeg"), []byte(`{"pzns":[]}`)); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkProcessed(ctx, a.ID, m2, nil, nil); err != nil {
		t.Fatal(err)
	}
	if msgs, _ := db.Unprocessed(ctx, a.ID); len(msgs) != 0 {
		t.Fatalf("%d messages still unprocessed", len(msgs))
	}
	all, err := db.Messages(ctx, a.ID, msgs0(t, db, a.ID))
	if err != nil || len(all) != 2 || !all[1].FromBot || all[1].PlatformID != "3" || all[1].Text != "Antwort" {
		t.Fatalf("messages after the first: %+v, %v", all, err)
	}
	if backlog, _ := db.Backlog(ctx); !slices.Equal(backlog, []int64{b.ID}) {
		t.Fatalf("backlog %v, want [%d]", backlog, b.ID)
	}
}

// msgs0 returns the id of the conversation's first message.
func msgs0(t *testing.T, db *DB, conv int64) int64 {
	all, err := db.Messages(context.Background(), conv, 0)
	if err != nil || len(all) == 0 {
		t.Fatalf("messages: %v", err)
	}
	if !all[0].HasPhoto {
		t.Fatal("the fetched photo was not kept")
	}
	return all[0].ID
}

func TestReviseReplacesItemsAndReservations(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	ps := testProducts(t, 2)
	ps[0].Stock, ps[1].Stock = 3, 1
	if _, err := db.ImportInventory(ctx, ps); err != nil {
		t.Fatal(err)
	}
	a, b := ps[0].PZN, ps[1].PZN
	stock := func(z pzn.PZN) int { p, _ := db.Product(ctx, z); return p.Stock }
	po := bot.PreOrder{Items: []bot.Item{{PZN: a, Quantity: 2}}}
	if err := db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	got, err := db.Revise(ctx, po.ID, "", []bot.Item{{PZN: a, Quantity: 3}, {PZN: b, Quantity: 2, Rx: true}}, bot.Flags{Medical: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 2 || got.Items[0].Reserved != 3 || got.Items[1].Reserved != 0 || !got.Flags.Medical || !got.BringPrescription {
		t.Fatalf("revised %+v", got)
	}
	if stock(a) != 0 || stock(b) != 1 {
		t.Fatalf("stock %d/%d, want 0/1", stock(a), stock(b))
	}
	if _, err := db.SetStatus(ctx, po.ID, bot.StatusProposed, po.CreatedAt, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetStatus(ctx, po.ID, bot.StatusApproved, po.CreatedAt, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Revise(ctx, po.ID, "", got.Items, bot.Flags{}); bot.ErrorCode(err) != bot.ECONFLICT {
		t.Fatalf("revising an approved pre-order: %v, want %s", err, bot.ECONFLICT)
	}
}

func TestResetConversationKeepsOnlyTheReply(t *testing.T) {
	db, tg := openSealed(t)
	ctx := context.Background()
	conv, _, _, _ := db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "web-k", MessageID: "1", Text: "Geheimnis Erika"})
	fresh, err := db.ResetConversation(ctx, conv.ID, "Erledigt: gelöscht.")
	if err != nil || fresh.ID == conv.ID || fresh.ChatKey != "web-k" {
		t.Fatalf("reset: %+v %v", fresh, err)
	}
	if _, err := db.Messages(ctx, conv.ID, 0); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("old conversation: %v", err)
	}
	msgs, err := db.Messages(ctx, fresh.ID, 0)
	if err != nil || len(msgs) != 1 || !msgs[0].FromBot || msgs[0].Text != "Erledigt: gelöscht." {
		t.Fatalf("fresh conversation holds %+v, %v", msgs, err)
	}
	if bytes.Contains(tg.raw(t), []byte("Erika")) {
		t.Fatal("the erased text is in the database files")
	}
	if _, err := db.ResetConversation(ctx, conv.ID, "x"); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("resetting a deleted conversation: %v", err)
	}
}

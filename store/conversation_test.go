package store

import (
	"bytes"
	"context"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

func openSealed(t *testing.T) (*DB, target) {
	t.Helper()
	k, _ := seal.NewKey()
	tg := newTarget(t)
	return tg.open(t, Options{MasterKey: &k}), tg
}

func TestConversationIsSealedOnDisk(t *testing.T) {
	db, tg := openSealed(t)
	ctx := context.Background()
	secret, photo := "Ibuprofen für Erika Mustermann", []byte("JPEG-PATIENT-Erika-Mustermann-PHOTO")
	in := bot.Inbound{Channel: bot.ChannelWeb, ChatKey: seal.Pseudonym(seal.Key{9}, "web", "tok"), MessageID: "m1", Text: secret, Photo: photo}
	conv, id, dup, err := db.SaveInbound(ctx, in)
	if err != nil || dup || id == 0 || conv.ID == 0 {
		t.Fatalf("save: conv %+v id %d dup %v err %v", conv, id, dup, err)
	}
	if _, _, dup, err := db.SaveInbound(ctx, in); err != nil || !dup {
		t.Fatalf("the redelivered message: dup %v err %v, want dup", dup, err)
	}
	in2 := in
	in2.MessageID, in2.Text, in2.Photo = "m2", "20 Stück bitte", nil
	if c2, _, _, err := db.SaveInbound(ctx, in2); err != nil || c2.ID != conv.ID {
		t.Fatalf("second message: conv %d err %v, want conv %d", c2.ID, err, conv.ID)
	}
	msgs, err := db.Messages(ctx, conv.ID, 0)
	if err != nil || len(msgs) != 2 || msgs[0].Text != secret || !msgs[0].HasPhoto || msgs[1].Text != "20 Stück bitte" {
		t.Fatalf("messages %+v, %v", msgs, err)
	}
	raw := tg.raw(t)
	for _, planted := range []string{"Erika", "Mustermann", "20 Stück", "PATIENT"} {
		if bytes.Contains(raw, []byte(planted)) {
			t.Fatalf("%q is in the database files in clear", planted)
		}
	}
	if err := db.DeleteConversation(ctx, conv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Messages(ctx, conv.ID, 0); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("after delete: err %v, want %s", err, bot.ENOTFOUND)
	}
	var n int64
	db.gorm.Model(&messageRow{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d message rows after delete", n)
	}
}

func TestConversationNeedsMasterKey(t *testing.T) {
	db := openTest(t)
	if _, _, _, err := db.SaveInbound(context.Background(), bot.Inbound{ChatKey: "x", MessageID: "1", Text: "hallo"}); err == nil {
		t.Fatal("saved a message without a master key")
	}
}

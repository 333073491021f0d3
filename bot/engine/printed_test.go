package engine_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/pzn"
)

// packScanner reads one PZN from every photo by its barcode, and the pack's
// printed details only when asked.
type packScanner struct {
	pzn     pzn.PZN
	printed pzn.Product
	reads   *atomic.Int32
}

func (s packScanner) Scan(context.Context, []byte) (bot.Findings, error) {
	return bot.Findings{Kind: "pack", PZNs: []pzn.PZN{s.pzn}}, nil
}

func (s packScanner) ReadProduct(context.Context, []byte) (pzn.Product, error) {
	s.reads.Add(1)
	return s.printed, nil
}

// TestUnknownPackIsNamedAsPrinted: a pack whose PZN the inventory does not
// know gets its printed name read and shown, in the reply with its PZN and
// on the request marked as read from the photo; a known pack is not read
// again.
func TestUnknownPackIsNamedAsPrinted(t *testing.T) {
	var reads atomic.Int32
	amox := pzn.Product{Name: "Amoxicillin AbZ", Strength: "1000 mg", Form: "Filmtabletten", Count: 20}
	db := newDB(t)
	if _, err := db.LoadDemoInventory(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := chatOn(t, db, func(cfg *engine.Config) { cfg.Scanner = packScanner{"46445664", amox, &reads} })
	got := c.send("", []byte("\xff\xd8 a photo"))
	wantReply(t, got, "Amoxicillin AbZ 1000 mg, 20 St. (PZN 46445664)", "bestellt")
	po := c.preOrder()
	if len(po.Items) != 1 || !po.Items[0].Printed || po.Items[0].Name != "Amoxicillin AbZ" || po.Items[0].PZN != "46445664" {
		t.Fatalf("items %+v, want the printed name with its PZN, marked as read from the photo", po.Items)
	}
	if reads.Load() != 1 {
		t.Fatalf("%d product readings for one unknown pack, want 1", reads.Load())
	}

	other := newDB(t) // a chat of its own: chats are keyed by the test's name
	if _, err := other.LoadDemoInventory(context.Background()); err != nil {
		t.Fatal(err)
	}
	known := chatOn(t, other, func(cfg *engine.Config) { cfg.Scanner = packScanner{"74372349", amox, &reads} })
	got = known.send("", []byte("\xff\xd8 a photo"))
	if reads.Load() != 1 || strings.Contains(strings.Join(got, "\n"), "Amoxicillin") {
		t.Fatalf("a known pack was read for its print (%d readings) or named as printed: %q", reads.Load(), got)
	}
}

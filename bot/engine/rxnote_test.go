package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/store"
)

// TestPrescriptionOnlyOfferSaysHowToHandIn: a choice of prescription-only
// products says that a prescription is needed and how to hand it in on
// the chat's channel; a choice without any says nothing of it, and a
// mixed one marks the prescription-only lines.
func TestPrescriptionOnlyOfferSaysHowToHandIn(t *testing.T) {
	refusing := func(c *engine.Config) { c.Policy = bot.Policy{bot.ChannelWeb: {bot.ContentPacks}} }
	for _, tc := range []struct {
		name, say string
		opts      []func(*engine.Config)
		want      []msg.ID
		not       []msg.ID
		text      string
	}{
		{name: "rx", say: "hätte gern amoxicillin 1000 für morgen", want: []msg.ID{"choose.which", "product.rx_needed", "product.rx_how"}, text: "Amoxicillin ist verschreibungspflichtig"},
		{name: "rx in English", say: "need ramipril 10mg please", want: []msg.ID{"product.rx_needed", "product.rx_how"}, text: "needs a prescription"},
		{name: "rx where photos are refused", say: "Simvastatin 40", opts: []func(*engine.Config){refusing}, want: []msg.ID{"product.rx_needed", "product.rx_how_counter"}, not: []msg.ID{"product.rx_how"}, text: "Gesundheitskarte"},
		{name: "form not stocked", say: "amoxicillin saft", want: []msg.ID{"product.no_form", "product.rx_needed"}},
		{name: "mixed", say: "Ibuprofen", want: []msg.ID{"product.rx_marked", "product.rx_how"}, text: "600 mg, 20 St. – Rezept"},
		{name: "told already", say: "Ist Diclofenac verschreibungspflichtig?", want: []msg.ID{"product.rx"}, not: []msg.ID{"product.rx_needed", "product.rx_how"}},
		{name: "need beside a pickup question", say: "Metformin 1000 ist alle, kann ich das heute noch holen?", want: []msg.ID{"choose.which", "product.rx_needed"}, not: []msg.ID{"status.none"}},
		{name: "need beside a pickup question, English", say: "ran out of ramipril 5mg, can I pick it up today?", want: []msg.ID{"product.rx_needed"}, not: []msg.ID{"status.none"}},
		{name: "otc", say: "Cetirizin 10 mg", not: []msg.ID{"product.rx_needed", "product.rx_marked", "product.rx_how"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := chatOn(t, newDBWithDemo(t), tc.opts...)
			got := strings.Join(c.say(tc.say), "\n")
			for _, id := range tc.want {
				if !slices.Contains(c.ids, id) {
					t.Errorf("%q answered %v, want %s:\n%s", tc.say, c.ids, id, got)
				}
			}
			for _, id := range tc.not {
				if slices.Contains(c.ids, id) {
					t.Errorf("%q answered %v, which must not hold %s:\n%s", tc.say, c.ids, id, got)
				}
			}
			if !strings.Contains(got, tc.text) {
				t.Errorf("%q answered\n%s\nwant %q in it", tc.say, got, tc.text)
			}
		})
	}
}

// newDBWithDemo is a fresh database with the demo inventory.
func newDBWithDemo(t *testing.T) *store.DB {
	t.Helper()
	db := newDB(t)
	if _, err := db.LoadDemoInventory(t.Context()); err != nil {
		t.Fatal(err)
	}
	return db
}

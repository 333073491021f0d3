package engine_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/pzn"
	"github.com/apobot/apobot/store"
)

// demoBranches are four branches of the demo pharmacy; the second closes
// at 13:00 on weekdays.
var demoBranches = []struct{ id, name, address, word string }{
	{"alter-markt", "Löwen-Apotheke am Alten Markt", "Alter Markt 4", "Alter Markt"},
	{"hasselbachplatz", "Filiale am Hasselbachplatz", "Hasselbachplatz 3", "Hasselbachplatz"},
	{"sudenburg", "Filiale Sudenburg", "Halberstädter Straße 100", "Sudenburg"},
	{"stadtfeld", "Filiale Stadtfeld", "Olvenstedter Straße 20", "Stadtfeld"},
}

// branchChat is a web chat of a pharmacy with the four demo branches.
func branchChat(t *testing.T, opts ...func(*engine.Config)) *chat {
	t.Helper()
	db := newDB(t)
	var ids []string
	for _, b := range demoBranches {
		ids = append(ids, b.id)
	}
	if err := db.LoadDemoBranches(context.Background(), ids); err != nil {
		t.Fatal(err)
	}
	return chatOn(t, db, func(cfg *engine.Config) {
		cfg.Branches = nil
		for i, b := range demoBranches {
			pc := plan.Demo(berlin)
			if i == 1 {
				for d := time.Monday; d <= time.Friday; d++ {
					pc.Hours[d] = pc.Hours[d][:1]
				}
			}
			p, err := plan.New(pc)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Branches = append(cfg.Branches, bot.Branch{ID: b.id, Name: b.name, Address: b.address, Words: []string{b.word},
				Planner: p, Inventory: db.Inventory(b.id)})
		}
		cfg.Inventory, cfg.Planner, cfg.StockByBranch = nil, nil, db.StockByBranch
		for _, o := range opts {
			o(cfg)
		}
	})
}

// soldOutAt finds a product of the demo inventory that branch lacks and
// another branch has, with that branch's index.
func soldOutAt(t *testing.T, db *store.DB, branch int) (bot.Product, int) {
	t.Helper()
	ps, err := db.Inventory(demoBranches[branch].id).Products(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Stock > 0 || p.Rx || !strings.Contains(p.Name, "Ibuprofen") {
			continue
		}
		stock, _ := db.StockByBranch(context.Background(), p.PZN)
		for i, b := range demoBranches {
			if stock[b.id] > 0 {
				return p, i
			}
		}
	}
	t.Fatal("no product sold out at the branch and stocked at another")
	return bot.Product{}, 0
}

func TestACustomerIsAskedForTheBranchOnceAndCanChangeIt(t *testing.T) {
	c := branchChat(t)
	// A request before any branch: noted, then the question with every branch.
	got := c.say("PZN 74372349")
	wantReply(t, got, "notiert", "In welcher unserer Apotheken", "1 = Löwen-Apotheke am Alten Markt (Alter Markt 4)", "4 = Filiale Stadtfeld")
	if strings.Contains(strings.Join(got, " "), "Abholung möglich") {
		t.Fatalf("a pickup time before a branch was chosen: %q", got)
	}
	if po := c.preOrder(); po.Branch != "" || po.Status != bot.StatusReceived {
		t.Fatalf("before the choice: %+v", po)
	}
	// The number answers the question: the request is planned there.
	wantReply(t, c.say("3"), "Filiale Sudenburg ab", "Ibuprofen AL 400", "Abholung möglich")
	if po := c.preOrder(); po.Branch != "sudenburg" || po.Status != bot.StatusProposed {
		t.Fatalf("after choosing 3: %+v", po)
	}
	// Once chosen, a number is a quantity again, not a branch.
	wantReply(t, c.say("2x"), "2× Ibuprofen AL 400")
	if po := c.preOrder(); po.Branch != "sudenburg" {
		t.Fatalf("\"2x\" moved the request: %+v", po)
	}
	// Named by its word, another branch takes the request over.
	wantReply(t, c.say("doch lieber Hasselbachplatz"), "Filiale am Hasselbachplatz ab", "Abholung möglich")
	if po := c.preOrder(); po.Branch != "hasselbachplatz" {
		t.Fatalf("after naming Hasselbachplatz: %+v", po)
	}
	// "andere Filiale" asks again.
	wantReply(t, c.say("Kann ich das in einer anderen Filiale abholen?"), "In welcher unserer Apotheken")
}

func TestHoursAreAnsweredForTheChosenBranch(t *testing.T) {
	c := branchChat(t)
	wantReply(t, c.say("Wann habt ihr heute offen?"), "In welcher unserer Apotheken")
	got := c.say("2")
	wantReply(t, got, "Filiale am Hasselbachplatz ab", "08:00")
	if strings.Contains(strings.Join(got, " "), "18:30") {
		t.Fatalf("the Hasselbachplatz branch closes at 13:00, the reply says %q", got)
	}
	if got := c.say("Wann habt ihr heute offen?"); strings.Contains(strings.Join(got, " "), "In welcher") {
		t.Fatalf("asked for the branch again after it was chosen: %q", got)
	}
}

func TestTheCustomerHearsWhichBranchHasWhatTheirsLacks(t *testing.T) {
	c := branchChat(t)
	p, other := soldOutAt(t, c.db, 1)
	c.say("Hasselbachplatz")
	got := c.say("PZN " + string(p.PZN))
	wantReply(t, got, p.Name, "in der "+demoBranches[other].name+" vorrätig", "„"+demoBranches[other].word+"“")
	wantReply(t, c.say(demoBranches[other].word), demoBranches[other].name+" ab")
	po := c.preOrder()
	if po.Branch != demoBranches[other].id || po.Items[0].Reserved != po.Items[0].Quantity {
		t.Fatalf("after switching to the branch that has it: %+v", po)
	}
}

// Words that must not choose a branch: products, quantities, a number
// when no branch question is open.
func TestBranchWordsDoNotTriggerOnOtherMessages(t *testing.T) {
	c := branchChat(t)
	c.say("Sudenburg")
	for _, text := range []string{"1", "Ibuprofen AL 400 20 Stück", "4 Packungen", "Danke"} {
		c.say(text)
		if conv, _ := c.db.ConversationByKey(context.Background(), c.key); conv.Branch != "sudenburg" {
			t.Fatalf("%q changed the branch to %q", text, conv.Branch)
		}
	}
}

// A photo before the branch is read, its request noted, and planned at the
// branch the customer then names.
func TestAPhotoBeforeTheBranchIsPlannedOnceChosen(t *testing.T) {
	var reads atomic.Int32
	c := branchChat(t, func(cfg *engine.Config) { cfg.Scanner = packScanner{"74372349", pzn.Product{}, &reads} })
	wantReply(t, c.send("", []byte("\xff\xd8 a photo")), "notiert", "In welcher unserer Apotheken")
	if po := c.preOrder(); po.Branch != "" || len(po.Items) != 1 || po.Items[0].PZN != "74372349" {
		t.Fatalf("the photo's request before the choice: %+v", po)
	}
	wantReply(t, c.say("Stadtfeld"), "Filiale Stadtfeld ab", "Ibuprofen AL 400", "Abholung möglich")
	if po := c.preOrder(); po.Branch != "stadtfeld" || po.Status != bot.StatusProposed {
		t.Fatalf("after the choice: %+v", po)
	}
}

// Choosing a branch in a sentence says only that: no product is looked
// for in the words around the branch's name.
func TestABranchChosenInASentence(t *testing.T) {
	c := branchChat(t)
	c.say("PZN 74372349")
	for _, text := range []string{"ich nehme lieber die Filiale in Stadtfeld", "doch lieber Hasselbachplatz", "I'd rather pick up at Sudenburg"} {
		got := c.say(text)
		all := strings.Join(got, "\n")
		if strings.Contains(all, "nicht gefunden") || strings.Contains(all, "not find") || strings.Contains(all, "Sie hören von uns") || !strings.Contains(all, "Abholung") && !strings.Contains(all, "pick") {
			t.Errorf("%q: %q", text, got)
		}
	}
	if po := c.preOrder(); po.Branch != "sudenburg" {
		t.Fatalf("the request is at %q, want sudenburg", po.Branch)
	}
}

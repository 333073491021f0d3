package bot_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/inventory"
)

// demoCatalog indexes the demo pharmacy's inventory.
func demoCatalog(b testing.TB) *bot.Catalog {
	f, err := os.Open("../store/demo_inventory.csv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ps, err := inventory.Parse(f, nil)
	if err != nil {
		b.Fatal(err)
	}
	return bot.NewCatalog(ps)
}

var requests = []string{
	"Ibu 400 20 Stück", "Metformin 1000", "PZN 01234562", "pantoprazol 40mg 28", "Candesartan Zentiva 16 mg",
	"Wärme Gel", "Nasenspray 0,1 %", "Vitamin D3 1000", "Amoxicilin 1000 20", "Levothyroxin 75 µg 100 Tabletten",
}

// BenchmarkMatch matches typed requests against the demo inventory (237
// products).
func BenchmarkMatch(b *testing.B) {
	c := demoCatalog(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Match(requests[i%len(requests)])
	}
}

func TestMatchDemoInventory(t *testing.T) {
	c := demoCatalog(t)
	r := c.Match("Metformin 1000")
	if r.Product != nil || len(r.Candidates) < 2 {
		t.Fatalf("Metformin 1000 (several packs and makers): product %v, %d candidates; want candidates", r.Product, len(r.Candidates))
	}
	for _, m := range r.Candidates {
		if m.Product.Strength != "1000 mg" {
			t.Fatalf("candidate %+v is not 1000 mg", m.Product)
		}
	}
	want := r.Candidates[0].Product
	got := c.Match(want.Name + " " + want.Strength + " " + strconv.Itoa(want.Count) + " Stück")
	if got.Product == nil || got.Product.PZN != want.PZN {
		t.Fatalf("exact request for %+v matched %v", want, got)
	}
}

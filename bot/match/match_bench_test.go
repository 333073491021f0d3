package match_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
	"github.com/apobot/apobot/store/inventory"
)

// demoCatalog indexes the demo pharmacy's inventory.
func demoCatalog(b testing.TB) *match.Catalog {
	f, err := os.Open("../../store/demo_inventory.csv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ps, err := inventory.Parse(f, nil)
	if err != nil {
		b.Fatal(err)
	}
	lx, err := nlu.Default()
	if err != nil {
		b.Fatal(err)
	}
	return match.NewCatalog(ps, lx)
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

// bigCatalog is a generated assortment of n articles: the demo's active
// ingredients and made-up brand names, each from several makers in several
// strengths, pack sizes and forms, deterministic by seed.
func bigCatalog(b testing.TB, n int) []bot.Product {
	rng := rand.New(rand.NewPCG(14, 100_000))
	syll := []string{"ba", "xo", "ri", "tal", "men", "dor", "vi", "ka", "sul", "fen", "pro", "lin", "tra", "zo", "mex", "gol", "ne", "ru", "da", "quin"}
	names := []string{"Ibuprofen", "Paracetamol", "Acetylsalicylsäure", "Diclofenac", "Cetirizin", "Loratadin", "Omeprazol",
		"Pantoprazol", "Metformin", "Ramipril", "Bisoprolol", "Amlodipin", "Simvastatin", "Levothyroxin", "Xylometazolin"}
	for len(names) < 3000 {
		w := ""
		for range 2 + rng.IntN(3) {
			w += syll[rng.IntN(len(syll))]
		}
		names = append(names, strings.ToUpper(w[:1])+w[1:])
	}
	makers := []string{"AL", "AbZ", "STADA", "Zentiva", "1A Pharma", "HEXAL", "ratiopharm", "Sandoz", "Heumann", "Aristo", "Mylan", "TAD"}
	forms := []string{"Tabletten", "Filmtabletten", "Kapseln", "Tropfen", "Nasenspray", "Gel", "Saft", "Brausetabletten"}
	strengths := []string{"50 mg", "100 mg", "200 mg", "400 mg", "500 mg", "600 mg", "1000 mg", "0,1 %", "5 %"}
	ps := make([]bot.Product, n)
	for i := range ps {
		z, _ := pzn.FromData(fmt.Sprintf("%07d", i*7+1))
		for z == "" { // a check value of 10: never issued
			i2 := rng.IntN(9_999_999)
			z, _ = pzn.FromData(fmt.Sprintf("%07d", i2))
		}
		name := names[rng.IntN(len(names))]
		maker := makers[rng.IntN(len(makers))]
		ps[i] = bot.Product{PZN: z, Name: name + " " + maker, Maker: maker, Strength: strengths[rng.IntN(len(strengths))],
			Form: forms[rng.IntN(len(forms))], Count: []int{10, 20, 30, 50, 100}[rng.IntN(5)], Stock: rng.IntN(5)}
	}
	return ps
}

var bigRequests = []string{"Ibu 400 20 Stück", "Ibuprofen AL 400", "Paracetamol 500", "Parazetamol", "PZN 01234562",
	"Diclofenac Gel", "Xylometazolin Nasenspray 0,1 %", "Metformin 1000 mg 100 Stück", "Cetirizin Tropfen", "Nasenspray",
	"Zauberpilze extra stark", "Ramipril HEXAL 5 mg", "Tralinmen 200", "Sulfendor Saft"}

// BenchmarkMatch100k matches typed requests against 100,000 articles and
// reports the 99th percentile of one match and the catalog's memory.
func BenchmarkMatch100k(b *testing.B) {
	ps := bigCatalog(b, 100_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	lx, err := nlu.Default()
	if err != nil {
		b.Fatal(err)
	}
	c := match.NewCatalog(ps, lx)
	runtime.GC()
	runtime.ReadMemStats(&after)
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		c.Match(bigRequests[i%len(bigRequests)])
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc))/(1<<20), "index-MB")
	runtime.KeepAlive(c)
}

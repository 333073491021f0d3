package engine

import (
	"testing"
	"time"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/internal/testsupport/stock"
)

// FuzzRequest reads any text as a request: no panic, quantities stay within
// bounds, questions offer at most five products.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{"2x Ibu 400", "Ibuprofen 400 und Paracetamol 500; PZN 01234562", "3", "999x Ibu", "Anzahl: 2",
		"ja", "nein", "1)", "Ibu\nPara\n+Metformin", "Hallo danke", " und  und ", "PZN 0123456"} {
		f.Add(s, s)
	}
	p, err := plan.New(plan.Demo(time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	e := New(Config{Planner: p}).talk
	e.catalog.cat, e.catalog.at = match.NewCatalog(stock.Small, e.cfg.Lexicon), time.Now().Add(time.Hour)
	f.Fuzz(func(t *testing.T, first, second string) {
		tn := &turn{}
		d := &draft{}
		e.request(tn, d, first, false)
		asked := len(tn.conv.Question) > 0
		if !e.answerQuestion(tn, d, second) {
			e.request(tn, d, second, asked)
		}
		for _, it := range d.items {
			if it.Quantity < 1 || it.Quantity > match.MaxQuantity {
				t.Fatalf("%q then %q: quantity %d", first, second, it.Quantity)
			}
		}
		if len(tn.conv.Question) > 5 {
			t.Fatalf("%q then %q: %d candidates", first, second, len(tn.conv.Question))
		}
	})
}

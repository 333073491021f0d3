package engine

import (
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/plan"
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
	e.catalog.cat, e.catalog.at = match.NewCatalog(fuzzInventory, e.cfg.Lexicon), time.Now().Add(time.Hour)
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

// fuzzInventory is a small stock for the fuzzed dialog.
var fuzzInventory = []bot.Product{
	{PZN: "01234562", Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 20, Maker: "AL", Stock: 3},
	{PZN: "27580899", Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 50, Maker: "AL", Stock: 1},
	{PZN: "12345678", Name: "Ibuprofen AL", Strength: "600 mg", Form: "Filmtabletten", Count: 20, Maker: "AL"},
	{PZN: "00123458", Name: "Paracetamol ratiopharm", Strength: "500 mg", Form: "Tabletten", Count: 20, Maker: "ratiopharm"},
	{PZN: "03752864", Name: "Metformin STADA", Strength: "1000 mg", Form: "Filmtabletten", Count: 180, Maker: "STADA", Rx: true},
	{PZN: "01580241", Name: "Rheuma-Gel Wärme", Strength: "5 %", Form: "Gel", Count: 100, Maker: "Müller"},
	{PZN: "27580890", Name: "Levothyroxin Winthrop", Strength: "75 µg", Form: "Tabletten", Count: 100, Maker: "Winthrop", Rx: true},
}

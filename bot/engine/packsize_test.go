package engine

import (
	"slices"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/pzn"
)

var packInventory = []bot.Product{
	{PZN: "88989378", Name: "Diclofenac AL", Strength: "50 mg", Form: "Retardtabletten", Count: 20, Maker: "AL", Rx: true},
	{PZN: "48163467", Name: "Diclofenac 1A Pharma", Strength: "50 mg", Form: "Retardtabletten", Count: 50, Maker: "1A Pharma", Rx: true},
	{PZN: "94905339", Name: "Diclofenac-Natrium AbZ", Strength: "1 %", Form: "Gel", Count: 50, Maker: "AbZ", Stock: 5},
	{PZN: "44124105", Name: "Diclofenac-Natrium Sandoz", Strength: "1 %", Form: "Gel", Count: 100, Maker: "Sandoz"},
	{PZN: "11725522", Name: "Pantoprazol 1A Pharma", Strength: "20 mg", Form: "magensaftresistente Tabletten", Count: 14, Maker: "1A Pharma"},
	{PZN: "99443530", Name: "Pantoprazol STADA", Strength: "40 mg", Form: "magensaftresistente Tabletten", Count: 14, Maker: "STADA", Rx: true},
}

// TestPackAmountIsNoStrength: grams and millilitres, written as a unit or
// a container ("Tube"), are a pack's amount where the ingredient has no
// strength in that unit, and only packs counted so are offered (never the
// 50 mg tablets for "50 g"); "die 7er" is a pack size, "die 20er" the
// strength the name has.
func TestPackAmountIsNoStrength(t *testing.T) {
	c := match.NewCatalog(packInventory, testLexicon(t).Lexicon)
	gel50, gel100 := pzn.PZN("94905339"), pzn.PZN("44124105")
	for _, tc := range []struct {
		text string
		want []pzn.PZN // the product, or the candidates in any order
	}{
		{"die 50g Tube Diclofenac bitte", []pzn.PZN{gel50}},
		{"diclofenac 50 gramm", []pzn.PZN{gel50}},
		{"diclofenac die 50er tube", []pzn.PZN{gel50}},
		{"the 100 g tube of diclofenac", []pzn.PZN{gel100}},
		{"eine Tube Diclofenac", []pzn.PZN{gel50, gel100}},
		{"Diclofenac 50 mg", []pzn.PZN{"88989378", "48163467"}},
		{"pantoprazol die 20er", []pzn.PZN{"11725522"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			r := c.Match(tc.text)
			var got []pzn.PZN
			if r.Product != nil {
				got = append(got, r.Product.PZN)
			}
			for _, m := range r.Candidates {
				got = append(got, m.Product.PZN)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) || r.NoStrength != "" {
				t.Errorf("got %v (no strength %q), want %v", got, r.NoStrength, want)
			}
		})
	}
	if r := c.Match("pantoprazol die 7er reicht mir"); r.NoStrength != "" {
		t.Errorf("die 7er read as a strength: no strength %q", r.NoStrength)
	}
}

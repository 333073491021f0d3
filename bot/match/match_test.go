package match

import (
	"testing"

	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/internal/testsupport/stock"
	"github.com/apobot/apobot/pzn"
)

// testLexicon is the embedded phrase files' lexicon.
func testLexicon(t testing.TB) *nlu.Lexicon {
	t.Helper()
	lx, err := nlu.Default()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func TestMatch(t *testing.T) {
	c := NewCatalog(stock.Small, testLexicon(t))
	for _, tc := range []struct {
		text string
		want pzn.PZN   // the one product, or ""
		cand []pzn.PZN // the first candidates, when ambiguous
	}{
		{"PZN 01234562", "01234562", nil},
		{"Ich brauche PZN: 0375 2864 bitte", "03752864", nil},
		{"Ibu 400 20 Stück", "01234562", nil},
		{"ibuprofen 400mg 50", "27580899", nil},
		{"Ibuprofen400mg 50St", "27580899", nil},
		{"IBUPROFEN AL 600", "12345678", nil},
		{"Parazetamol 500", "00123458", nil},
		{"Metformin Stada 1000 mg 180 Stück", "03752864", nil},
		{"Wärme Gel", "01580241", nil},
		{"waerme-gel", "01580241", nil},
		{"Levothyroxin 75 µg", "27580890", nil},
		{"levothyroxin 75ug 100 tabletten", "27580890", nil},
		{"Ibu 400 20 Stück, meine KVNR ist [Versichertennummer]", "01234562", nil}, // words of no product do not dilute
		{"Ibuprofen 400", "", []pzn.PZN{"01234562", "27580899"}},
		{"Ibuprofen", "", []pzn.PZN{"01234562", "27580899", "12345678"}},
		{"Aspirin", "", nil},
		{"Filmtabletten", "", []pzn.PZN{"01234562", "27580899"}}, // a form alone: those in stock first
		{"400 mg", "", nil},
		{"", "", nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			r := c.Match(tc.text)
			if tc.want != "" {
				if r.Product == nil || r.Product.PZN != tc.want {
					t.Fatalf("product %v (candidates %v), want %s", r.Product, r.Candidates, tc.want)
				}
				return
			}
			if r.Product != nil {
				t.Fatalf("product %s, want none (ambiguous or unknown)", r.Product.PZN)
			}
			if len(r.Candidates) < len(tc.cand) {
				t.Fatalf("candidates %v, want %v first", r.Candidates, tc.cand)
			}
			got := map[pzn.PZN]bool{}
			for _, m := range r.Candidates[:len(tc.cand)] {
				got[m.Product.PZN] = true
			}
			for _, z := range tc.cand {
				if !got[z] {
					t.Fatalf("candidates %v lack %s among the first %d", r.Candidates, z, len(tc.cand))
				}
			}
			if tc.cand == nil && len(r.Candidates) > 0 {
				t.Fatalf("candidates %v for an unknown product", r.Candidates)
			}
		})
	}
}

func TestEditDistanceWithin(t *testing.T) {
	for _, c := range []struct {
		a, b string
		k    int
		want bool
	}{{"abc", "abc", 0, true}, {"abc", "abd", 1, true}, {"abc", "ab", 1, true}, {"abc", "xabc", 1, true},
		{"abc", "axc", 1, true}, {"abc", "cba", 1, false}, {"abc", "a", 1, false}, {"", "a", 1, true},
		{"ab", "ba", 1, true}, {"metfromin", "metformin", 1, true}, {"simvastin", "simvastatin", 1, false},
		{"simvastin", "simvastatin", 2, true}, {"amlodipin", "atorvastatin", 2, false}, {"abc", "abd", 0, false}} {
		if got := editDistanceWithin(c.a, c.b, c.k); got != c.want {
			t.Errorf("editDistanceWithin(%q, %q, %d) = %v", c.a, c.b, c.k, got)
		}
	}
}

// TestTyposAndShortWords: names with typos find the product; words too
// short to name one by their beginning ("can") do not.
func TestTyposAndShortWords(t *testing.T) {
	for _, c := range []struct {
		w, pw string
		want  bool
	}{{"metfromin", "metformin", true}, {"simvastin", "simvastatin", true}, {"pantopracol", "pantoprazol", true},
		{"para", "paracetamol", true}, {"can", "candesartan", false}, {"ibu", "ibuprofen", false},
		{"smivastain", "simvastatin", false}, {"ramipril", "metoprolol", false}} {
		if got := WordFits(c.w, c.pw); got != c.want {
			t.Errorf("wordFits(%q, %q) = %v, want %v", c.w, c.pw, got, c.want)
		}
	}
}

func FuzzMatch(f *testing.F) {
	c := NewCatalog(stock.Small, testLexicon(f))
	for _, s := range []string{"Ibu 400 20 Stück", "PZN 01234562", "ä1ö2ü3ß", "1,5,,5 mg x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := c.Match(s)
		if r.Product != nil && len(r.Candidates) > 0 || len(r.Candidates) > 5 {
			t.Fatalf("result %+v", r)
		}
	})
}

// TestMatchOffersOnlyWhatFitsBest: when several products fit all that was
// asked equally well, only those are offered, not another strength or
// pack size.
func TestMatchOffersOnlyWhatFitsBest(t *testing.T) {
	c := NewCatalog(stock.Small, testLexicon(t))
	for text, want := range map[string][]pzn.PZN{
		"Ibuprofen 400":    {"01234562", "27580899"},
		"Ibuprofen AL 400": {"01234562", "27580899"},
	} {
		r := c.Match(text)
		var got []pzn.PZN
		for _, m := range r.Candidates {
			got = append(got, m.Product.PZN)
		}
		if r.Product != nil || len(got) != len(want) || got[0] != want[0] && got[0] != want[1] {
			t.Errorf("%q: product %v, candidates %v; want exactly %v", text, r.Product, got, want)
		}
	}
}

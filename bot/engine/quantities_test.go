package engine

import (
	"testing"
)

// TestPacksSaid reads numbers of packs where a word beside them makes them
// one, and leaves strengths, pack sizes, ages and story numbers alone.
func TestPacksSaid(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		part string
		want int // 0: no number of packs
	}{
		{"Loperamid AL 2 mg – davon zwei", 2},
		{"zwar drei davon weil bei uns alle kopfweh haben", 3},
		{"Loperamid AL 2 mg x3 pls, going on a trip", 3},
		{"Ibuprofen AL 400 mg 20 St. bitte doppelt", 2},
		{"2 Stück Cetirizin AL 10 mg bitte", 2},
		{"Ibuprofen AL 400 mg 20 Stück", 0},
		{"20 Stück Ibuprofen 400", 0},
		{"Loperamid AL 2 mg, war heut schon 3 mal auf klo", 0},
		{"brauche Vitamin D3 für meine Oma, die ist 91", 0},
		{"Omeprazol 20 mg, hol ich um 3 ab", 0},
		{"50 davon", 0},
	} {
		n, _, ok := lx.packsSaid(c.part)
		if !ok {
			n = 0
		}
		if n != c.want {
			t.Errorf("packsSaid(%q) = %d, want %d", c.part, n, c.want)
		}
	}
}

// TestRelativeQuantity reads quantities said against the one before.
func TestRelativeQuantity(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		text string
		base int
		want int // 0: none
	}{
		{"eins weniger bitte", 3, 2},
		{"one less please", 2, 1},
		{"ach und noch eine dazu, also insgesamt zwei", 1, 2},
		{"eins weniger", 1, 0},           // nothing left: no quantity
		{"weniger Nebenwirkungen", 3, 0}, // no number
		{"insgesamt Ibuprofen 400", 1, 0},
	} {
		n, ok := lx.relativeQuantity(c.text, c.base)
		if !ok {
			n = 0
		}
		if n != c.want {
			t.Errorf("relativeQuantity(%q, %d) = %d, want %d", c.text, c.base, n, c.want)
		}
	}
}

// TestCountBesideOrdinal reads a count beside the ordinal that chooses.
func TestCountBesideOrdinal(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		a    string
		want int
	}{
		{"von der ersten bitte zwei", 2},
		{"die zweite, 3", 3},
		{"die zweite", 0},
		{"die erste und die zweite, 2", 0}, // two ordinals: no answer of one
	} {
		n, _, ok := lx.countBesideOrdinal(lx.Normalize(c.a))
		if !ok {
			n = 0
		}
		if n != c.want {
			t.Errorf("countBesideOrdinal(%q) = %d, want %d", c.a, n, c.want)
		}
	}
}

// TestNoChoiceSaid tells an answer that takes none of the offered from
// one that still says something.
func TestNoChoiceSaid(t *testing.T) {
	lx := testLexicon(t)
	for a, want := range map[string]bool{
		"ach vergessen sie's, doch nichts": true,
		"nein danke":                       true,
		"never mind, forget it":            true,
		"nichts, die erste":                false,
		"doch nichts, lieber Ibuprofen":    false,
		"die erste":                        false,
	} {
		if got := lx.noChoiceSaid(lx.Normalize(a)); got != want {
			t.Errorf("noChoiceSaid(%q) = %v, want %v", a, got, want)
		}
	}
}

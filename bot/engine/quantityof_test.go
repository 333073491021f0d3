package engine

import "testing"

// TestQuantityOf: where a part's number of packs stands, and the numbers
// that are no number of packs.
func TestQuantityOf(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		part string
		want int
	}{
		{"2x Ibuprofen 400", 2},
		{"Ibuprofen 400, 3x bitte", 3},
		{"1 pantoprazol 40mg bitte", 1},
		{"3 ASS 100", 3},
		{"zwei Paracetamol 500", 2},
		{"400 Ibuprofen", 0},
		{"2 mg Loperamid", 0},
		{"20 Stück Ibuprofen 400", 0},
		{"Ibuprofen 400 mg", 0},
		{"12 Cetirizin", 0},
	} {
		if got, _ := lx.quantityOf(c.part); got != c.want {
			t.Errorf("quantityOf(%q) = %d, want %d", c.part, got, c.want)
		}
	}
}

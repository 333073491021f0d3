package engine

import (
	"testing"

	"github.com/apobot/apobot/bot"
)

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

// TestCommonName: products are named as the catalogue names them when they
// share a first word, with the strength when they share it too.
func TestCommonName(t *testing.T) {
	p := func(name, strength string) bot.Product { return bot.Product{Name: name, Strength: strength} }
	for _, c := range []struct {
		ps   []bot.Product
		want string
	}{
		{[]bot.Product{p("Pantoprazol AL 40 mg", "40 mg"), p("Pantoprazol AbZ 40 mg", "40 mg")}, "Pantoprazol 40 mg"},
		{[]bot.Product{p("Pantoprazol AL 20 mg", "20 mg"), p("Pantoprazol AbZ 40 mg", "40 mg")}, "Pantoprazol"},
		{[]bot.Product{p("Omeprazol AL", "20 mg"), p("Pantoprazol AbZ", "20 mg")}, "as written"},
		{[]bot.Product{p("Vitamin D3 AL 1000 I.E.", "1000 I.E."), p("Vitamin D3 STADA 1000 I.E.", "1000 I.E.")}, "Vitamin D3 1000 I.E."},
		{nil, "as written"},
	} {
		if got := commonName(c.ps, "as written"); got != c.want {
			t.Errorf("commonName(%v) = %q, want %q", c.ps, got, c.want)
		}
	}
}

// TestNumbersAreNotQuoted: a long number the bot cannot place is never
// said back as a product not found.
func TestNumbersAreNotQuoted(t *testing.T) {
	lx := testLexicon(t)
	for _, part := range []string{"ruft mich an 47902158", "vorgang 2026 4471 12", "ticket 884213"} {
		var h heard
		h.take(lx, partUnknown, part)
		if len(h.missing) > 0 || !h.unplaced {
			t.Errorf("%q: missing %q, unplaced %v; want it unplaced, not quoted", part, h.missing, h.unplaced)
		}
	}
	var h heard
	h.take(lx, partUnknown, "Grippostad C")
	if len(h.missing) != 1 {
		t.Errorf("a name not found: missing %q, want it quoted", h.missing)
	}
}

// TestAnyChoiceThen: "any would do" with a number picks that one; without
// a number, or with none in range, it says nothing.
func TestAnyChoiceThen(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		a    string
		want int
	}{
		{"egal welche firma, die erste", 1},
		{"egal welche firma, die zweite", 2},
		{"egal, nummer 3", 3},
		{"egal welche", 0},
		{"die zweite", 0},
		{"egal, die 7", 0},
	} {
		if got := lx.anyChoiceThen(lx.Normalize(c.a), 3); got != c.want {
			t.Errorf("anyChoiceThen(%q) = %d, want %d", c.a, got, c.want)
		}
	}
}

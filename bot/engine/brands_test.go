package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot/brands"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
)

// pharmacyBrands is a pharmacy's own brand file: a house brand, and a
// shipped single-ingredient brand it says is sold with different contents.
const pharmacyBrands = `
[[brand]]
name = "Löwen Kopfweh"
ingredients = ["Paracetamol"]
strength = "500 mg"

[[brand]]
name = "Dolormin"
ingredients = ["Ibuprofen", "Naproxen"]
ambiguous = true
`

// TestBrands plays brand names against the demo inventory, which stocks
// generics only: a single-ingredient brand is had as its ingredient, with
// the strength and form the brand fixes, and said so; a combination or an
// ambiguous brand is never one ingredient; the pharmacy's own file takes
// effect; words that only look like a brand are none.
func TestBrands(t *testing.T) {
	set, err := brands.Default()
	if err != nil {
		t.Fatal(err)
	}
	own, err := set.Extend("apotheke-marken.toml", []byte(pharmacyBrands))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		say       string
		set       *brands.Set // nil: the shipped list (engine default)
		want, not []string
		id, notID msg.ID
	}{
		{say: "Dolormin extra bitte, eine Packung", want: []string{"Ibuprofen", "400 mg"}, not: []string{"200 mg", "600 mg"}, id: "product.synonym"},
		{say: "ben-u-ron 500 für heute", want: []string{"Paracetamol", "500 mg"}, id: "product.synonym"},
		{say: "Tylenol please, for my headache", want: []string{"Paracetamol"}, id: "product.synonym"},
		{say: "Voltaren Schmerzgel, die große Tube", want: []string{"Diclofenac-Natrium", "1 %"}, not: []string{"Retardtabletten"}, id: "product.synonym"},
		{say: "Vigantoletten 1000", want: []string{"Vitamin D3", "1000 I.E."}, id: "product.synonym"},
		{say: "Nurofen 200", want: []string{"Ibuprofen", "200 mg"}, not: []string{"400 mg"}, id: "product.synonym"},
		{say: "Aspirin Complex bitte", want: []string{"Aspirin Complex"}, not: []string{"Acetylsalicylsäure"}, id: "product.not_found", notID: "product.synonym"},
		{say: "Wick MediNait für heute Abend", not: []string{"Acetylsalicylsäure", "Paracetamol"}, id: "product.not_found", notID: "product.synonym"},
		{say: "Nurofen Cold and Flu bitte", want: []string{"Nurofen Cold and Flu"}, not: []string{"Ibuprofen"}, notID: "product.synonym"},
		{say: "Thomapyrin und Cetirizin 10 mg", want: []string{"Thomapyrin", "Cetirizin"}, not: []string{"Acetylsalicylsäure", "Paracetamol"}, notID: "product.synonym"},
		{say: "Löwen Kopfweh bitte", set: own, want: []string{"Paracetamol", "500 mg"}, id: "product.synonym"},
		{say: "Löwen Kopfweh bitte", not: []string{"Paracetamol"}, notID: "product.synonym"},
		{say: "Dolormin bitte", set: own, not: []string{"Ibuprofen", "Naproxen"}, notID: "product.synonym"},
		{say: "Dolormin bitte", want: []string{"Ibuprofen"}, id: "product.synonym"},
		{say: "Advilla bitte", not: []string{"Ibuprofen"}, notID: "product.synonym"},
		{say: "Ibuprofen 400 bitte", want: []string{"Ibuprofen"}, notID: "product.synonym"},
	} {
		name := tc.say
		if tc.set != nil {
			name += ", own file"
		}
		t.Run(name, func(t *testing.T) {
			db := newDB(t)
			if _, err := db.LoadDemoInventory(t.Context()); err != nil {
				t.Fatal(err)
			}
			c := chatOn(t, db, func(cfg *engine.Config) { cfg.Brands = tc.set })
			got := strings.Join(c.say(tc.say), "\n")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q answered\n%s\nwant %q in it", tc.say, got, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("%q answered\n%s\nwhich must not hold %q", tc.say, got, w)
				}
			}
			if tc.id != "" && !slices.Contains(c.ids, tc.id) {
				t.Errorf("%q answered %v, want %s", tc.say, c.ids, tc.id)
			}
			if tc.notID != "" && slices.Contains(c.ids, tc.notID) {
				t.Errorf("%q answered %v, which must not hold %s", tc.say, c.ids, tc.notID)
			}
		})
	}
}

package bot

import (
	"fmt"
	"strings"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
)

// inStock reports whether the item's packs are reserved from the shelf.
func (it Item) InStock() bool { return it.PZN != "" && it.Quantity > 0 && it.Reserved == it.Quantity }

// Label names an item for the customer: "Ibuprofen AL 400 mg, 20 St.".
func (it Item) Label(lang string) string {
	s := it.Name
	if s == "" {
		s = "PZN " + string(it.PZN)
	}
	if it.Strength != "" {
		s += " " + it.Strength
	}
	if it.Count > 0 {
		s += fmt.Sprintf(", %d %s", it.Count, unitOf(it.Form, lang))
	}
	return s
}

// unitOf says what a pack's count counts, by the first word of its dosage
// form the phrase files' [units] know: millilitres of liquids and sprays,
// grams of gels, puffs of an inhaler, pieces otherwise ("Pulver zur
// Herstellung einer Lösung" comes in sachets, "magensaftresistente
// Tabletten" are tablets).
func unitOf(form, lang string) string {
	return msg.Text(lang, msg.ID("unit."+PackUnit(form)), nil)
}

// packUnit is what a pack of a dosage form counts, as [units] names it:
// "ml", "g", "puffs", or "pieces".
func PackUnit(form string) string {
	lexicon, err := nlu.Default()
	if err != nil {
		return "pieces"
	}
	ws := nlu.Spelled(form)
	for i := range ws {
		if u := lexicon.Unit(ws, i); u != "" {
			return u
		}
	}
	return "pieces"
}

// erxItem names a pre-order item that is an e-prescription.
const ErxItem = "E-Rezept-Verordnung "

// ERx reports whether the item stands for an e-prescription sent as a token:
// the pharmacy claims it with the access code, so nothing need be brought.
func (it Item) ERx() bool { return it.PZN == "" && strings.HasPrefix(it.Name, ErxItem) }

// NeedsPrescription reports whether the customer must bring a prescription
// to the pickup: a prescription-only item that came as no e-prescription
// token.
func NeedsPrescription(items []Item) bool {
	for _, it := range items {
		if it.Rx && !it.ERx() {
			return true
		}
	}
	return false
}

package engine

import (
	"regexp"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/bot/redact"
)

// productParts splits a request into one part per product: splitParts,
// and at a comma before a product's name ("Ramipril 2,5 mg, Metformin
// 850"), but not before a pack size or maker ("Ibu 400, 20 Stück").
func (e *dialog) productParts(text string) []string {
	var out []string
	for _, p := range e.lx.splitParts(e.brandsWhole(text)) {
		segs := commaSplit(p)
		cur := segs[0]
		for _, s := range segs[1:] {
			if e.startsWithName(s) && e.namesProduct(cur) || e.negatedName(s) {
				out, cur = append(out, cur), s
			} else {
				cur += "," + s
			}
		}
		out = append(out, cur)
	}
	return out
}

// negatedName reports a part that says not to a product: "nicht
// Ibuprofen", "kein Aspirin".
func (e *dialog) negatedName(part string) bool {
	ws := match.Words(e.lx.stripLead(e.lx.Normalize(part))) // "aber kein Loratadin"
	return len(ws) > 1 && e.lx.Negative(ws[0]) && e.nameWord(ws[1])
}

// startsWithName reports a text that begins with a word of a product's
// name, a short form or a brand: not a number, maker, form or filler.
func (e *dialog) startsWithName(s string) bool {
	ws := match.Words(e.lx.stripLead(e.lx.Normalize(s)))
	if len(ws) > 1 && e.lx.Negative(ws[0]) { // ", nicht Ibuprofen": a part of its own
		ws = ws[1:]
	}
	return len(ws) > 0 && e.nameWord(ws[0])
}

// nameWord reports a word of a product's name, a short form or a brand:
// not a number, maker, form or filler.
func (e *dialog) nameWord(w string) bool {
	cat := e.catalogNow()
	if _, other := e.lx.Ingredient(w); other || e.namesBrand(w) || e.lx.Short(w) != "" {
		return true
	}
	if form, _ := e.lx.Form([]string{w}, 0); form != "" || match.IsNumber(w) || cat.IsMaker(w) || e.lx.Filler(w) || e.lx.CountWord(w) || e.lx.StrengthUnit(w) {
		return false
	}
	return len(cat.Known([]string{w})) > 0
}

// heard is what request made of the parts of a message.
type heard struct {
	missing, later []string // products not found; products to send again after the open question
	unplaced       bool     // words of a long message that read as no product's name (nameSpan)
	queued         []string // products asked about after the open question
	wrong          []string // PZNs whose check digit does not fit
	told           bool     // a product was answered with why it cannot be had as asked
	understood     bool     // a product or quantity was taken, or asked back about
	chat           bool     // a greeting or thanks
	personal       bool     // personal data the bot does not need (redacted before)
	asked          bool     // a question back was open: no general help
}

func (h *heard) take(lx *lexicon, r partResult, part string) {
	switch {
	case r == partTaken:
		h.understood = true
	case r == partQueued:
		h.understood = true
		h.queued = append(h.queued, lx.productWords(part))
	case r == partLater:
		h.understood = true
		h.later = append(h.later, lx.productWords(part))
	case r == partTold:
		h.understood, h.told = true, true
	case r == partWrongPZN:
		h.understood = true
		h.wrong = append(h.wrong, lx.wrongPZN(part))
	case lx.isSmallTalk(part) || len(nlu.Words(part)) == 0 || lx.onlyFillers(part) || lx.anyChoice(lx.Normalize(part)): // "danke", "👍", "egal von wem"
		h.chat = true
	case lx.Says(part, nlu.Status) || lx.saysAny("pickup_ask", part) || lx.allIn("accept", part):
		// "... und ob ich das heute noch abholen kann": the proposal tells;
		// "great, I'll take it": agreed.
		h.chat = true
	case (lx.Negative(part) || lx.selfStatement(part) || lx.saysAny("thanks_first", part)) && !lx.mentionsPrescription(part):
		// "keine Tüte bitte", "Ich bin Diabetiker Typ 2": no product asked for.
		h.chat = true
	case redact.HasRedaction(part):
		h.personal = true
	case longNumber.MatchString(part):
		// A number the bot cannot place (a customer's, a case's, a phone's
		// it did not recognise) is never said back: "not understood".
		h.unplaced = true
	default:
		h.missing = append(h.missing, lx.productWords(part))
	}
}

// longNumber is a run of six or more digits, perhaps in groups: no
// product's name has one; a PZN would have been read as one.
var longNumber = regexp.MustCompile(`\d(?:[\s./-]?\d){5,}`)

// What became of one product of a request.
type partResult int

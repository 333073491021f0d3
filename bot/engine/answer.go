package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// answerQuestion takes an answer to the bot's question: a number, "ja"
// for a single candidate, "nein". Anything else drops the question and is
// read as a new request (false).
func (e *dialog) answerQuestion(t *turn, d *draft, text string) bool {
	q, quantity := t.conv.Question, t.conv.Asked
	if len(q) == 0 {
		return false
	}
	t.conv.Question, t.conv.Asked = nil, 0
	a := strings.Trim(e.lx.Normalize(text), " .!")
	choice := 0
	switch {
	case e.lx.saidAlone("yes_alone", a): // "ja", "ok"
		choice = 1
		if len(q) > 1 {
			return false
		}
	case e.lx.noChoiceSaid(a): // "nein", "ok dann nicht, danke", "ach vergessen sie's, doch nichts"
		t.say("choose.none", nil)
		return true
	case e.lx.anyChoice(a): // "egal welche", "von wem ist egal": the first, best fitting
		choice = 1
	case e.lx.anyChoiceThen(a, len(q)) > 0: // "egal welche Firma, die zweite"
		choice = e.lx.anyChoiceThen(a, len(q))
	case e.lx.allIn("accept", a) && len(q) == 1: // "ok nehm ich"
		choice = 1
	case (e.lx.isSmallTalk(text) || e.lx.allIn("accept", a)) && !strings.ContainsAny(text, "0123456789"): // "perfekt, danke" while the choice is open
		t.conv.Question, t.conv.Asked = q, quantity
		t.say("choose.still_open", msg.Args{"Count": len(q)})
		return true
	default:
		var answered bool
		if choice, quantity, answered = e.choiceNamed(t, d, q, quantity, a, text); choice == 0 {
			return answered
		}
	}
	if p, ok := e.catalogNow().ByPZN(q[choice-1]); ok {
		d.add(itemOf(p), quantity)
	}
	return true
}

// choiceNamed reads which of the products offered (q) an answer names: by
// its number, described ("die kleinere"), or a quantity for the only one.
// 0: it names none; answered reports whether the turn is answered then
// (asked again, or told what is wrong) or the text is a request of its own
// ("keine davon, lieber Atorvastatin 20"). packs is the quantity the answer
// says, else the one asked before.
func (e *dialog) choiceNamed(t *turn, d *draft, q []pzn.PZN, quantity int, a, text string) (choice, packs int, answered bool) {
	if e.namesAnother(q, text) {
		return 0, 0, false
	}
	if k, rest := e.lx.choiceQuantity(a); k > 0 && k <= match.MaxQuantity && !e.lx.onlyLead(rest) {
		quantity, a, text = k, rest, rest // "2 boxes of the 30 count": the quantity and the choice
	}
	n := e.lx.choiceIn(a, len(q))
	beyond := n > len(q) // "ok dann 40" of five: a strength, or a wrong number
	if beyond {
		n = 0
	}
	if n == 0 {
		var left []bot.Product
		if n, left = e.describedChoice(q, text); len(left) > 1 {
			return 0, 0, e.ask(t, left, quantity) // "die kleinere" of three, two alike: which of these two
		}
	}
	if k, ok := e.lx.onlyQuantity(a); beyond && len(q) == 1 && ok {
		quantity, n = k, 1 // "Meinen Sie dieses?" - "2 bitte": yes, two
	}
	if n == 0 {
		return 0, 0, e.noChoice(t, d, q, quantity, a, text, beyond)
	}
	return n, quantity, true
}

// noChoice answers an answer to a choice that picks none of the offered:
// the question stands with what is wrong said ("die von ratiopharm" when
// none is, "7" of three, "zehn Stück"), or the offered product is asked
// for again as another strength or size ("ok then 500"), or a quantity
// waits; false when the answer is something else, a request of its own.
func (e *dialog) noChoice(t *turn, d *draft, q []pzn.PZN, quantity int, a, text string, beyond bool) bool {
	stand := func(id msg.ID, args msg.Args) bool {
		t.conv.Question, t.conv.Asked = q, quantity
		args["Count"] = len(q)
		t.say(id, args)
		return true
	}
	r := e.lx.ParseRequest(text)
	switch {
	case e.offersMaker(q, text) && e.lx.saysAny("any_choice", text):
		d.add(itemOf(byMaker(e.products(q), text)[0]), quantity) // "Aristo oder Heumann, egal": the first
		return true
	case e.offersMaker(q, text):
		return stand("choose.number", msg.Args{}) // "Aristo oder Heumann" of those two: still which
	case e.catalogNow().MakerNamed(text) != "" && !e.lx.Says(text, nlu.Cancel):
		return stand("choose.no_maker", msg.Args{"Maker": e.catalogNow().MakerNamed(text)}) // "die von ratiopharm"
	case (r.Form != "" || e.lx.DescribesPack(text)) && len(r.Words) == 0 && r.Strength == "" && len(r.Numbers) == 0:
		return stand("choose.number", msg.Args{}) // "das Pulver", "die große" when all offered are
	case e.unknownMaker(text) != "":
		return stand("choose.no_maker", msg.Args{"Maker": e.unknownMaker(text)}) // "von Henning"
	case beyond && e.sizeOfSibling(q, a) && e.askAgainAs(t, d, q, text, quantity):
		return true // "ok then 500" of 1000 mg: the 500 mg
	case beyond:
		return stand("choose.number", msg.Args{}) // "7" of three
	case e.sizeOffered(q, a):
		return stand("choose.number", msg.Args{}) // "10 Stück" when all offered hold ten: no ten packs
	case e.quantityForQuestion(t, q, a), e.askAgainAs(t, d, q, text, quantity):
		return true
	case e.lx.sizeAsked(a) != "" && len(e.catalogNow().Known(e.lx.ParseRequest(a).Words)) == 0:
		return stand("choose.no_size", msg.Args{"Asked": e.lx.sizeAsked(a)}) // "zehn Stück reichen mir"
	}
	return false
}

// offersMaker reports an answer that names a maker of an offered product.
func (e *dialog) offersMaker(q []pzn.PZN, text string) bool {
	mk := e.catalogNow().MakerNamed(text)
	return mk != "" && slices.ContainsFunc(e.products(q), func(p bot.Product) bool { return p.Maker == mk })
}

// sizeOffered reports an answer that names the pack size of an offered
// product ("10 Stück").
func (e *dialog) sizeOffered(q []pzn.PZN, a string) bool {
	size := e.lx.sizeAsked(a)
	return size != "" && slices.ContainsFunc(e.products(q), func(p bot.Product) bool { return strconv.Itoa(p.Count) == size })
}

// sizeOfSibling reports whether a number in an answer is a strength or
// pack size the offered product's ingredient comes in ("500" when 1000 mg
// was offered), not a mistyped choice.
func (e *dialog) sizeOfSibling(q []pzn.PZN, a string) bool {
	cat := e.catalogNow()
	p, ok := cat.ByPZN(q[0])
	if !ok || p.Name == "" {
		return false
	}
	_, attr := e.lx.byNumberAttr(cat.SameIngredient(p), a)
	return attr != ""
}

// namesAnother reports whether an answer to a choice names a product
// other than those offered, by more than a maker ("und noch 2x Cetirizin
// AL"): a request of its own.
func (e *dialog) namesAnother(q []pzn.PZN, text string) bool {
	cat := e.catalogNow()
	var offered []string
	for _, z := range q {
		if p, ok := cat.ByPZN(z); ok {
			offered = append(offered, match.Words(e.lx.Normalize(p.Name))...)
		}
	}
	maker := match.Words(e.lx.Normalize(cat.MakerNamed(text))) // "1A Pharma": two words, one maker
	for _, w := range cat.Known(e.lx.ParseRequest(text).Words) {
		if !cat.IsMaker(w) && !slices.Contains(maker, w) && !e.lx.packWord(w) && !match.AnyWordFits(w, offered) {
			return true
		}
	}
	return false
}

// unknownMaker returns the maker an answer names when no product of the
// inventory has that name ("von Henning"); "" when it names none, or a
// word some product has.
func (e *dialog) unknownMaker(text string) string {
	m := e.lx.byMakerRe.FindStringSubmatch(text)
	if m == nil || len(e.catalogNow().Known(match.Words(e.lx.Normalize(m[1])))) > 0 {
		return ""
	}
	return m[1]
}

// askAgainAs reads an answer that names another strength or pack size of
// the product offered ("nee, lieber 20 mg", "ach doch 100 Stück") as a
// request for that product so; false when it names neither.
func (e *dialog) askAgainAs(t *turn, d *draft, q []pzn.PZN, text string, quantity int) bool {
	r := e.lx.ParseRequest(e.lx.stripLead(e.lx.Normalize(text)))
	p, ok := e.catalogNow().ByPZN(q[0])
	if len(r.Words) > 0 || r.Strength == "" && r.Count == "" && len(r.Numbers) == 0 && r.Form == "" || !ok || len(pzn.Find(text)) > 0 {
		return false // a PZN is a product of its own
	}
	// The ingredient, and what the answer does not change: "ach doch 100
	// Stück" of 40 mg is 40 mg in 100.
	query := strings.Fields(p.Name)[0] + " " + e.lx.stripLead(e.lx.Normalize(text))
	if r.Strength == "" && len(r.Numbers) == 0 && r.Form == "" { // "dann halt das Gel": of another form, any strength
		query += " " + e.lx.Normalize(p.Strength)
	}
	return e.requestPart(t, d, query, quantity) != partUnknown
}

// quantityForQuestion takes "2x" or "2 davon" given while a question is
// open: the quantity waits with the question, which is put again. False
// when a is no quantity.
func (e *dialog) quantityForQuestion(t *turn, q []pzn.PZN, a string) bool {
	n, ok := e.lx.onlyQuantity(a) // "2 davon", "doch nur eine"
	if !ok {
		return false
	}
	ps := slices.DeleteFunc(e.products(q), func(p bot.Product) bool { return p.PZN == "" })
	id := msg.ID("choose.which")
	if len(ps) == 1 {
		id = "choose.single"
	}
	e.putChoice(t, id, ps, n) // "Gern, 2×." and the products again: two of what
	return true
}

package engine

import (
	"slices"
	"strconv"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// ask puts candidates to the customer, numbered; the answer is a number.
// The quantity asked for ("3x Ibu 400") waits with the question. False
// when another question is open: one at a time.
func (e *dialog) ask(t *turn, ps []bot.Product, quantity int) bool {
	if len(t.conv.Question) > 0 {
		return false
	}
	id := msg.ID("choose.which")
	if len(ps) == 1 {
		id = "choose.single" // "Sertralin 50 mg, 30 Stück" when only 100 are had
	}
	e.putChoice(t, id, ps, quantity)
	return true
}

// offer puts the products a question names to the customer, to choose
// from, without taking any: a price asked is no order.
func (e *dialog) offer(t *turn, text string) {
	res := e.catalogNow().Match(text)
	cands := res.Candidates
	if res.Product != nil {
		cands = []match.Match{{Product: *res.Product}}
	}
	if len(cands) > 0 {
		e.ask(t, productsOf(cands), 0)
	}
}

// maxOffer bounds the products kept in mind after "nicht als Saft".
const maxOffer = 30

// takeOffer reads a message after "Paracetamol als Saft haben wir nicht"
// that names no product but a form, strength or pack ("dann die Tabletten
// 500", "Gel geht auch"): of the products of that name, the one it
// describes is taken, several are offered; false when it describes none.
func (e *dialog) takeOffer(t *turn, d *draft, offer []pzn.PZN, text string) bool {
	r := e.lx.ParseRequest(e.lx.stripLead(e.lx.Normalize(text)))
	if len(e.catalogNow().Known(r.Words)) > 0 || r.Form == "" && r.Strength == "" && r.Count == "" && len(r.Numbers) == 0 {
		return false
	}
	ps := slices.DeleteFunc(e.products(offer), func(p bot.Product) bool { return p.PZN == "" })
	left := e.lx.describe(ps, text)
	switch {
	case len(left) == 0 || len(left) == len(ps) && r.Form == "":
		return false
	case len(left) == 1:
		d.add(itemOf(left[0]), 0)
	default:
		e.ask(t, left[:min(len(left), 5)], 0)
	}
	return true
}

// queue keeps a second choice to put once the open one is answered ("Ibu
// 400 und Paracetamol 500"); a third waits for the customer to send it
// again.
func (e *dialog) queue(t *turn, ps []bot.Product, quantity int) partResult {
	if sameChoice(t.conv.Question, ps) { // "1 pack loperamid please" while the Loperamid question is open
		if quantity > 0 {
			t.conv.Asked = quantity
		}
		return partTaken
	}
	if len(t.conv.Next) > 0 {
		return partLater
	}
	for _, p := range ps {
		t.conv.Next = append(t.conv.Next, p.PZN)
	}
	t.conv.NextAsked = quantity
	return partQueued
}

// sameChoice reports products that are the open question's, or hold all
// of them: the product asked about, named again.
func sameChoice(q []pzn.PZN, ps []bot.Product) bool {
	in := func(z pzn.PZN) bool { return slices.ContainsFunc(ps, func(p bot.Product) bool { return p.PZN == z }) }
	inQ := func(p bot.Product) bool { return slices.Contains(q, p.PZN) }
	return len(q) > 0 && (!slices.ContainsFunc(q, func(z pzn.PZN) bool { return !in(z) }) || !slices.ContainsFunc(ps, func(p bot.Product) bool { return !inQ(p) }))
}

// putNext puts the queued choice once no other is open.
func (e *dialog) putNext(t *turn) {
	if len(t.conv.Question) > 0 || len(t.conv.Next) == 0 {
		return
	}
	ps := slices.DeleteFunc(e.products(t.conv.Next), func(p bot.Product) bool { return p.PZN == "" })
	quantity := t.conv.NextAsked
	t.conv.Next, t.conv.NextAsked = nil, 0
	id := msg.ID("choose.which")
	if len(ps) == 1 {
		id = "choose.single"
	}
	if len(ps) > 0 {
		e.putChoice(t, id, ps, quantity)
	}
}

// askAgain puts a choice again that another product interrupted.
func (e *dialog) askAgain(t *turn, q []pzn.PZN, quantity int) {
	var ps []bot.Product
	for _, z := range q {
		if p, ok := e.catalogNow().ByPZN(z); ok {
			ps = append(ps, p)
		}
	}
	id := msg.ID("choose.again")
	if len(ps) == 1 {
		id = "choose.again_single"
	}
	e.putChoice(t, id, ps, quantity)
}

// putChoice opens a question: the products numbered under sentence id.
func (e *dialog) putChoice(t *turn, id msg.ID, ps []bot.Product, quantity int) {
	t.conv.Asked = quantity
	c := composeIn(t.conv.Language)
	if quantity > 0 { // "Gern, 3×.": the quantity said is seen to be read
		c.add("", "choose.quantity_first", msg.Args{"Quantity": quantity})
	}
	r := c.add(" ", id, nil).reply()
	for i, p := range ps {
		t.conv.Question = append(t.conv.Question, p.PZN)
		r.Text += "\n" + strconv.Itoa(i+1) + ") " + itemOf(p).Label(t.conv.Language) + rxMark(t.conv.Language, p, ps)
	}
	t.add(r)
	if id != "choose.again" && id != "choose.again_single" { // said when first put
		e.noteRx(t, ps)
	}
}

// productsOf is the products of matches, in their order.
func productsOf(ms []match.Match) []bot.Product {
	ps := make([]bot.Product, len(ms))
	for i, m := range ms {
		ps[i] = m.Product
	}
	return ps
}

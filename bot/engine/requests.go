package engine

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/redact"
	"github.com/apobot/apobot/pzn"
)

// request reads products and quantities from text into the draft and
// reports whether it understood any of it. asked: the message came while a
// question back was open, which is put again instead of the general help.
func (e *dialog) request(t *turn, d *draft, text string, asked bool) bool {
	text, t.notMaker = e.withoutMaker(text) // "aber bitte nicht von Zentiva"
	for _, about := range aboutTheRequest {
		if about(e, t, d, text, asked) {
			return true
		}
	}
	return e.requestProducts(t, d, text, asked)
}

// aboutTheRequest read a message that changes the request as it stands
// (the quantities, the last product's pack or maker) rather than naming
// products; each reports whether the message was its kind.
var aboutTheRequest = []func(e *dialog, t *turn, d *draft, text string, asked bool) bool{
	(*dialog).quantityForAll,
	(*dialog).quantityAlone,
	(*dialog).sameAgain,
	(*dialog).itemQuantity,
	(*dialog).quantityInSentence,
	(*dialog).otherPackAsked,
	(*dialog).lastMakerAgain,
	(*dialog).makerLacks,
}

// quantityForAll reads "beide bitte 2x": every product on the request, and
// the one still to be chosen.
func (e *dialog) quantityForAll(t *turn, d *draft, text string, _ bool) bool {
	n, ok := e.lx.quantityForAll(text)
	if !ok || len(d.items) == 0 && len(t.conv.Question) == 0 {
		return false
	}
	for i := range d.items {
		e.setItemQuantity(t, d, i, n)
	}
	if len(t.conv.Question) > 0 {
		t.conv.Asked = n
	}
	return true
}

// quantityAlone reads a message that is a quantity ("2x", "noch eine
// Packung": one more); "50 Stück" of a 50-pack, or "10 Stück" when a
// 10-pack exists, is its size, not packs.
func (e *dialog) quantityAlone(t *turn, d *draft, text string, _ bool) bool {
	m := e.lx.quantityRe.FindStringSubmatch(e.lx.numberFirst(e.lx.stripLead(e.lx.Normalize(text))))
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	if (n > match.MaxQuantity || n > 5 && e.lx.namesPieces(text)) && !e.lx.saysAny("pack_words", text) && e.packSize(d, n, text) {
		return true
	}
	if e.lx.more(text) && len(d.items) > 0 {
		n += d.items[len(d.items)-1].Quantity
	}
	e.setQuantity(t, d, strconv.Itoa(n))
	return true
}

// sameAgain reads "nochmal das gleiche": one more of the last product.
func (e *dialog) sameAgain(t *turn, d *draft, text string, _ bool) bool {
	if !e.lx.sameAgain(text) || len(d.items) == 0 {
		return false
	}
	e.setItemQuantity(t, d, len(d.items)-1, d.items[len(d.items)-1].Quantity+1)
	return true
}

// itemQuantity reads "vom Cetirizin 2", "3 of the paracetamol": a quantity
// for one product already on the request.
func (e *dialog) itemQuantity(t *turn, d *draft, text string, _ bool) bool {
	i, n, ok := e.lx.itemQuantity(d, text)
	if ok {
		e.setItemQuantity(t, d, i, n)
	}
	return ok
}

// quantityInSentence reads a short clause about the last product's number
// of packs in a message that names no product ("sorry my bad, two is
// plenty", "ach, eine mehr bitte, mein Sohn fährt doch mit").
func (e *dialog) quantityInSentence(t *turn, d *draft, text string, asked bool) bool {
	if len(d.items) == 0 || asked {
		return false
	}
	n, more, ok := e.lx.quantityInClause(text) // read before the catalogue is asked
	if !ok || e.namesProduct(text) {
		return false
	}
	last := len(d.items) - 1
	if more {
		n += d.items[last].Quantity
	}
	e.setItemQuantity(t, d, last, n)
	return true
}

// otherPackAsked reads "die große Packung": the last product in another
// pack; "und noch eins von Hexal": that pack besides.
func (e *dialog) otherPackAsked(_ *turn, d *draft, text string, asked bool) bool {
	p, ok := e.otherPack(d, text)
	if !ok || asked {
		return false
	}
	if e.lx.saysAny("more", text) {
		d.add(itemOf(p), 0)
	} else {
		d.replaceLast(p)
	}
	return true
}

// lastMakerAgain reads "heumann" when the last product is Heumann's: said
// again, as it is.
func (e *dialog) lastMakerAgain(_ *turn, d *draft, text string, asked bool) bool {
	if asked || !e.namesLastMaker(d, text) {
		return false
	}
	d.dirty = true
	return true
}

// makerLacks reads "ratiopharm hab ich sonst immer" when ratiopharm has
// none of the last product: said so.
func (e *dialog) makerLacks(t *turn, d *draft, text string, asked bool) bool {
	cur, mk, ok := e.makerLacksLast(d, text)
	if !ok || asked {
		return false
	}
	t.say("product.no_maker", msg.Args{"Name": strings.Fields(cur.Name)[0], "Strength": cur.Strength, "Maker": mk})
	return true
}

// requestProducts reads the products of a message, part by part, each
// with its quantity, and says what it found and what not.
func (e *dialog) requestProducts(t *turn, d *draft, text string, asked bool) bool {
	var h heard
	var all eachPart
	text, all.quantity = e.lx.eachQuantity(text)   // "Loperamid und Vitamin D, gern je 2"
	text, all.described = e.lx.eachDescribed(text) // "…, jeweils die kleinste Packung"
	text, t.anyOK = e.lx.withoutAnyChoice(text)    // "…, egal welcher Hersteller"
	all.long = e.lx.isLong(text)
	for _, part := range e.productParts(text) {
		e.requestOne(t, d, &h, part, all)
	}
	h.asked = asked
	h.personal = h.personal || redact.HasRedaction(text) // also beside an order
	e.quoteOnlyNames(&h, all.long)
	e.replyToRequest(t, d, text, h)
	return h.understood
}

// eachPart is what a message says of all its parts: a quantity ("je 2"),
// a description ("jeweils die kleinste"), and whether it is long.
type eachPart struct {
	quantity  int
	described string
	long      bool
}

// requestOne reads one part of a request into the draft, or notes what it
// is when it is no product.
func (e *dialog) requestOne(t *turn, d *draft, h *heard, part string, all eachPart) {
	switch n, isQuantity := e.lx.onlyQuantity(part); {
	case all.long && e.onlyMakerWords(part): // a story word near a maker's name
		h.take(e.lx, partUnknown, part)
		return
	case e.negatedName(part): // "ein Schmerzmittel, nicht Ibuprofen": not that one
		h.chat = true
		return
	case isQuantity && len(t.conv.Question) > 0:
		t.conv.Asked, h.understood = n, true // "Salbutamol Spray, und bitte gleich 2": for the one to choose
		return
	}
	if wrong, rest := e.lx.wrongPZN(part), e.lx.withoutPZN(part); wrong != "" && e.namesProduct(rest) {
		h.wrong, part = append(h.wrong, wrong), rest // "Loperamid AL 2 mg, PZN 044 392 51": the name, and the PZN said to be mistyped
	}
	quantity, part := e.lx.quantityOf(part + all.described)
	if quantity == 0 {
		quantity, part = e.numberBeforeName(part)
	}
	if quantity == 0 {
		quantity = all.quantity
	}
	switch {
	case quantity > match.MaxQuantity:
		t.say("quantity.too_many", nil)
		h.understood, h.told = true, true
	case quantity > 0 && len(d.items) > 0 && !e.namesProduct(part):
		// "Bestellung ändern: nur 1 Packung": the quantity of the last product.
		e.setItemQuantity(t, d, len(d.items)-1, quantity)
		h.understood = true
	default:
		r := e.requestPart(t, d, part, quantity)
		if r == partQueued { // named as the catalogue names it, not as written
			part = commonName(e.products(t.conv.Next), part)
		}
		h.take(e.lx, r, part)
	}
}

// numberBeforeName reads a number of packs written right before a
// product's name ("jetzt bitte neu: 1 loperamid al", "drei Cetirizin AL
// für die ganze WG"): a strength follows
// the name, a number of packs comes before it. 0 and part as it is when
// there is none.
func (e *dialog) numberBeforeName(part string) (int, string) {
	ws := match.Words(e.lx.Normalize(part))
	for i := 0; i+1 < len(ws); i++ {
		n, err := strconv.Atoi(ws[i])
		if k, word := e.lx.WordNumber(ws[i]); word && k > 1 { // "drei Cetirizin AL"; a word for one is an article
			n, err = k, nil
		}
		if err != nil || n < 1 || n > match.MaxQuantity || e.lx.Other(ws, i) || !e.nameWord(ws[i+1]) || i > 0 && e.nameWord(ws[i-1]) {
			continue
		}
		return n, strings.Join(append(ws[:i:i], ws[i+1:]...), " ")
	}
	return 0, part
}

// quantityOf reads the number of packs in a part, wherever it stands, and
// returns the part without it; 0 when none is said.
func (lx *lexicon) quantityOf(part string) (int, string) {
	for _, read := range lx.quantityReaders {
		if n, rest, ok := read(part); ok {
			return n, rest
		}
	}
	return 0, part
}

// bareNumberFirst reads a small number before a product's name, with no
// unit or count word after it ("1 pantoprazol 40mg", "3 ASS 100") as the
// number of packs: a strength or a pack size is never written first and
// bare.
func (lx *lexicon) bareNumberFirst(part string) (int, string, bool) {
	ws := strings.Fields(lx.stripLead(lx.Normalize(part)))
	if len(ws) < 2 || !unicode.IsLetter([]rune(ws[1])[0]) || lx.StrengthUnit(ws[1]) || lx.CountWord(ws[1]) {
		return 0, part, false
	}
	n, err := strconv.Atoi(ws[0])
	if err != nil || n < 1 || n > match.MaxQuantity || lx.saysAny("pack_words", ws[1]) {
		return 0, part, false
	}
	return n, strings.Join(ws[1:], " "), true
}

// reFirst is a quantity reader of a pattern on the part as prep writes
// it: the quantity is group n, the rest group rest.
func reFirst(re *regexp.Regexp, prep func(string) string, n, rest int) func(string) (int, string, bool) {
	return func(part string) (int, string, bool) {
		m := re.FindStringSubmatch(prep(part))
		if m == nil {
			return 0, part, false
		}
		q, _ := strconv.Atoi(m[n])
		return q, m[rest], true
	}
}

func (lx *lexicon) piecesAfterPZN(part string) (int, string, bool) {
	m := lx.piecesAfterPZNRe.FindStringSubmatch(lx.Normalize(part))
	if m == nil || len(pzn.Find(part)) == 0 {
		return 0, part, false
	}
	q, _ := strconv.Atoi(m[2])
	return q, m[1], true
}

func (lx *lexicon) packsInside(part string) (int, string, bool) {
	m := lx.packsInsideRe.FindStringSubmatch(lx.digitsBeforePacks(lx.Normalize(part)))
	if m == nil || strings.TrimSpace(m[1]+m[3]) == "" {
		return 0, part, false
	}
	q, _ := strconv.Atoi(m[2])
	return q, m[1] + " " + m[3], true
}

func (lx *lexicon) timesInside(part string) (int, string, bool) {
	m := lx.timesInsideRe.FindStringSubmatch(lx.Normalize(part))
	if m == nil {
		return 0, part, false
	}
	q, _ := strconv.Atoi(m[2])
	return q, m[1] + " " + m[3], true
}

// packSize reads a number too big for packs ("50 Stück") as the pack
// size of the last product: its own is confirmed, another maker's or
// form's pack of that size taken; false when no such pack exists.
func (e *dialog) packSize(d *draft, n int, text string) bool {
	if len(d.items) == 0 {
		return false
	}
	if cur, ok := e.catalogNow().ByPZN(d.items[len(d.items)-1].PZN); ok && cur.Count == n {
		d.dirty = true // said again, as it is
		return true
	}
	p, ok := e.otherPack(d, text)
	if ok {
		d.replaceLast(p)
	}
	return ok
}

// makerLacksLast reports a message that names only a maker ("ratiopharm
// hab ich sonst immer") that has no pack of the last product: that
// product, and the maker.
func (e *dialog) makerLacksLast(d *draft, text string) (bot.Product, string, bool) {
	cat := e.catalogNow()
	mk := cat.MakerNamed(text)
	if len(d.items) == 0 || mk == "" {
		return bot.Product{}, "", false
	}
	cur, ok := cat.ByPZN(d.items[len(d.items)-1].PZN)
	if !ok || cur.Name == "" || !e.onlyMaker(text) {
		return bot.Product{}, "", false
	}
	if slices.ContainsFunc(cat.SameIngredient(cur), func(p bot.Product) bool { return p.Maker == mk && p.Strength == cur.Strength }) {
		return bot.Product{}, "", false
	}
	return cur, mk, true
}

// namesLastMaker reports a message that names only the maker the last
// product already has.
func (e *dialog) namesLastMaker(d *draft, text string) bool {
	cat := e.catalogNow()
	mk := cat.MakerNamed(text)
	return len(d.items) > 0 && mk != "" && e.onlyMaker(text) && mk == itemMaker(d.items[len(d.items)-1], cat)
}

// onlyMaker reports a text whose only product words are a maker's name.
func (e *dialog) onlyMaker(text string) bool {
	cat := e.catalogNow()
	mk := match.Words(e.lx.Normalize(cat.MakerNamed(text)))
	return !slices.ContainsFunc(cat.Known(e.lx.ParseRequest(text).Words), func(w string) bool { return !slices.Contains(mk, w) && !e.lx.packWord(w) })
}

// replyToRequest adds what request has to say beyond the summary.
func (e *dialog) replyToRequest(t *turn, d *draft, text string, h heard) {
	sayAside(t, h)
	if len(h.queued) > 0 { // "Zu „Simvastatin 20 mg“ frage ich gleich danach": and that it needs a prescription
		e.noteRx(t, e.products(t.conv.Next))
	}
	lost := len(h.missing) > 0 || h.unplaced // what the message asked that was not placed
	if lost && !h.understood && e.sayNoProductAsked(t, text, h) {
		return
	}
	switch {
	case len(h.missing) > 0 && e.catalogNow().Empty():
		// A pharmacy that has not imported its stock yet: nothing can be
		// looked up, so "nicht gefunden" would be wrong.
		t.say("product.no_inventory", nil)
	case len(h.missing) > 0:
		t.say("product.not_found", msg.Args{"Names": msg.Quote(t.conv.Language, h.missing)})
		e.sayNotUnderstood(t, h)
	case h.unplaced:
		e.sayNotUnderstood(t, h)
	default:
		e.sayAsIs(t, d, text, h)
	}
}

// sayAside says what request noted beside the products: choices that
// wait, one at a time, mistyped PZNs, personal data taken out.
func sayAside(t *turn, h heard) {
	lang := t.conv.Language
	if len(h.queued) > 0 {
		t.say("choose.queued", msg.Args{"Texts": msg.Quote(lang, h.queued)})
	}
	if len(h.later) > 0 {
		t.say("choose.one_at_a_time", msg.Args{"Texts": msg.Quote(lang, h.later)})
	}
	if len(h.wrong) > 0 {
		t.say("product.wrong_check_digit", msg.Args{"PZNs": msg.Quote(lang, h.wrong)})
	}
	if h.personal {
		t.say("privacy.removed", nil)
	}
}

// sayNoProductAsked answers a message that placed no product and asked
// for none: about prescriptions, a day's hours, a question the bot cannot
// answer; nothing more after where to turn was said. false: it may name
// products after all.
func (e *dialog) sayNoProductAsked(t *turn, text string, h heard) bool {
	switch {
	case e.lx.mentionsPrescription(text):
		e.sayPrescription(t)
	case e.namesDay(text):
		// "und übermorgen?", "am Reformationstag?": a day alone asks
		// for that day's opening hours.
		e.sayHours(t, text)
	case e.lx.isQuestionNoProduct(text) || e.lx.asksService(text):
		if !t.said("emergency.urgent") && !t.said("answer.medical") { // those said where to turn
			t.say("answer.unanswered", nil)
		}
	case t.said("emergency.urgent") || t.said("answer.medical") && !e.lx.asksForProduct(text) && !e.lx.namesForm(h.missing):
		// "mein Mann hat Atemnot", "eine Frage zu meinem Blutdruckmittel,
		// wann ich das am besten nehme": where to turn is said; no product
		// search.
	default:
		return false
	}
	return true
}

// sayAsIs answers a request that changed nothing new: it was said again,
// thanks, or nothing the bot knows (what to send).
func (e *dialog) sayAsIs(t *turn, d *draft, text string, h heard) {
	switch {
	case d.again && !d.dirty:
		sayAlready(t, d)
	case h.chat && !h.understood && len(d.items) > 0:
		t.say("answer.thanks", nil)
	case h.chat && !h.understood && !h.asked && e.lx.thanks(text):
		t.say("answer.welcome", nil) // "ok danke" with nothing on the request
	case !d.dirty && len(t.conv.Question) == 0 && !h.personal && !h.asked && !h.told && len(h.wrong) == 0 && len(t.replies) == 0:
		e.sayHelp(t)
	}
}

// requestPart matches one product of a request.
func (e *dialog) requestPart(t *turn, d *draft, part string, quantity int) partResult {
	res, told, ok := e.matchPart(t, part, quantity)
	switch {
	case !ok:
		return told
	case res.NoForm != "":
		return e.offerForms(t, part, res)
	case res.Product != nil:
		d.add(itemOf(*res.Product), quantity)
	case len(res.Candidates) > 0:
		return e.offerCandidates(t, d, res, part, quantity)
	default:
		return e.partByPZN(d, part, quantity)
	}
	return partTaken
}

// matchPart matches a part in the catalogue, without the maker the
// customer does not want, and as the active ingredient of a brand or
// another name ([synonyms]) when it names none itself. ok false: the
// customer was told already (only that maker has it).
func (e *dialog) matchPart(t *turn, part string, quantity int) (match.MatchResult, partResult, bool) {
	res := e.catalogNow().Match(part)
	if t.notMaker != "" {
		full := res
		if res = res.Without(t.notMaker); res.Product == nil && len(res.Candidates) == 0 {
			if p, ok := full.First(); ok {
				// "Omeprazol 20 mg 30 Stück, aber nicht von Heumann" when only
				// Heumann has it: said so, and the other makers' packs offered.
				return res, e.onlyFrom(t, p, t.notMaker, quantity), false
			}
		}
	}
	if res.Product != nil || len(res.Candidates) > 0 || res.NoForm != "" {
		return res, partTaken, true
	}
	res, brand := e.byBrand(t, part)
	if brand {
		return res, partTaken, true
	}
	if alt, name, ingredient := e.lx.WithIngredients(part); name != "" {
		if res = e.catalogNow().Match(alt); res.Product != nil || len(res.Candidates) > 0 {
			t.say("product.synonym", msg.Args{"Asked": name, "Stocked": ingredient}) // "Acetaminophen" -> "Paracetamol"
		}
	}
	return res, partTaken, true
}

// offerForms says the product is not had in the form asked and offers the
// forms there are; "dann die Tabletten" then picks among them.
func (e *dialog) offerForms(t *turn, part string, res match.MatchResult) partResult {
	e.lx.sayForms(t, part, res)
	for _, m := range res.Others[:min(len(res.Others), maxOffer)] {
		t.conv.Offer = append(t.conv.Offer, m.Product.PZN)
	}
	e.noteRx(t, productsOf(res.Others))
	return partTold
}

// offerCandidates asks which of several fitting products is meant (after
// saying which strength or maker there is not), or takes the best one when
// any maker will do.
func (e *dialog) offerCandidates(t *turn, d *draft, res match.MatchResult, part string, quantity int) partResult {
	if res.NoStrength != "" {
		sayStrengths(t, res)
	}
	if res.NoMaker != "" {
		p := res.Candidates[0].Product
		t.say("product.no_maker", msg.Args{"Name": strings.Fields(p.Name)[0], "Strength": p.Strength, "Maker": res.NoMaker})
	}
	cands := e.lx.described(res.Candidates, part)
	if t.anyOK && res.NoStrength == "" {
		d.add(itemOf(cands[0].Product), quantity) // "egal welcher Hersteller": the best fitting
		return partTaken
	}
	if ps := productsOf(cands); !e.ask(t, ps, quantity) {
		return e.queue(t, ps, quantity)
	}
	return partTaken
}

// partByPZN takes a PZN the part names (pzn.Find: labelled, grouped or
// eight digits, never a number named as something else): the product, or
// a real PZN the pharmacy does not carry, to order.
func (e *dialog) partByPZN(d *draft, part string, quantity int) partResult {
	var z pzn.PZN
	if found := pzn.Find(part); len(found) > 0 {
		z = found[0].PZN
	}
	switch p, ok := e.catalogNow().ByPZN(z); {
	case z == "" && e.lx.wrongPZN(part) != "":
		return partWrongPZN
	case z == "":
		return partUnknown
	case ok:
		d.add(itemOf(p), quantity)
	default:
		d.add(bot.Item{PZN: z}, quantity)
	}
	return partTaken
}

// onlyFrom says a product is had only from the maker the customer does not
// want, and offers that strength from other makers.
func (e *dialog) onlyFrom(t *turn, p bot.Product, maker string, quantity int) partResult {
	t.say("product.only_maker", msg.Args{"Name": strings.Fields(p.Name)[0] + " " + p.Strength, "Maker": maker})
	others := keep(e.catalogNow().SameIngredient(p), func(o bot.Product) bool { return o.Strength == p.Strength && o.Maker != maker })
	if others = others[:min(len(others), 5)]; len(others) > 0 && !e.ask(t, others, quantity) {
		return e.queue(t, others, quantity)
	}
	return partTold
}

// setQuantity sets the number of packs of the last product named.
func (e *dialog) setQuantity(t *turn, d *draft, digits string) {
	n, _ := strconv.Atoi(digits)
	if len(d.items) == 0 {
		t.say("quantity.of_what", nil)
		return
	}
	e.setItemQuantity(t, d, len(d.items)-1, n)
}

// setItemQuantity sets the quantity of item i of the request.
func (e *dialog) setItemQuantity(t *turn, d *draft, i, n int) {
	if n < 1 || n > match.MaxQuantity {
		t.say("quantity.range", nil)
		return
	}
	d.items[i].Quantity = n
	d.dirty = true
}

// withoutMaker takes a maker the customer does not want out of a text.
func (e *dialog) withoutMaker(text string) (string, string) {
	for _, m := range e.lx.notMakerRe.FindAllStringSubmatchIndex(text, -1) {
		if mk := e.catalogNow().MakerNamed(text[m[2]:m[3]]); mk != "" {
			return text[:m[0]] + text[m[1]:], mk
		}
	}
	return text, ""
}

// commonName is what products share as the catalogue names them: the
// words their names begin with alike, with their strength when it is the
// same ("Vitamin D3 1000 I.E.", "Pantoprazol 40 mg"); or else, when they
// share no first word.
func commonName(ps []bot.Product, or string) string {
	if len(ps) == 0 {
		return or
	}
	name, strength := strings.Fields(ps[0].Name), ps[0].Strength
	for _, p := range ps[1:] {
		ws := strings.Fields(p.Name)
		n := 0
		for n < len(name) && n < len(ws) && name[n] == ws[n] {
			n++
		}
		name = name[:n]
		if p.Strength != strength {
			strength = ""
		}
	}
	if len(name) == 0 {
		return or
	}
	out := strings.Join(name, " ")
	if strength != "" && !strings.Contains(out, strength) {
		out += " " + strength
	}
	return out
}

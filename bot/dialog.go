package bot

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// text answers a typed message: a question for the pharmacy, an answer to
// the bot's question, a quantity, or products.
func (e *Engine) text(ctx context.Context, t *turn, text string) error {
	lang := t.conv.Language
	m := lexicon.Parse(text)
	if in, ok := quotedCommand(text); ok {
		// "Was heißt „stornieren“?": a question about a command, not
		// the command. The notice says what "löschen" does, the change
		// help the others.
		if in == nlu.Delete {
			t.add(PrivacyNotice(lang, t.conv.Channel))
		} else {
			t.say("proposal.change_help", nil)
		}
		return nil
	}
	if h, ok := m.Hit(nlu.Delete); ok && !h.Alone {
		// Only "löschen" alone erases; a sentence that mentions it is asked
		// back ("bitte nicht löschen" is told it stays), and the rest of it
		// is read as usual.
		if h.Negated {
			t.say("delete.kept", nil)
		} else {
			t.say("delete.ask", nil)
		}
		// "Bitte löschen Sie meine Daten": a "ja" now erases. Not after a
		// question about erasing, or beside an order, where "ok" agrees to
		// the order.
		t.conv.EraseAsked = !h.Negated && onlyErasure(text)
		if text = m.Without(nlu.Delete); strings.TrimSpace(text) == "" {
			return nil
		}
		m = lexicon.Parse(text)
	}
	for _, h := range m.Hits {
		// "nicht stornieren, nur 3 Stück": what is said not to be done is
		// not read as a product; the rest is.
		if h.Negated && h.Intent != nlu.Delete {
			if text = m.Without(h.Intent); strings.TrimSpace(text) == "" {
				t.say("answer.as_is", nil)
				return nil
			}
			m = lexicon.Parse(text)
			break
		}
	}
	if h, ok := m.Hit(nlu.Cancel); ok && !h.Negated && askingAboutLater(m.Texts[h.Clause]) {
		// "Kann ich später noch stornieren?": how, not now.
		t.say("proposal.change_help", nil)
		return nil
	}
	if lang, in, ok := languageAsked(m); ok {
		t.conv.Language = lang
		t.say("answer.language", nil)
		if text = m.Without(in); strings.TrimSpace(text) == "" {
			return nil
		}
		m = lexicon.Parse(text)
	}
	if h, ok := m.Hit(nlu.Urgent); ok && !h.Negated {
		// Where to turn first; whatever else the message asks is answered too.
		t.add(UrgentReply(e.cfg.Planner, e.now(), lang))
	}
	if rest, ok := questionBeside(m, text); ok {
		// A question for the pharmacist beside an order or another
		// question: the question is flagged, the rest answered as usual.
		t.conv.Medical = true
		t.say("answer.medical", nil)
		text, m = rest, lexicon.Parse(rest)
	}
	if clause, rest, ok := beside(m, nlu.Hours); ok && e.namesProduct(rest) {
		// "Habt ihr Loperamid da? Und wann habt ihr heute zu?": both.
		t.add(e.hoursReply(clause, lang))
		text, m = rest, lexicon.Parse(rest)
	}
	if _, rest, ok := beside(m, nlu.Notify); ok {
		// "Simvastatin 40 von AL, und bitte Bescheid sagen": both.
		t.conv.Notify = true
		t.say("answer.notify", nil)
		text, m = rest, lexicon.Parse(rest)
	}
	if _, rest, ok := beside(m, nlu.Price); ok {
		// "Cetirizin AL 10 mg, was kostet das?", "Zuzahlung egal,
		// Metformin 1000": the price is told, the order taken.
		t.say("answer.price", nil)
		text, m = rest, lexicon.Parse(rest)
	}
	if pickupBySomeoneElse(text) {
		t.say("answer.someone_else", nil) // "Kann mein Mann die Bestellung abholen?"
		return nil
	}
	if h, ok := m.Hit(nlu.Rx); ok && !h.Negated {
		if ps := e.productsAsked(ctx, t, text); len(ps) > 0 {
			// "Brauche ich für Amoxicillin ein Rezept?": the inventory says.
			sayRx(t, ps)
			e.offer(t, text)
			return nil
		}
	}
	if saysAny("what_if", text) && saysAny("stock_ask", text) && !e.namesProduct(text) {
		t.say("answer.order_in", nil) // "Was ist, wenn das Medikament nicht vorrätig ist?"
		return nil
	}
	if saysAny("last_time", text) && !e.namesProduct(text) {
		t.say("answer.last_time", nil) // "dasselbe wie letztes Mal": earlier chats are gone
		return nil
	}
	if saysAny("delivery_ask", text) {
		if next, err := e.cfg.Planner.NextDelivery(e.now()); err == nil {
			t.say("answer.delivery", msg.Args{"When": When(next, e.cfg.Planner.Location(), t.conv.Language)}) // "Wann kommt die nächste Lieferung?"
			return nil
		}
	}
	if saysAny("bring_ask", text) {
		t.say("answer.bring", nil) // "Was muss ich zum Abholen mitbringen?"
		return nil
	}
	switch classify(m, text) {
	case IntentCancel:
		return e.cancel(ctx, t)
	case IntentMedical:
		return e.medical(ctx, t)
	case IntentEmergency:
		t.say("emergency.service", nil)
		return nil
	case IntentHours:
		t.add(e.hoursReply(text, lang))
		return nil
	case IntentNotify:
		t.conv.Notify = true
		if !t.said("answer.notify") { // "Bescheid geben, wenn da": said once
			t.say("answer.notify", nil)
		}
		if !e.namesProduct(text) { // "Bescheid geben wenn Cetirizin AL da ist": the order too
			return nil
		}
	case IntentStatus:
		return e.status(ctx, t)
	case IntentPrice:
		t.say("answer.price", nil)
		if len(t.conv.Question) > 0 { // "whichever is cheapest": the choice is still theirs
			t.say("choose.number", msg.Args{"Count": len(t.conv.Question)})
			return nil
		}
		e.offer(t, text) // "Was kostet Ibuprofen 400?": which we have, to choose from
		return nil
	case IntentPrivacy:
		t.add(PrivacyNotice(lang, t.conv.Channel))
		return nil
	case IntentHelp: // what to send, and what happens then
		t.say("answer.help", nil)
		t.say("proposal.change_help", nil)
		return nil
	}
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil {
		return err
	}
	if offer := t.conv.Offer; len(offer) > 0 {
		t.conv.Offer = nil // for the next message only
		if e.takeOffer(t, d, offer, text) {
			return e.save(ctx, t, d)
		}
	}
	q, asked := t.conv.Question, t.conv.Asked
	switch answered := e.answerQuestion(t, d, text); {
	case answered:
	case len(q) == 0:
		e.request(t, d, text, false)
	default:
		if !instead(text) { // "ach nee, lieber Omeprazol": the choice is dropped
			t.conv.Question, t.conv.Asked = q, asked
		}
		if !e.request(t, d, text, true) {
			// Neither an answer nor anything else the bot knows: the question
			// stands, after what request had to say (not found, cannot answer).
			t.conv.Question, t.conv.Asked = q, asked
			t.say("choose.number", msg.Args{"Count": len(q)})
			break
		}
		if slices.Equal(t.conv.Question, q) {
			// Another product while the choice is open ("und noch 2x
			// Cetirizin AL"): taken, or to be sent again, and the choice put
			// again after it.
			if err := e.save(ctx, t, d); err != nil {
				return err
			}
			t.conv.Question = nil
			e.askAgain(t, q, t.conv.Asked)
			return nil
		}
	}
	if err := e.save(ctx, t, d); err != nil {
		return err
	}
	e.putNext(t) // "Ibu 400 und Paracetamol 500": the second choice after the first
	return nil
}

// request reads products and quantities from text into the draft and
// reports whether it understood any of it. asked: the message came while a
// question back was open, which is put again instead of the general help.
func (e *Engine) request(t *turn, d *draft, text string, asked bool) bool {
	text, t.notMaker = e.withoutMaker(text) // "aber bitte nicht von Zentiva"
	if n, ok := quantityForAll(text); ok && (len(d.items) > 0 || len(t.conv.Question) > 0) {
		// "beide bitte 2x": every product on the request, and the one
		// still to be chosen.
		for i := range d.items {
			e.setItemQuantity(t, d, i, n)
		}
		if len(t.conv.Question) > 0 {
			t.conv.Asked = n
		}
		return true
	}
	if m := quantityRe.FindStringSubmatch(numberFirst(stripLead(normalize(text)))); m != nil {
		n, _ := strconv.Atoi(m[1])
		if n > maxQuantity && !namesPacks(text) && e.packSize(d, n, text) { // "50 Stück" of a 50-pack: its size, not 50 packs
			return true
		}
		if more(text) && len(d.items) > 0 { // "noch eine Packung": one more
			n += d.items[len(d.items)-1].Quantity
		}
		e.setQuantity(t, d, strconv.Itoa(n))
		return true
	}
	if sameAgain(text) && len(d.items) > 0 {
		// "nochmal das gleiche": one more of the last product.
		e.setItemQuantity(t, d, len(d.items)-1, d.items[len(d.items)-1].Quantity+1)
		return true
	}
	if i, n, ok := itemQuantity(d, text); ok {
		// "vom Cetirizin 2", "3 of the paracetamol": a quantity for one
		// product already on the request.
		e.setItemQuantity(t, d, i, n)
		return true
	}
	if p, ok := e.otherPack(d, text); ok && !asked {
		// "die große Packung": the last product in another pack; "und
		// noch eins von Hexal": that pack besides.
		if moreAnywhere(text) {
			d.add(itemOf(p), 0)
		} else {
			d.replaceLast(p)
		}
		return true
	}
	if e.namesLastMaker(d, text) && !asked {
		d.dirty = true // "heumann" when it is Heumann's: said again, as it is
		return true
	}
	if cur, mk, ok := e.makerLacksLast(d, text); ok && !asked {
		// "ratiopharm hab ich sonst immer" when ratiopharm has none of it.
		t.say("product.no_maker", msg.Args{"Name": strings.Fields(cur.Name)[0], "Strength": cur.Strength, "Maker": mk})
		return true
	}
	var h heard
	text, each := eachQuantity(text)       // "Loperamid und Vitamin D, gern je 2"
	text, eachDesc := eachDescribed(text)  // "…, jeweils die kleinste Packung"
	text, t.anyOK = withoutAnyChoice(text) // "…, egal welcher Hersteller"
	for _, part := range e.productParts(text) {
		if e.negatedName(part) { // "ein Schmerzmittel, nicht Ibuprofen": not that one
			h.chat = true
			continue
		}
		if n, ok := onlyQuantity(part); ok && len(t.conv.Question) > 0 {
			t.conv.Asked, h.understood = n, true // "Salbutamol Spray, und bitte gleich 2": for the one to choose
			continue
		}
		part += eachDesc
		quantity := 0
		if m := leadingQuantityRe.FindStringSubmatch(numberFirst(stripLead(normalize(part)))); m != nil {
			quantity, _ = strconv.Atoi(m[1])
			part = m[2]
		} else if m := trailingQuantityRe.FindStringSubmatch(normalize(part)); m != nil {
			quantity, _ = strconv.Atoi(m[2])
			part = m[1]
		} else if m := piecesAfterPZNRe.FindStringSubmatch(normalize(part)); m != nil && len(pzn.Find(part)) > 0 {
			quantity, _ = strconv.Atoi(m[2]) // "PZN 80380011, 2 Stück": a PZN is one pack
			part = m[1]
		} else if m := packsInsideRe.FindStringSubmatch(digitsBeforePacks(normalize(part))); m != nil && strings.TrimSpace(m[1]+m[3]) != "" {
			quantity, _ = strconv.Atoi(m[2])
			part = m[1] + " " + m[3]
		} else if n, rest, ok := fewPiecesAfter(part); ok {
			quantity, part = n, rest // "Xylometazolin 0,1 % Heumann, zwei Stück"
		} else if n, rest, ok := numberWordLast(part); ok {
			quantity, part = n, rest // "Xylometazolin 0,1 % Heumann, zwei Stück"
		} else if m := timesInsideRe.FindStringSubmatch(normalize(part)); m != nil {
			quantity, _ = strconv.Atoi(m[2])
			part = m[1] + " " + m[3]
		} else if m := timesAfterRe.FindStringSubmatch(normalize(part)); m != nil {
			quantity, _ = strconv.Atoi(m[2])
			part = m[1]
		} else if n, rest, ok := numberWordFirst(stripLead(normalize(part))); ok {
			quantity, part = n, rest // "zwei Paracetamol 500"
		}
		if quantity == 0 {
			quantity = each
		}
		if quantity > maxQuantity {
			t.say("quantity.too_many", nil)
			h.understood, h.told = true, true
			continue
		}
		if quantity > 0 && len(d.items) > 0 && !e.namesProduct(part) {
			// "Bestellung ändern: nur 1 Packung": the quantity of the last product.
			e.setItemQuantity(t, d, len(d.items)-1, quantity)
			h.understood = true
			continue
		}
		h.take(e.requestPart(t, d, part, quantity), part)
	}
	h.asked = asked
	h.personal = h.personal || hasRedaction(text) // also beside an order
	e.replyToRequest(t, d, text, h)
	return h.understood
}

// packSize reads a number too big for packs ("50 Stück") as the pack
// size of the last product: its own is confirmed, another maker's or
// form's pack of that size taken; false when no such pack exists.
func (e *Engine) packSize(d *draft, n int, text string) bool {
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
func (e *Engine) makerLacksLast(d *draft, text string) (Product, string, bool) {
	cat := e.catalogNow()
	mk := cat.MakerNamed(text)
	if len(d.items) == 0 || mk == "" {
		return Product{}, "", false
	}
	cur, ok := cat.ByPZN(d.items[len(d.items)-1].PZN)
	if !ok || cur.Name == "" || !e.onlyMaker(text) {
		return Product{}, "", false
	}
	if slices.ContainsFunc(cat.sameIngredient(cur), func(p Product) bool { return p.Maker == mk && p.Strength == cur.Strength }) {
		return Product{}, "", false
	}
	return cur, mk, true
}

// namesLastMaker reports a message that names only the maker the last
// product already has.
func (e *Engine) namesLastMaker(d *draft, text string) bool {
	cat := e.catalogNow()
	mk := cat.MakerNamed(text)
	return len(d.items) > 0 && mk != "" && e.onlyMaker(text) && mk == d.items[len(d.items)-1].maker(cat)
}

// onlyMaker reports a text whose only product words are a maker's name.
func (e *Engine) onlyMaker(text string) bool {
	cat := e.catalogNow()
	mk := words(normalize(cat.MakerNamed(text)))
	return !slices.ContainsFunc(cat.known(parseRequest(text).words), func(w string) bool { return !slices.Contains(mk, w) && !packWord(w) })
}

// productParts splits a request into one part per product: splitParts,
// and at a comma before a product's name ("Ramipril 2,5 mg, Metformin
// 850"), but not before a pack size or maker ("Ibu 400, 20 Stück").
func (e *Engine) productParts(text string) []string {
	var out []string
	for _, p := range splitParts(text) {
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
func (e *Engine) negatedName(part string) bool {
	ws := words(stripLead(normalize(part))) // "aber kein Loratadin"
	return len(ws) > 1 && lexicon.Negative(ws[0]) && e.nameWord(ws[1])
}

// startsWithName reports a text that begins with a word of a product's
// name, a short form or a brand: not a number, maker, form or filler.
func (e *Engine) startsWithName(s string) bool {
	ws := words(stripLead(normalize(s)))
	if len(ws) > 1 && lexicon.Negative(ws[0]) { // ", nicht Ibuprofen": a part of its own
		ws = ws[1:]
	}
	return len(ws) > 0 && e.nameWord(ws[0])
}

// nameWord reports a word of a product's name, a short form or a brand:
// not a number, maker, form or filler.
func (e *Engine) nameWord(w string) bool {
	cat := e.catalogNow()
	if _, brand := lexicon.Ingredient(w); brand || lexicon.Short(w) != "" {
		return true
	}
	if form, _ := lexicon.Form([]string{w}, 0); form != "" || isNumber(w) || cat.isMaker(w) || filler(w) || countWord(w) || strengthUnit(w) {
		return false
	}
	return len(cat.known([]string{w})) > 0
}

// heard is what request made of the parts of a message.
type heard struct {
	missing, later []string // products not found; products to send again after the open question
	queued         []string // products asked about after the open question
	wrong          []string // PZNs whose check digit does not fit
	told           bool     // a product was answered with why it cannot be had as asked
	understood     bool     // a product or quantity was taken, or asked back about
	chat           bool     // a greeting or thanks
	personal       bool     // personal data the bot does not need (redacted before)
	asked          bool     // a question back was open: no general help
}

func (h *heard) take(r partResult, part string) {
	switch {
	case r == partTaken:
		h.understood = true
	case r == partQueued:
		h.understood = true
		h.queued = append(h.queued, productWords(part))
	case r == partLater:
		h.understood = true
		h.later = append(h.later, productWords(part))
	case r == partTold:
		h.understood, h.told = true, true
	case r == partWrongPZN:
		h.understood = true
		h.wrong = append(h.wrong, wrongPZN(part))
	case isSmallTalk(part) || len(nlu.Words(part)) == 0 || onlyFillers(part) || anyChoice(normalize(part)): // "danke", "👍", "egal von wem"
		h.chat = true
	case lexicon.Says(part, nlu.Status) || asksPickup(part) || agrees(normalize(part)):
		// "... und ob ich das heute noch abholen kann": the proposal tells;
		// "great, I'll take it": agreed.
		h.chat = true
	case (lexicon.Negative(part) || selfStatement(part) || thanksFirst(part) || thanksIn(part)) && !mentionsPrescription(part):
		// "keine Tüte bitte", "Ich bin Diabetiker Typ 2": no product asked for.
		h.chat = true
	case hasRedaction(part):
		h.personal = true
	default:
		h.missing = append(h.missing, productWords(part))
	}
}

// replyToRequest adds what request has to say beyond the summary.
func (e *Engine) replyToRequest(t *turn, d *draft, text string, h heard) {
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
	missing := h.missing
	switch {
	case len(missing) > 0 && !h.understood && mentionsPrescription(text):
		t.say("answer.prescription", nil)
	case len(missing) > 0 && !h.understood && e.namesDay(text):
		// "und übermorgen?", "am Reformationstag?": a day alone asks
		// for that day's opening hours.
		t.add(e.hoursReply(text, lang))
	case len(missing) > 0 && !h.understood && (isQuestionNoProduct(text) || asksService(text)):
		if !t.said("emergency.urgent") && !t.said("answer.medical") { // those said where to turn
			t.say("answer.unanswered", nil)
		}
	case len(missing) > 0 && !h.understood && (t.said("emergency.urgent") || t.said("answer.medical") && !asksForProduct(text) && !namesForm(missing)):
		// "mein Mann hat Atemnot", "eine Frage zu meinem Blutdruckmittel,
		// wann ich das am besten nehme": where to turn is said; no product
		// search.
	case len(missing) > 0:
		t.say("product.not_found", msg.Args{"Names": msg.Quote(lang, missing)})
	case d.again && !d.dirty:
		sayAlready(t, d)
	case h.chat && !h.understood && len(d.items) > 0:
		t.say("answer.thanks", nil)
	case h.chat && !h.understood && !h.asked && thanks(text):
		t.say("answer.welcome", nil) // "ok danke" with nothing on the request
	case !d.dirty && len(t.conv.Question) == 0 && !h.personal && !h.asked && !h.told && len(h.wrong) == 0 && len(t.replies) == 0:
		t.say("answer.help", nil)
	}
}

// What became of one product of a request.
type partResult int

const (
	partUnknown  partResult = iota // nothing fits
	partTaken                      // added, or asked back about
	partLater                      // fits several, but another question is open
	partQueued                     // fits several: asked once the open question is answered
	partWrongPZN                   // a PZN whose check digit does not fit: mistyped
	partTold                       // not as asked, and the customer was told why
)

// requestPart matches one product of a request.
func (e *Engine) requestPart(t *turn, d *draft, part string, quantity int) partResult {
	res := e.catalogNow().Match(part)
	if t.notMaker != "" {
		full := res
		if res = res.without(t.notMaker); res.Product == nil && len(res.Candidates) == 0 {
			if p, ok := full.first(); ok {
				// "Omeprazol 20 mg 30 Stück, aber nicht von Heumann" when only
				// Heumann has it: said so, and the other makers' packs offered.
				return e.onlyFrom(t, p, t.notMaker, quantity)
			}
		}
	}
	if res.Product == nil && len(res.Candidates) == 0 {
		// A brand the pharmacy stocks under its active ingredient.
		if alt, brand, ingredient := withIngredients(part); brand != "" {
			if res = e.catalogNow().Match(alt); res.Product != nil || len(res.Candidates) > 0 {
				t.say("product.synonym", msg.Args{"Asked": brand, "Stocked": ingredient}) // "L-Thyroxin" -> "Levothyroxin"
			}
		}
	}
	switch {
	case res.NoForm != "":
		sayForms(t, part, res)
		for _, m := range res.Others[:min(len(res.Others), maxOffer)] {
			t.conv.Offer = append(t.conv.Offer, m.Product.PZN) // "dann die Tabletten" picks among them
		}
		return partTold
	case res.Product != nil:
		d.add(itemOf(*res.Product), quantity)
	case len(res.Candidates) > 0:
		if res.NoStrength != "" {
			sayStrengths(t, res)
		}
		if res.NoMaker != "" {
			p := res.Candidates[0].Product
			t.say("product.no_maker", msg.Args{"Name": strings.Fields(p.Name)[0], "Strength": p.Strength, "Maker": res.NoMaker})
		}
		cands := described(res.Candidates, part)
		if t.anyOK && res.NoStrength == "" {
			d.add(itemOf(cands[0].Product), quantity) // "egal welcher Hersteller": the best fitting
			break
		}
		if !e.ask(t, cands, quantity) {
			return e.queue(t, cands, quantity)
		}
	default:
		var z pzn.PZN
		if found := pzn.Find(part); len(found) > 0 {
			z = found[0].PZN
		} else if digits, err := typedPZN(part); err == nil { // "PZN 7437-2349"
			z, _ = pzn.Parse(digits)
		}
		switch p, ok := e.catalogNow().ByPZN(z); {
		case z == "" && wrongPZN(part) != "":
			return partWrongPZN
		case z == "":
			return partUnknown
		case ok:
			d.add(itemOf(p), quantity)
		default:
			d.add(Item{PZN: z}, quantity) // a real PZN we do not carry: to order
		}
	}
	return partTaken
}

// onlyFrom says a product is had only from the maker the customer does not
// want, and offers that strength from other makers.
func (e *Engine) onlyFrom(t *turn, p Product, maker string, quantity int) partResult {
	t.say("product.only_maker", msg.Args{"Name": strings.Fields(p.Name)[0] + " " + p.Strength, "Maker": maker})
	others := keep(e.catalogNow().sameIngredient(p), func(o Product) bool { return o.Strength == p.Strength && o.Maker != maker })
	ms := make([]Match, 0, len(others))
	for _, o := range others[:min(len(others), 5)] {
		ms = append(ms, Match{Product: o})
	}
	if len(ms) > 0 && !e.ask(t, ms, quantity) {
		return e.queue(t, ms, quantity)
	}
	return partTold
}

// setQuantity sets the number of packs of the last product named.
func (e *Engine) setQuantity(t *turn, d *draft, digits string) {
	n, _ := strconv.Atoi(digits)
	if len(d.items) == 0 {
		t.say("quantity.of_what", nil)
		return
	}
	e.setItemQuantity(t, d, len(d.items)-1, n)
}

// setItemQuantity sets the quantity of item i of the request.
func (e *Engine) setItemQuantity(t *turn, d *draft, i, n int) {
	if n < 1 || n > maxQuantity {
		t.say("quantity.range", nil)
		return
	}
	d.items[i].Quantity = n
	d.dirty = true
}

// ask puts candidates to the customer, numbered; the answer is a number.
// The quantity asked for ("3x Ibu 400") waits with the question. False
// when another question is open: one at a time.
func (e *Engine) ask(t *turn, cands []Match, quantity int) bool {
	if len(t.conv.Question) > 0 {
		return false
	}
	ps := make([]Product, len(cands))
	for i, m := range cands {
		ps[i] = m.Product
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
func (e *Engine) offer(t *turn, text string) {
	res := e.catalogNow().Match(text)
	cands := res.Candidates
	if res.Product != nil {
		cands = []Match{{Product: *res.Product}}
	}
	if len(cands) > 0 {
		e.ask(t, cands, 0)
	}
}

// maxOffer bounds the products kept in mind after "nicht als Saft".
const maxOffer = 30

// takeOffer reads a message after "Paracetamol als Saft haben wir nicht"
// that names no product but a form, strength or pack ("dann die Tabletten
// 500", "Gel geht auch"): of the products of that name, the one it
// describes is taken, several are offered; false when it describes none.
func (e *Engine) takeOffer(t *turn, d *draft, offer []pzn.PZN, text string) bool {
	r := parseRequest(stripLead(normalize(text)))
	if len(e.catalogNow().known(r.words)) > 0 || r.form == "" && r.strength == "" && r.count == "" && len(r.numbers) == 0 {
		return false
	}
	ps := slices.DeleteFunc(e.products(offer), func(p Product) bool { return p.PZN == "" })
	left := describe(ps, text)
	switch {
	case len(left) == 0 || len(left) == len(ps) && r.form == "":
		return false
	case len(left) == 1:
		d.add(itemOf(left[0]), 0)
	default:
		ms := make([]Match, len(left))
		for i, p := range left {
			ms[i] = Match{Product: p}
		}
		e.ask(t, ms[:min(len(ms), 5)], 0)
	}
	return true
}

// queue keeps a second choice to put once the open one is answered ("Ibu
// 400 und Paracetamol 500"); a third waits for the customer to send it
// again.
func (e *Engine) queue(t *turn, cands []Match, quantity int) partResult {
	if len(t.conv.Next) > 0 {
		return partLater
	}
	for _, m := range cands {
		t.conv.Next = append(t.conv.Next, m.Product.PZN)
	}
	t.conv.NextAsked = quantity
	return partQueued
}

// putNext puts the queued choice once no other is open.
func (e *Engine) putNext(t *turn) {
	if len(t.conv.Question) > 0 || len(t.conv.Next) == 0 {
		return
	}
	ps := slices.DeleteFunc(e.products(t.conv.Next), func(p Product) bool { return p.PZN == "" })
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

// productsAsked returns the products a text names, or else the last one
// on the request ("ist das auch ohne Rezept?").
func (e *Engine) productsAsked(ctx context.Context, t *turn, text string) []Product {
	res := e.catalogNow().Match(text)
	if res.Product != nil {
		return []Product{*res.Product}
	}
	if len(res.Candidates) > 0 {
		ps := make([]Product, len(res.Candidates))
		for i, m := range res.Candidates {
			ps[i] = m.Product
		}
		return ps
	}
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil || len(d.items) == 0 {
		return nil
	}
	p, ok := e.catalogNow().ByPZN(d.items[len(d.items)-1].PZN)
	if !ok {
		return nil
	}
	return []Product{p}
}

// sayRx tells whether products need a prescription, by their active
// ingredient; for a mix, that the pharmacist tells.
func sayRx(t *turn, ps []Product) {
	name := strings.Fields(ps[0].Name)[0]
	if !slices.ContainsFunc(ps, func(p Product) bool { return p.Strength != ps[0].Strength }) {
		name += " " + ps[0].Strength // "Ibuprofen 400 mg": another strength may differ
	}
	rx := slices.ContainsFunc(ps, func(p Product) bool { return p.Rx })
	otc := slices.ContainsFunc(ps, func(p Product) bool { return !p.Rx })
	switch {
	case rx && otc:
		t.conv.Medical = true
		t.say("product.rx_some", msg.Args{"Name": name})
	case rx:
		t.say("product.rx", msg.Args{"Name": name})
	default:
		t.say("product.otc", msg.Args{"Name": name})
	}
}

// askAgain puts a choice again that another product interrupted.
func (e *Engine) askAgain(t *turn, q []pzn.PZN, quantity int) {
	var ps []Product
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
func (e *Engine) putChoice(t *turn, id msg.ID, ps []Product, quantity int) {
	t.conv.Asked = quantity
	r := sentence(t.conv.Language, id, nil)
	for i, p := range ps {
		t.conv.Question = append(t.conv.Question, p.PZN)
		r.Text += "\n" + strconv.Itoa(i+1) + ") " + itemOf(p).Label(t.conv.Language)
	}
	t.add(r)
}

// answerQuestion takes an answer to the bot's question: a number, "ja"
// for a single candidate, "nein". Anything else drops the question and is
// read as a new request (false).
func (e *Engine) answerQuestion(t *turn, d *draft, text string) bool {
	q, quantity := t.conv.Question, t.conv.Asked
	if len(q) == 0 {
		return false
	}
	t.conv.Question, t.conv.Asked = nil, 0
	a := strings.Trim(normalize(text), " .!")
	choice := 0
	switch {
	case a == "ja" || a == "yes" || a == "j" || a == "ok":
		choice = 1
		if len(q) > 1 {
			return false
		}
	case lexicon.In("no_choice", strings.Join(words(a), " ")): // "nein", "ok dann nicht, danke"
		t.say("choose.none", nil)
		return true
	case anyChoice(a): // "egal welche", "von wem ist egal": the first, best fitting
		choice = 1
	case agrees(a) && len(q) == 1: // "ok nehm ich"
		choice = 1
	case (isSmallTalk(text) || agrees(a)) && !strings.ContainsAny(text, "0123456789"): // "perfekt, danke" while the choice is open
		t.conv.Question, t.conv.Asked = q, quantity
		t.say("choose.still_open", msg.Args{"Count": len(q)})
		return true
	default:
		if e.namesAnother(q, text) {
			return false // "keine davon, lieber Atorvastatin 20": a request of its own
		}
		if k, rest := choiceQuantity(a); k > 0 && k <= maxQuantity && !onlyLead(rest) {
			quantity, a, text = k, rest, rest // "2 boxes of the 30 count": the quantity and the choice
		}
		n := choiceIn(a, len(q))
		beyond := n > len(q) // "ok dann 40" of five: a strength, or a wrong number
		if beyond {
			n = 0
		}
		if n == 0 {
			var left []Product
			if n, left = e.describedChoice(q, text); len(left) > 1 {
				ms := make([]Match, len(left))
				for i, p := range left {
					ms[i] = Match{Product: p}
				}
				return e.ask(t, ms, quantity) // "die kleinere" of three, two alike: which of these two
			}
		}
		if mk := e.catalogNow().MakerNamed(text); n == 0 && mk != "" && !lexicon.Says(text, nlu.Cancel) && !e.namesAnother(q, text) {
			// "die von ratiopharm" when none offered is: the question stands.
			t.conv.Question, t.conv.Asked = q, quantity
			t.say("choose.no_maker", msg.Args{"Maker": mk, "Count": len(q)})
			return true
		}
		if r := parseRequest(text); n == 0 && (r.form != "" || describesPack(text)) && len(r.words) == 0 && r.strength == "" && len(r.numbers) == 0 {
			// "das Pulver", "die große" when all offered are: which one is still open.
			t.conv.Question, t.conv.Asked = q, quantity
			t.say("choose.number", msg.Args{"Count": len(q)})
			return true
		}
		if mk := e.unknownMaker(text); n == 0 && mk != "" {
			// "von Henning": a maker the pharmacy does not carry.
			t.conv.Question, t.conv.Asked = q, quantity
			t.say("choose.no_maker", msg.Args{"Maker": mk, "Count": len(q)})
			return true
		}
		if k, ok := onlyQuantity(a); beyond && len(q) == 1 && ok {
			quantity, n = k, 1 // "Meinen Sie dieses?" - "2 bitte": yes, two
		}
		if n == 0 && beyond && e.sizeOfSibling(q, a) && e.askAgainAs(t, d, q, text, quantity) {
			return true // "ok then 500" of 1000 mg: the 500 mg
		}
		if n == 0 && beyond {
			t.conv.Question, t.conv.Asked = q, quantity // "7" of three: the question stands
			t.say("choose.number", msg.Args{"Count": len(q)})
			return true
		}
		if n == 0 && e.quantityForQuestion(t, q, a) {
			return true
		}
		if n == 0 && e.askAgainAs(t, d, q, text, quantity) {
			return true
		}
		if size := sizeAsked(a); n == 0 && size != "" && len(e.catalogNow().known(parseRequest(a).words)) == 0 {
			// "zehn Stück reichen mir" when no pack offered holds ten.
			t.conv.Question, t.conv.Asked = q, quantity
			t.say("choose.no_size", msg.Args{"Asked": size, "Count": len(q)})
			return true
		}
		if n == 0 {
			return false
		}
		choice = n
	}
	if p, ok := e.catalogNow().ByPZN(q[choice-1]); ok {
		d.add(itemOf(p), quantity)
	}
	return true
}

// sizeOfSibling reports whether a number in an answer is a strength or
// pack size the offered product's ingredient comes in ("500" when 1000 mg
// was offered), not a mistyped choice.
func (e *Engine) sizeOfSibling(q []pzn.PZN, a string) bool {
	cat := e.catalogNow()
	p, ok := cat.ByPZN(q[0])
	if !ok || p.Name == "" {
		return false
	}
	_, attr := byNumberAttr(cat.sameIngredient(p), a)
	return attr != ""
}

// namesAnother reports whether an answer to a choice names a product
// other than those offered, by more than a maker ("und noch 2x Cetirizin
// AL"): a request of its own.
func (e *Engine) namesAnother(q []pzn.PZN, text string) bool {
	cat := e.catalogNow()
	var offered []string
	for _, z := range q {
		if p, ok := cat.ByPZN(z); ok {
			offered = append(offered, words(normalize(p.Name))...)
		}
	}
	maker := words(normalize(cat.MakerNamed(text))) // "1A Pharma": two words, one maker
	for _, w := range cat.known(parseRequest(text).words) {
		if !cat.isMaker(w) && !slices.Contains(maker, w) && !packWord(w) && !anyWordFits(w, offered) {
			return true
		}
	}
	return false
}

// byMakerRe is an answer that names a maker: "die von Henning", "from Teva".
// ([words] lead and choice before, by_maker before the name).
var byMakerRe = regexp.MustCompile(`(?i)^\s*(?:(?:` + alt("lead", "choice") + `)[\s,]+)*(?:` + alt("by_maker") + `)\s+(\p{L}[\p{L}-]+)[\s.!?]*$`)

// unknownMaker returns the maker an answer names when no product of the
// inventory has that name ("von Henning"); "" when it names none, or a
// word some product has.
func (e *Engine) unknownMaker(text string) string {
	m := byMakerRe.FindStringSubmatch(text)
	if m == nil || len(e.catalogNow().known(words(normalize(m[1])))) > 0 {
		return ""
	}
	return m[1]
}

// askAgainAs reads an answer that names another strength or pack size of
// the product offered ("nee, lieber 20 mg", "ach doch 100 Stück") as a
// request for that product so; false when it names neither.
func (e *Engine) askAgainAs(t *turn, d *draft, q []pzn.PZN, text string, quantity int) bool {
	r := parseRequest(stripLead(normalize(text)))
	p, ok := e.catalogNow().ByPZN(q[0])
	if len(r.words) > 0 || r.strength == "" && r.count == "" && len(r.numbers) == 0 || !ok || len(pzn.Find(text)) > 0 {
		return false // a PZN is a product of its own
	}
	// The ingredient, and what the answer does not change: "ach doch 100
	// Stück" of 40 mg is 40 mg in 100.
	query := strings.Fields(p.Name)[0] + " " + stripLead(normalize(text))
	if r.strength == "" && len(r.numbers) == 0 {
		query += " " + normalize(p.Strength)
	}
	return e.requestPart(t, d, query, quantity) != partUnknown
}

// quantityForQuestion takes "2x" or "2 davon" given while a question is
// open: the quantity waits with the question, which is put again. False
// when a is no quantity.
func (e *Engine) quantityForQuestion(t *turn, q []pzn.PZN, a string) bool {
	m := quantityRe.FindStringSubmatch(numberFirst(stripLead(a))) // "2 davon", "doch nur eine"
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	if n < 1 || n > maxQuantity {
		return false
	}
	t.conv.Question, t.conv.Asked = q, n
	t.say("choose.quantity_first", msg.Args{"Quantity": n, "Count": len(q)})
	return true
}

// notMakerRe is a maker the customer does not want: "nicht von Zentiva",
// "kein Hexal", "not from Sandoz".
var notMakerRe = regexp.MustCompile(`(?i)[,;]?\s*(?:aber\s+)?(?:bitte\s+)?(?:nicht|kein|keine|keinen|not|no)\s+(?:von|vom|from|by)?\s*(\p{L}[\p{L}0-9-]*(?:\s+pharma)?)`)

// withoutMaker takes a maker the customer does not want out of a text.
func (e *Engine) withoutMaker(text string) (string, string) {
	for _, m := range notMakerRe.FindAllStringSubmatchIndex(text, -1) {
		if mk := e.catalogNow().MakerNamed(text[m[2]:m[3]]); mk != "" {
			return text[:m[0]] + text[m[1]:], mk
		}
	}
	return text, ""
}

// namesProduct reports whether a text names a product of the inventory.
func (e *Engine) namesProduct(text string) bool {
	res := e.catalogNow().Match(text)
	return res.Product != nil || len(res.Candidates) > 0 || res.NoForm != "" || len(pzn.Find(text)) > 0
}

// namesDay reports whether a text names a day: a date, a holiday, a
// weekday, "morgen".
func (e *Engine) namesDay(text string) bool {
	now := e.now()
	if _, ok := e.dateAsked(text, now); ok {
		return true
	}
	_, ok := askedDay(text, now, e.cfg.Planner.Location())
	return ok
}

// hoursReply tells today's hours, or those of the day the text asks about.
func (e *Engine) hoursReply(text, lang string) Reply {
	now, loc := e.now(), e.cfg.Planner.Location()
	if saysAny("weekend", text) { // "Habt ihr am Wochenende offen?": Saturday and Sunday
		local := now.In(loc)
		sat := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc).AddDate(0, 0, (int(time.Saturday)-int(local.Weekday())+7)%7)
		a, b := DayHoursReply(e.cfg.Planner, sat, lang), DayHoursReply(e.cfg.Planner, sat.AddDate(0, 0, 1), lang)
		return Reply{Text: a.Text + "\n" + b.Text, IDs: append(a.IDs, b.IDs...)}
	}
	day, ok := e.dateAsked(text, now)
	if !ok {
		day, ok = askedDay(text, now, loc)
	}
	if !ok && saysAny("holidays_any", text) { // "Habt ihr an Feiertagen offen?"
		local := now.In(loc)
		if next, found := e.nextHoliday(time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc), func(string) bool { return true }); found {
			name := msg.Text(lang, "hours.day_name", msg.Args{"Weekday": weekday(next, lang), "Date": date(next, lang)})
			return sentence(lang, "hours.holidays", msg.Args{"Holiday": e.cfg.Planner.Holiday(next), "Day": name})
		}
	}
	if ok && day.Format("2006-01-02") != now.In(loc).Format("2006-01-02") {
		return DayHoursReply(e.cfg.Planner, day, lang)
	}
	return HoursReply(e.cfg.Planner, now, lang)
}

// cancel cancels the conversation's open pre-order.
func (e *Engine) cancel(ctx context.Context, t *turn) error {
	asked := len(t.conv.Question) > 0
	t.conv.Question, t.conv.Asked, t.conv.Next, t.conv.NextAsked = nil, 0, nil, 0
	switch {
	case t.conv.PreOrderID == 0 && asked: // "doch nicht" while a choice is open
		t.say("choose.none", nil)
		return nil
	case t.conv.PreOrderID == 0:
		t.say("cancel.none", nil)
		return nil
	}
	_, err := e.cfg.PreOrders.SetStatus(ctx, t.conv.PreOrderID, StatusCancelled, time.Time{}, "")
	switch ErrorCode(err) {
	case "":
		t.say("cancel.done", nil)
		t.handled = true
	case ECONFLICT, ENOTFOUND:
		t.say("cancel.too_late", nil)
	default:
		return err
	}
	t.conv.PreOrderID = 0
	return nil
}

// medical notes a question only a pharmacist may answer, for staff to see.
func (e *Engine) medical(ctx context.Context, t *turn) error {
	t.conv.Medical = true
	t.say("answer.medical", nil)
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil || d.id == 0 {
		return err
	}
	d.flags.Medical, d.marked = true, true
	return e.save(ctx, t, d)
}

// status tells how the conversation's request stands.
func (e *Engine) status(ctx context.Context, t *turn) error {
	if t.conv.PreOrderID == 0 && len(t.conv.Question) > 0 { // the choice is still open
		t.say("choose.pending", msg.Args{"Count": len(t.conv.Question)})
		return nil
	}
	if t.conv.PreOrderID == 0 {
		t.say("status.none", nil)
		return nil
	}
	po, err := e.cfg.PreOrders.PreOrder(ctx, t.conv.PreOrderID)
	if err != nil {
		return err
	}
	lang, loc := t.conv.Language, e.cfg.Planner.Location()
	switch po.Status {
	case StatusReceived, StatusProposed:
		t.say("status.checking", msg.Args{"When": When(po.PickupAt, loc, lang)})
	case StatusApproved:
		t.add(ApprovedReply(po, loc, lang))
	case StatusReady:
		t.say("status.ready", msg.Args{"Code": string(po.Code)})
	default:
		t.say("status.is", msg.Args{"Status": po.Status.Text(lang)})
	}
	return nil
}

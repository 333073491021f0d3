package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// text answers a typed message: a question for the pharmacy, an answer to
// the bot's question, a quantity, or products.
func (e *Engine) text(ctx context.Context, t *turn, text string) error {
	lang := t.conv.Language
	m := lexicon.Parse(text)
	if h, ok := m.Hit(nlu.Delete); ok && !h.Alone {
		// Only "löschen" alone erases; a sentence that mentions it (or says
		// not to) is asked back, and the rest of it is read as usual.
		t.say("Soll ich den Chat löschen? Dann antworten Sie „löschen“.", "Shall I delete the chat? Then answer \"delete\".")
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
				t.say("Gut, dann bleibt alles, wie es ist.", "All right, everything stays as it is.")
				return nil
			}
			m = lexicon.Parse(text)
			break
		}
	}
	if lang, in, ok := languageAsked(m); ok {
		t.conv.Language = lang
		t.say("Gern, ab jetzt schreibe ich auf Deutsch.", "Sure, I will write in English from now on.")
		if text = m.Without(in); strings.TrimSpace(text) == "" {
			return nil
		}
		m = lexicon.Parse(text)
	}
	if h, ok := m.Hit(nlu.Urgent); ok && !h.Negated {
		// Where to turn first; whatever else the message asks is answered too.
		t.replies = append(t.replies, UrgentReply(e.cfg.Planner, e.now(), lang))
	}
	if rest, ok := questionBeside(m); ok {
		// A question for the pharmacist beside an order or another
		// question: the question is flagged, the rest answered as usual.
		t.conv.Medical = true
		t.replies = append(t.replies, MedicalReply(lang))
		text, m = rest, lexicon.Parse(rest)
	}
	switch classify(m, text) {
	case IntentCancel:
		return e.cancel(ctx, t)
	case IntentMedical:
		return e.medical(ctx, t)
	case IntentEmergency:
		t.replies = append(t.replies, EmergencyReply(lang))
		return nil
	case IntentHours:
		t.replies = append(t.replies, e.hoursReply(text, lang))
		return nil
	case IntentNotify:
		t.conv.Notify = true
		t.say("Gern: Sobald Ihre Bestellung bereitliegt, sagen wir Ihnen hier Bescheid. Bis dahin bewahren wir dafür nur Ihre Antwortadresse verschlüsselt auf.",
			"Sure: we will tell you here as soon as your order is ready. Until then we keep only your reply address, encrypted.")
		return nil
	case IntentStatus:
		return e.status(ctx, t)
	case IntentPrice:
		t.replies = append(t.replies, PriceReply(lang))
		return nil
	case IntentHelp:
		t.replies = append(t.replies, HelpReply(lang))
		if t.conv.PreOrderID != 0 {
			t.replies = append(t.replies, ChangeHelp(lang))
		}
		return nil
	}
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil {
		return err
	}
	q, asked := t.conv.Question, t.conv.Asked
	if !e.answerQuestion(t, d, text) && !e.request(t, d, text, len(q) > 0) && len(q) > 0 {
		// Neither an answer nor anything else the bot knows: the question
		// stands, after what request had to say (not found, cannot answer).
		t.conv.Question, t.conv.Asked = q, asked
		t.say(fmt.Sprintf("Bitte antworten Sie mit der Nummer des passenden Produkts (1 bis %d), oder mit „nein“.", len(q)),
			fmt.Sprintf("Please answer with the number of the right product (1 to %d), or \"no\".", len(q)))
	}
	return e.save(ctx, t, d)
}

// request reads products and quantities from text into the draft and
// reports whether it understood any of it. asked: the message came while a
// question back was open, which is put again instead of the general help.
func (e *Engine) request(t *turn, d *draft, text string, asked bool) bool {
	if m := quantityRe.FindStringSubmatch(numberFirst(stripLead(normalize(text)))); m != nil {
		e.setQuantity(t, d, m[1])
		return true
	}
	if p, ok := e.otherPack(d, text); ok && !asked {
		// "die große Packung": the last product in another pack.
		quantity := d.items[len(d.items)-1].Quantity
		it := itemOf(p)
		it.Quantity = quantity
		d.items[len(d.items)-1], d.dirty = it, true
		return true
	}
	var h heard
	for _, part := range splitParts(text) {
		quantity := 0
		if m := leadingQuantityRe.FindStringSubmatch(numberFirst(stripLead(normalize(part)))); m != nil {
			quantity, _ = strconv.Atoi(m[1])
			part = m[2]
		}
		if quantity > maxQuantity {
			t.say("Größere Mengen besprechen Sie bitte direkt mit uns in der Apotheke.", "Please arrange larger quantities with us at the pharmacy.")
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

// heard is what request made of the parts of a message.
type heard struct {
	missing, later []string // products not found; products to ask about after the open question
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
	case r == partLater:
		h.understood = true
		h.later = append(h.later, productWords(part))
	case r == partTold:
		h.understood, h.told = true, true
	case r == partWrongPZN:
		h.understood = true
		h.wrong = append(h.wrong, wrongPZN(part))
	case isSmallTalk(part):
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
	if len(h.later) > 0 {
		t.say("Eins nach dem anderen: Bitte schicken Sie „"+strings.Join(h.later, "“, „")+"“ noch einmal, wenn Sie die Frage beantwortet haben.",
			"One at a time: please send \""+strings.Join(h.later, "\", \"")+"\" again once you have answered the question.")
	}
	if len(h.wrong) > 0 {
		t.say("Die PZN „"+strings.Join(h.wrong, "“, „")+"“ kann so nicht stimmen: Die letzte Ziffer (die Prüfziffer) passt nicht zu den anderen. Bitte prüfen Sie die 8 Ziffern über dem Barcode, oder senden Sie ein Foto der Packung.",
			"The PZN \""+strings.Join(h.wrong, "\", \"")+"\" cannot be right: its last digit (the check digit) does not fit the others. Please check the 8 digits above the barcode, or send a photo of the pack.")
	}
	if h.personal {
		t.say("Persönliche Daten wie Namen, Telefonnummern oder Adressen brauchen wir nicht: Ich habe sie aus Ihrer Nachricht entfernt.",
			"We do not need personal data such as names, phone numbers or addresses: I have removed them from your message.")
	}
	missing := h.missing
	switch {
	case len(missing) > 0 && !h.understood && mentionsPrescription(text):
		t.replies = append(t.replies, PrescriptionReply(lang))
	case len(missing) > 0 && !h.understood && isQuestionNoProduct(text):
		t.replies = append(t.replies, UnansweredReply(lang))
	case len(missing) > 0:
		t.say("Das habe ich in unserem Sortiment nicht gefunden: „"+strings.Join(missing, "“, „")+"“. Schreiben Sie bitte die PZN (8 Ziffern über dem Barcode) oder senden Sie ein Foto der Packung.",
			"I could not find this in our range: \""+strings.Join(missing, "\", \"")+"\". Please type the PZN (the 8 digits above the barcode) or send a photo of the pack.")
	case d.again && !d.dirty:
		sayAlready(t, d)
	case h.chat && !h.understood && len(d.items) > 0:
		t.say("Gern! Sie hören von uns, sobald die Apotheke Ihre Anfrage geprüft hat.", "You are welcome! You will hear from us as soon as the pharmacy has checked your request.")
	case !d.dirty && len(t.conv.Question) == 0 && !h.personal && !h.asked && !h.told && len(h.wrong) == 0:
		t.replies = append(t.replies, HelpReply(lang))
	}
}

// What became of one product of a request.
type partResult int

const (
	partUnknown  partResult = iota // nothing fits
	partTaken                      // added, or asked back about
	partLater                      // fits several, but another question is open
	partWrongPZN                   // a PZN whose check digit does not fit: mistyped
	partTold                       // not as asked, and the customer was told why
)

// requestPart matches one product of a request.
func (e *Engine) requestPart(t *turn, d *draft, part string, quantity int) partResult {
	res := e.catalogNow().Match(part)
	if res.Product == nil && len(res.Candidates) == 0 {
		// A brand the pharmacy stocks under its active ingredient.
		if alt, ok := withIngredients(part); ok {
			if res = e.catalogNow().Match(alt); res.Product != nil || len(res.Candidates) > 0 {
				t.say("„"+productWords(part)+"“ führen wir unter dem Wirkstoff: „"+productWords(alt)+"“.",
					"We carry \""+productWords(part)+"\" under its active ingredient: \""+productWords(alt)+"\".")
			}
		}
	}
	switch {
	case res.NoForm != "":
		sayForms(t, part, res)
		return partTold
	case res.Product != nil:
		d.add(itemOf(*res.Product), quantity)
	case len(res.Candidates) > 0:
		if res.NoStrength != "" {
			sayStrengths(t, res)
		}
		if !e.ask(t, res.Candidates, quantity) {
			return partLater
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

// setQuantity sets the number of packs of the last product named.
func (e *Engine) setQuantity(t *turn, d *draft, digits string) {
	n, _ := strconv.Atoi(digits)
	switch {
	case len(d.items) == 0:
		t.say("Wovon? Bitte nennen Sie zuerst das Produkt, zum Beispiel „Ibuprofen 400 20 Stück“.",
			"Of what? Please name the product first, for example \"Ibuprofen 400 20 pcs\".")
	case n < 1 || n > maxQuantity:
		t.say("Bitte eine Anzahl von 1 bis 10; größere Mengen besprechen Sie bitte direkt mit uns.",
			"Please give a quantity from 1 to 10; larger quantities please arrange with us directly.")
	default:
		d.items[len(d.items)-1].Quantity = n
		d.dirty = true
	}
}

// ask puts candidates to the customer, numbered; the answer is a number.
// The quantity asked for ("3x Ibu 400") waits with the question. False
// when another question is open: one at a time.
func (e *Engine) ask(t *turn, cands []Match, quantity int) bool {
	if len(t.conv.Question) > 0 {
		return false
	}
	t.conv.Asked = quantity
	var b strings.Builder
	b.WriteString(pick(t.conv.Language, "Welches meinen Sie? Antworten Sie bitte mit der Nummer:", "Which one do you mean? Please answer with the number:"))
	for i, m := range cands {
		t.conv.Question = append(t.conv.Question, m.Product.PZN)
		b.WriteString("\n" + strconv.Itoa(i+1) + ") " + itemOf(m.Product).Label(t.conv.Language))
	}
	t.replies = append(t.replies, b.String())
	return true
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
	case a == "nein" || a == "no" || a == "keins" || a == "keine" || a == "none":
		t.say("Gut, dann nicht.", "All right, not that one.")
		return true
	default:
		n := choiceIn(a, len(q))
		if n == 0 {
			n = e.describedChoice(q, text)
		}
		if n == 0 {
			return e.quantityForQuestion(t, q, a)
		}
		if n > len(q) {
			return false
		}
		choice = n
	}
	if p, ok := e.catalogNow().ByPZN(q[choice-1]); ok {
		d.add(itemOf(p), quantity)
	}
	return true
}

// quantityForQuestion takes "2x" or "2 davon" given while a question is
// open: the quantity waits with the question, which is put again. False
// when a is no quantity.
func (e *Engine) quantityForQuestion(t *turn, q []pzn.PZN, a string) bool {
	m := quantityRe.FindStringSubmatch(stripLead(a))
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	if n < 1 || n > maxQuantity {
		return false
	}
	t.conv.Question, t.conv.Asked = q, n
	t.say(fmt.Sprintf("Gern, %d. Welches Produkt meinen Sie? Bitte antworten Sie mit der Nummer (1 bis %d).", n, len(q)),
		fmt.Sprintf("Sure, %d. Which product do you mean? Please answer with the number (1 to %d).", n, len(q)))
	return true
}

// hoursReply tells today's hours, or those of the day the text asks about.
func (e *Engine) hoursReply(text, lang string) string {
	now, loc := e.now(), e.cfg.Planner.Location()
	day, ok := e.dateAsked(text, now)
	if !ok {
		day, ok = askedDay(text, now, loc)
	}
	if ok && day.Format("2006-01-02") != now.In(loc).Format("2006-01-02") {
		return DayHoursReply(e.cfg.Planner, day, lang)
	}
	return HoursReply(e.cfg.Planner, now, lang)
}

// cancel cancels the conversation's open pre-order.
func (e *Engine) cancel(ctx context.Context, t *turn) error {
	t.conv.Question, t.conv.Asked = nil, 0
	if t.conv.PreOrderID == 0 {
		t.say("Es gibt keine offene Vorbestellung zum Stornieren.", "There is no open pre-order to cancel.")
		return nil
	}
	_, err := e.cfg.PreOrders.SetStatus(ctx, t.conv.PreOrderID, StatusCancelled, time.Time{}, "")
	switch ErrorCode(err) {
	case "":
		t.say("Ihre Vorbestellung ist storniert.", "Your pre-order is cancelled.")
		t.handled = true
	case ECONFLICT, ENOTFOUND:
		t.say("Diese Vorbestellung kann nicht mehr storniert werden; bitte sprechen Sie uns in der Apotheke an.",
			"This pre-order can no longer be cancelled; please talk to us at the pharmacy.")
	default:
		return err
	}
	t.conv.PreOrderID = 0
	return nil
}

// medical notes a question only a pharmacist may answer, for staff to see.
func (e *Engine) medical(ctx context.Context, t *turn) error {
	t.conv.Medical = true
	t.replies = append(t.replies, MedicalReply(t.conv.Language))
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil || d.id == 0 {
		return err
	}
	d.flags.Medical, d.marked = true, true
	return e.save(ctx, t, d)
}

// status tells how the conversation's request stands.
func (e *Engine) status(ctx context.Context, t *turn) error {
	if t.conv.PreOrderID == 0 {
		t.say("Sie haben gerade keine offene Vorbestellung.", "You have no open pre-order right now.")
		return nil
	}
	po, err := e.cfg.PreOrders.PreOrder(ctx, t.conv.PreOrderID)
	if err != nil {
		return err
	}
	lang, loc := t.conv.Language, e.cfg.Planner.Location()
	switch po.Status {
	case StatusReceived, StatusProposed:
		t.say("Ihre Anfrage wird gerade in der Apotheke geprüft. Abholung voraussichtlich ab "+When(po.PickupAt, loc, lang)+".",
			"Your request is being checked at the pharmacy. Expected pickup from "+When(po.PickupAt, loc, lang)+".")
	case StatusApproved:
		t.replies = append(t.replies, ApprovedReply(po, loc, lang))
	case StatusReady:
		t.say("Ihre Bestellung liegt bereit. Ihr Abholcode: "+string(po.Code)+".", "Your order is ready. Your pickup code: "+string(po.Code)+".")
	default:
		t.say("Ihre Vorbestellung ist "+po.Status.Text("de")+".", "Your pre-order is "+po.Status.Text("en")+".")
	}
	return nil
}

package engine

import (
	"context"
	"slices"
	"strings"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// text answers a typed message: a question for the pharmacy, an answer to
// the bot's question, a quantity, or products.
func (e *dialog) text(ctx context.Context, t *turn, text string) error {
	lang := t.conv.Language
	if f := e.cfg.Triage.Read(text); f.Any() {
		// Someone needs help now: where to turn, before anything else. An
		// emergency or a poisoning starts no order; beside an urgency
		// ("dringend Salbutamol") the rest is answered as usual.
		centre, _ := e.cfg.Triage.Centre(e.cfg.Planner.State())
		t.add(TriageReply(f, centre, e.cfg.Planner, e.now(), lang))
		if f.Danger || f.Poison {
			return nil
		}
	}
	m := match.Lexicon.Parse(text)
	if in, ok := quotedCommand(text); ok {
		// "Was heißt „stornieren“?": a question about a command, not
		// the command. The notice says what "löschen" does, the change
		// help the others.
		if in == nlu.Delete {
			t.add(PrivacyNotice(lang, t.conv.Channel, e.cfg.Policy))
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
		m = match.Lexicon.Parse(text)
	}
	for _, h := range m.Hits {
		// "nicht stornieren, nur 3 Stück": what is said not to be done is
		// not read as a product; the rest is.
		if h.Negated && h.Intent != nlu.Delete {
			if text = m.Without(h.Intent); strings.TrimSpace(text) == "" {
				t.say("answer.as_is", nil)
				return nil
			}
			m = match.Lexicon.Parse(text)
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
		m = match.Lexicon.Parse(text)
	}
	if h, ok := m.Hit(nlu.Urgent); ok && !h.Negated && !t.said("emergency.urgent") {
		// Where to turn first; whatever else the message asks is answered too.
		t.add(UrgentReply(e.cfg.Planner, e.now(), lang))
	}
	if rest, ok := questionBeside(m, text); ok {
		// A question for the pharmacist beside an order or another
		// question: the question is flagged, the rest answered as usual.
		t.conv.Medical = true
		t.say("answer.medical", nil)
		text, m = rest, match.Lexicon.Parse(rest)
	}
	if clause, rest, ok := beside(m, nlu.Hours); ok && e.namesProduct(rest) {
		// "Habt ihr Loperamid da? Und wann habt ihr heute zu?": both.
		e.sayHours(t, clause)
		text, m = rest, match.Lexicon.Parse(rest)
	}
	if _, rest, ok := beside(m, nlu.Notify); ok {
		// "Simvastatin 40 von AL, und bitte Bescheid sagen": both.
		t.conv.Notify = true
		t.say("answer.notify", nil)
		text, m = rest, match.Lexicon.Parse(rest)
	}
	if _, rest, ok := beside(m, nlu.Price); ok {
		// "Cetirizin AL 10 mg, was kostet das?", "Zuzahlung egal,
		// Metformin 1000": the price is told, the order taken.
		t.say("answer.price", nil)
		text, m = rest, match.Lexicon.Parse(rest)
	}
	if e.answered(ctx, t, m, text) { // "Kann mein Mann abholen?", "Brauche ich ein Rezept?", ...
		return nil
	}
	switch classify(m, text) {
	case IntentCancel:
		if dropped, err := e.dropNamed(ctx, t, text); dropped || err != nil {
			return err // "das Loperamid brauch ich nicht mehr": that one only
		}
		return e.cancel(ctx, t)
	case IntentMedical:
		return e.medical(ctx, t)
	case IntentEmergency:
		t.say("emergency.service", nil)
		return nil
	case IntentHours:
		e.sayHours(t, text)
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
		if t.conv.PreOrderID != 0 || !isLong(text) && !saysAny("need", text) || !e.namesProduct(text) {
			return e.status(ctx, t)
		}
		// "… könnt ihr mir bitte Loperamid AL 2 mg fertig machen? tausend
		// Dank …", "Metformin 1000 ist alle, kann ich das heute holen?"
		// with no request open: a long message's or a need's order.
	case IntentPrice:
		t.say("answer.price", nil)
		if len(t.conv.Question) > 0 { // "whichever is cheapest": the choice is still theirs
			t.say("choose.number", msg.Args{"Count": len(t.conv.Question)})
			return nil
		}
		e.offer(t, text) // "Was kostet Ibuprofen 400?": which we have, to choose from
		return nil
	case IntentPrivacy:
		t.add(PrivacyNotice(lang, t.conv.Channel, e.cfg.Policy))
		return nil
	case IntentHelp: // what to send, and what happens then
		e.sayHelp(t)
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
	text = e.corrected(t, d, text) // "sorry, meinte 600 nicht 400": what replaces
	q, asked := t.conv.Question, t.conv.Asked
	switch answered := e.answerQuestion(t, d, text); {
	case answered:
	case len(q) == 0:
		e.request(t, d, text, false)
	default:
		if !saysAny("instead", text) { // "ach nee, lieber Omeprazol": the choice is dropped
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

const (
	partUnknown  partResult = iota // nothing fits
	partTaken                      // added, or asked back about
	partLater                      // fits several, but another question is open
	partQueued                     // fits several: asked once the open question is answered
	partWrongPZN                   // a PZN whose check digit does not fit: mistyped
	partTold                       // not as asked, and the customer was told why
)

// namesProduct reports whether a text names a product of the inventory.
func (e *dialog) namesProduct(text string) bool {
	res := e.catalogNow().Match(text)
	return res.Product != nil || len(res.Candidates) > 0 || res.NoForm != "" || len(pzn.Find(text)) > 0
}

package engine

import (
	"context"
	"slices"
	"strings"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// text answers a typed message: it is read once (reading), and the stages
// answer what each recognises, in order, each taking its part out of the
// reading for the next; a stage that has answered the whole message ends
// the turn.
func (e *dialog) text(ctx context.Context, t *turn, text string) error {
	r := e.lx.read(text)
	for _, s := range stages {
		if done, err := s(e, ctx, t, r); done || err != nil {
			return err
		}
	}
	return nil
}

// reading is a typed message as the dialog reads it: the text still to be
// answered and what the phrase files find in it (intents with their
// clauses and negation). It is parsed once per turn; a stage that answers
// some clauses narrows it to the others without reading them again.
type reading struct {
	lx   *lexicon
	text string
	m    nlu.Meaning
	ref  string // the product a clause taken out named, which the rest may mean ("… eine Packung davon")
}

func (lx *lexicon) read(text string) *reading { return &reading{lx: lx, text: text, m: lx.Parse(text)} }

// keep narrows the reading to the clauses keep names, what a stage left
// to answer; false when nothing is left.
func (r *reading) keep(keep func(clause int) bool) bool {
	r.m = r.lx.Keep(r.m, keep)
	r.text = strings.Join(r.m.Texts, ", ")
	return strings.TrimSpace(r.text) != ""
}

// where marks the clauses f holds for, asking f once for each; n is how
// many it holds for.
func (r *reading) where(f func(clause int) bool) (marks []bool, n int) {
	marks = make([]bool, len(r.m.Texts))
	for ci := range marks {
		if marks[ci] = f(ci); marks[ci] {
			n++
		}
	}
	return marks, n
}

// keepMarked narrows the reading to the clauses marked as want says;
// false when nothing is left.
func (r *reading) keepMarked(marks []bool, want bool) bool {
	return r.keep(func(ci int) bool { return marks[ci] == want })
}

// without narrows the reading to the clauses that do not hold intent in
// (none, when the whole message is its phrase); false when nothing is left.
func (r *reading) without(in nlu.Intent) bool {
	h, hit := r.m.Hit(in)
	return r.keep(func(ci int) bool { return !hit || !h.Alone && h.Clause != ci })
}

// resolved is the text to order from: with the product a clause taken out
// named when the rest asks for a pack of it without naming it ("darf ich
// Cetirizin AL beim Autofahren nehmen? und legt mir eine Packung zurück").
func (r *reading) resolved(e *dialog) string {
	if r.ref == "" || e.namesProduct(r.text) || !e.lx.saysAny("asking", r.text) {
		return r.text
	}
	return r.ref + ", " + r.text
}

// others is the text of every clause but the one at c.
func (r *reading) others(c int) string {
	return strings.Join(slices.Concat(r.m.Texts[:c], r.m.Texts[c+1:]), ", ")
}

// stage answers what it recognises in a message; done: the turn is over.
type stage func(e *dialog, ctx context.Context, t *turn, r *reading) (done bool, err error)

// stages are the order in which a typed message is answered: help needed
// now first; then what is said about the chat itself (a command quoted,
// "löschen" inside a sentence, what is not to be done, the language);
// then questions beside an order (for the pharmacist, hours, "tell me",
// the price); then questions the bot answers alone; then the message's one
// intent; and last the products, as an answer to an open choice or a
// request.
var stages = []stage{
	(*dialog).triage,
	(*dialog).quotedCommand,
	(*dialog).deleteInSentence,
	(*dialog).notToBeDone,
	(*dialog).alreadyHad,
	(*dialog).pastClauses,
	(*dialog).cancelLater,
	(*dialog).language,
	(*dialog).medicalBeside,
	(*dialog).hoursBeside,
	(*dialog).rxBeside,
	(*dialog).notifyBeside,
	(*dialog).priceBeside,
	(*dialog).privacyBeside,
	(*dialog).questions,
	(*dialog).intent,
	(*dialog).order,
}

// triage says where to turn when someone needs help now, before anything
// else. An emergency or a poisoning starts no order; beside an urgency
// ("dringend Salbutamol") the rest is answered as usual.
func (e *dialog) triage(_ context.Context, t *turn, r *reading) (bool, error) {
	f := e.cfg.Triage.Read(r.text)
	if !f.Any() {
		return false, nil
	}
	centre, _ := e.cfg.Triage.Centre(e.cfg.Planner.State())
	t.add(TriageReply(f, centre, e.cfg.Planner, e.now(), t.conv.Language))
	return f.Danger || f.Poison, nil
}

// quotedCommand answers "Was heißt „stornieren“?": a question about a
// command, not the command. The notice says what "löschen" does, the
// change help the others.
func (e *dialog) quotedCommand(_ context.Context, t *turn, r *reading) (bool, error) {
	in, ok := e.lx.quotedCommand(r.text)
	switch {
	case !ok:
		return false, nil
	case in == nlu.Delete:
		t.add(PrivacyNotice(t.conv.Language, t.conv.Channel, e.cfg.Policy))
	default:
		t.say("proposal.change_help", nil)
	}
	return true, nil
}

// deleteInSentence asks back about "löschen" said in a sentence: only
// "löschen" alone erases ("bitte nicht löschen" is told it stays), and the
// rest of the sentence is read as usual.
func (e *dialog) deleteInSentence(_ context.Context, t *turn, r *reading) (bool, error) {
	h, ok := r.m.Hit(nlu.Delete)
	if !ok || h.Alone {
		return false, nil
	}
	if h.Negated {
		t.say("delete.kept", nil)
	} else {
		t.say("delete.ask", nil)
	}
	// "Bitte löschen Sie meine Daten": a "ja" now erases. Not after a
	// question about erasing, or beside an order, where "ok" agrees to it.
	t.conv.EraseAsked = !h.Negated && e.lx.onlyErasure(r.text)
	return !r.without(nlu.Delete), nil
}

// notToBeDone takes out what is said not to be done ("nicht stornieren,
// nur 3 Stück"): it is not read as a product; the rest is. A clause that
// also names a product stays, its negated intent read as nothing.
func (e *dialog) notToBeDone(_ context.Context, t *turn, r *reading) (bool, error) {
	for _, h := range r.m.Hits {
		if !h.Negated || h.Intent == nlu.Delete || e.namesProduct(r.m.Texts[h.Clause]) {
			continue // "kein Notfall, brauch nur Cetirizin": the product stays
		}
		if !r.without(h.Intent) {
			t.say("answer.as_is", nil)
			return true, nil
		}
		break
	}
	return false, nil
}

// alreadyHad takes out a clause that says the customer has a product
// already ("hab schon Ibuprofen zuhause", "die großen Ibus hab ich
// letzten Monat geholt, reicht noch"): it orders nothing, unless it also
// asks or says a need. The rest is read.
func (e *dialog) alreadyHad(_ context.Context, t *turn, r *reading) (bool, error) {
	had, n := r.where(func(ci int) bool {
		c := r.m.Texts[ci]
		return e.lx.saysAny("had", c) && !e.asks(c) && !e.lx.mentionsPrescription(c) && e.namesProduct(c)
	})
	if n > 0 && !r.keepMarked(had, false) {
		t.say("answer.had", nil)
		return true, nil
	}
	return false, nil
}

// pastClauses takes out a clause about what is over or long ago that names
// no product ("letztes Mal hatte ich 3 Packungen genommen", "hatte die
// Bestellung letzte Woche storniert"): it asks for nothing now, and its
// numbers are no quantities. "wie letztes Mal" asks for what was had then
// and stays; so does a message that is nothing but such clauses.
func (e *dialog) pastClauses(_ context.Context, _ *turn, r *reading) (bool, error) {
	past := func(ci int) bool {
		c := r.m.Texts[ci]
		return r.m.Aside[ci] && !e.namesProduct(c) && !e.asks(c) && !e.lx.saysAny("earlier", c) && !e.lx.saysAny("same_as", c)
	}
	if marks, n := r.where(past); n > 0 && n < len(marks) {
		r.keepMarked(marks, false)
	}
	return false, nil
}

// asks reports a clause that asks for something or says a need ([words]
// asking, need, product_asks: "habt ihr Hustensaft?").
func (e *dialog) asks(c string) bool {
	return e.lx.saysAny("asking", c) || e.lx.saysAny("need", c) || e.lx.saysAny("product_asks", c)
}

// cancelLater answers "Kann ich später noch stornieren?": how, not now.
func (e *dialog) cancelLater(_ context.Context, t *turn, r *reading) (bool, error) {
	h, ok := r.m.Hit(nlu.Cancel)
	if !ok || h.Negated || !e.lx.askingAboutLater(r.m.Texts[h.Clause]) {
		return false, nil
	}
	t.say("proposal.change_help", nil)
	return true, nil
}

// language switches the chat's language ("in English please").
func (e *dialog) language(_ context.Context, t *turn, r *reading) (bool, error) {
	lang, in, ok := languageAsked(r.m)
	if !ok {
		return false, nil
	}
	t.conv.Language = lang
	t.say("answer.language", nil)
	return !r.without(in), nil
}

// medicalBeside flags a question for the pharmacist beside an order or
// another question; the rest is answered as usual when it names a product
// or asks for something, else the turn ends.
func (e *dialog) medicalBeside(_ context.Context, t *turn, r *reading) (bool, error) {
	if asked, ok := e.lx.questionBeside(r.m, r.text); ok {
		t.conv.Medical = true
		t.say("answer.medical", nil)
		var question []string
		for ci, c := range r.m.Texts {
			if asked[ci] {
				question = append(question, c)
			}
		}
		r.ref, _ = e.nameSpan(strings.Join(question, ", "), true)
		r.keep(func(ci int) bool { return !asked[ci] })
		// "… hat seit heute morgen 2 mal erbrochen, soll ich ihr das Ibu geben?": what is
		// said around the question orders nothing unless it names a product or asks.
		return !e.namesProduct(r.text) && !e.asks(r.text) && len(r.m.Hits) == 0, nil
	}
	return false, nil
}

// hoursBeside answers the hours beside a product ("Habt ihr Loperamid da?
// Und wann habt ihr heute zu?"): both.
func (e *dialog) hoursBeside(_ context.Context, t *turn, r *reading) (bool, error) {
	if c, ok := beside(r.m, nlu.Hours); ok && e.namesProduct(r.others(c)) {
		e.sayHours(t, r.m.Texts[c])
		r.keep(func(ci int) bool { return ci != c })
	}
	return false, nil
}

// rxBeside says whether a product needs a prescription beside an order
// of another ("brauch ich für Amoxicillin ein Rezept? und dann noch
// Loperamid AL bitte"): both.
func (e *dialog) rxBeside(ctx context.Context, t *turn, r *reading) (bool, error) {
	c, ok := beside(r.m, nlu.Rx)
	if !ok {
		return false, nil
	}
	if rest := r.others(c); !e.namesProduct(rest) || !e.asks(rest) {
		return false, nil
	}
	if ps := e.productsAsked(ctx, t, r.m.Texts[c]); len(ps) > 0 {
		sayRx(t, ps)
		r.keep(func(ci int) bool { return ci != c })
	}
	return false, nil
}

// notifyBeside takes "und bitte Bescheid sagen" beside an order: both.
func (e *dialog) notifyBeside(_ context.Context, t *turn, r *reading) (bool, error) {
	if c, ok := beside(r.m, nlu.Notify); ok {
		t.conv.Notify = true
		t.say("answer.notify", nil)
		r.keep(func(ci int) bool { return ci != c })
	}
	return false, nil
}

// priceBeside tells the price beside an order ("Cetirizin AL 10 mg, was
// kostet das?", "Zuzahlung egal, Metformin 1000"), and the order is taken.
func (e *dialog) priceBeside(_ context.Context, t *turn, r *reading) (bool, error) {
	if c, ok := beside(r.m, nlu.Price); ok {
		t.say("answer.price", nil)
		r.keep(func(ci int) bool { return ci != c })
	}
	return false, nil
}

// privacyBeside gives the privacy notice beside an order ("brauch
// Cetirizin, hier meine Daten: …"), and the order is taken.
func (e *dialog) privacyBeside(_ context.Context, t *turn, r *reading) (bool, error) {
	if c, ok := beside(r.m, nlu.Privacy); ok && e.namesProduct(r.others(c)) {
		t.add(PrivacyNotice(t.conv.Language, t.conv.Channel, e.cfg.Policy))
		r.keep(func(ci int) bool { return ci != c })
	}
	return false, nil
}

// questions answers what the bot can answer alone: "Kann mein Mann
// abholen?", "Brauche ich ein Rezept?", …; beside a pick of the open
// choice, the question and the pick.
func (e *dialog) questions(ctx context.Context, t *turn, r *reading) (bool, error) {
	if picks, n := r.where(e.picks(t, r)); n > 0 && n < len(picks) { // "nummer 2 bitte. muss ich was mitbringen?": both
		rest := r.lx.Keep(r.m, func(ci int) bool { return !picks[ci] })
		if e.answered(ctx, t, rest, strings.Join(rest.Texts, ", ")) {
			r.keepMarked(picks, true)
			return false, nil
		}
	}
	return e.answered(ctx, t, r.m, r.text), nil
}

// picks reports of a clause of r that it picks one of the open choice
// ("nummer 2 bitte"); none does when no choice is open.
func (e *dialog) picks(t *turn, r *reading) func(clause int) bool {
	return func(ci int) bool {
		return len(t.conv.Question) > 0 && e.lx.choiceIn(e.lx.Normalize(r.m.Texts[ci]), len(t.conv.Question)) > 0
	}
}

// intent answers the message's one intent besides products (intents).
func (e *dialog) intent(ctx context.Context, t *turn, r *reading) (bool, error) {
	if answer := intents[e.lx.classify(r.m, r.text)]; answer != nil {
		return answer(e, ctx, t, r)
	}
	return false, nil
}

// intents answer an intent; done false: the products in the message are
// read too.
var intents = map[Intent]stage{
	IntentCancel: (*dialog).cancelAsked,
	IntentMedical: func(e *dialog, ctx context.Context, t *turn, _ *reading) (bool, error) {
		return true, e.medical(ctx, t)
	},
	IntentEmergency: func(_ *dialog, _ context.Context, t *turn, _ *reading) (bool, error) {
		t.say("emergency.service", nil)
		return true, nil
	},
	IntentHours: func(e *dialog, _ context.Context, t *turn, r *reading) (bool, error) {
		e.sayHours(t, r.text)
		return true, nil
	},
	IntentNotify:  (*dialog).notifyAsked,
	IntentStatus:  (*dialog).statusAsked,
	IntentPrice:   (*dialog).priceAsked,
	IntentPrivacy: (*dialog).privacyAsked,
	IntentHelp:    (*dialog).helpAsked,
}

// cancelAsked cancels the request, or drops only the product named ("das
// Loperamid brauch ich nicht mehr"). What the message orders besides, in
// clauses of its own, is read after it ("das Cetirizin lass weg, dafür
// bitte Loperamid AL"; "wollte gestern Cetirizin bestellen, brauch das
// doch nicht mehr, stattdessen bitte Ibuprofen AL 400").
func (e *dialog) cancelAsked(ctx context.Context, t *turn, r *reading) (bool, error) {
	h, _ := r.m.Hit(nlu.Cancel)
	rest := r.others(h.Clause)
	orders := len(r.m.Texts) > 1 && e.namesProduct(rest) && e.asks(rest)
	dropped, err := e.dropNamed(ctx, t, r.m.Texts[h.Clause])
	switch {
	case err != nil:
		return true, err
	case orders && (dropped || t.conv.PreOrderID == 0):
		r.keep(func(ci int) bool { return ci != h.Clause })
		return false, nil
	case dropped:
		return true, nil
	case e.dropsQuestion(t, r.m.Texts[h.Clause]): // "vergiss das Vitamin D" while Vitamin D is asked about
		t.say("choose.none", nil)
		return !r.keep(func(ci int) bool { return ci != h.Clause }), nil
	}
	return true, e.cancel(ctx, t)
}

// notifyAsked notes "Bescheid geben, wenn da" (said once); a product
// named with it ("wenn Cetirizin AL da ist") is ordered too.
func (e *dialog) notifyAsked(_ context.Context, t *turn, r *reading) (bool, error) {
	t.conv.Notify = true
	if !t.said("answer.notify") {
		t.say("answer.notify", nil)
	}
	return !e.namesProduct(r.text), nil
}

// statusAsked tells how the request stands. A long message's or a need's
// order with no request open ("… könnt ihr mir Loperamid AL 2 mg fertig
// machen? tausend Dank", "Metformin 1000 ist alle, kann ich das heute
// holen?") is read as the order instead, and so is a pick of the open
// choice beside the question.
func (e *dialog) statusAsked(ctx context.Context, t *turn, r *reading) (bool, error) {
	if picks, n := r.where(e.picks(t, r)); n > 0 {
		r.keepMarked(picks, true) // "Dann bitte Nummer 1. Wann kann ich es abholen?": the pick; the proposal tells when
		return false, nil
	}
	if t.conv.PreOrderID != 0 || !e.lx.isLong(r.text) && !e.lx.saysAny("need", r.text) || !e.namesProduct(r.text) {
		return true, e.status(ctx, t)
	}
	return false, nil
}

// priceAsked says prices are told at the pharmacy; a choice still open
// stays the customer's ("whichever is cheapest"), and "Was kostet
// Ibuprofen 400?" is offered to choose from.
func (e *dialog) priceAsked(_ context.Context, t *turn, r *reading) (bool, error) {
	t.say("answer.price", nil)
	if len(t.conv.Question) > 0 {
		t.say("choose.number", msg.Args{"Count": len(t.conv.Question)})
		return true, nil
	}
	e.offer(t, r.text)
	return true, nil
}

func (e *dialog) privacyAsked(_ context.Context, t *turn, _ *reading) (bool, error) {
	t.add(PrivacyNotice(t.conv.Language, t.conv.Channel, e.cfg.Policy))
	return true, nil
}

// helpAsked says what to send, and what happens then.
func (e *dialog) helpAsked(_ context.Context, t *turn, _ *reading) (bool, error) {
	e.sayHelp(t)
	t.say("proposal.change_help", nil)
	return true, nil
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

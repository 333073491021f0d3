package engine

import (
	"regexp"
	"slices"
	"strings"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
)

// Intent is what a customer's text asks for besides products.
type Intent int

// The intents Classify knows, in the order it checks them.
const (
	IntentNone      Intent = iota
	IntentDelete           // erase this chat now
	IntentCancel           // cancel the request
	IntentMedical          // a question for a pharmacist, not for the bot
	IntentEmergency        // the emergency service (Notdienst)
	IntentHours            // opening hours
	IntentNotify           // tell me when the order is ready
	IntentStatus           // how the request stands
	IntentPrice            // what it costs: told at the pharmacy
	IntentHelp             // what can I write, how do I change my request
	IntentPrivacy          // what happens with my data: the privacy notice
)

// intentOf names nlu's intents in the engine's terms.
var intentOf = map[nlu.Intent]Intent{nlu.Delete: IntentDelete, nlu.Cancel: IntentCancel, nlu.Medical: IntentMedical,
	nlu.Emergency: IntentEmergency, nlu.Hours: IntentHours, nlu.Notify: IntentNotify, nlu.Status: IntentStatus, nlu.Price: IntentPrice, nlu.Help: IntentHelp, nlu.Privacy: IntentPrivacy}

// eraseNow reports a message that is nothing but the request to erase the
// chat: the runtime answers it before anything else, before the message
// is read (a longer or negated one is asked back when it is read).
func (lx *lexicon) eraseNow(text string) bool { return lx.Alone(text, nlu.Delete) }

func (lx *lexicon) classify(m nlu.Meaning, text string) Intent {
	if m.EraseNow() {
		return IntentDelete
	}
	for _, in := range nlu.Intents {
		if in == nlu.Delete {
			continue
		}
		if in == nlu.Medical && lx.askAboutUse(lx.Normalize(text)) {
			return IntentMedical
		}
		if h, ok := m.Hit(in); ok && !h.Negated && intentOf[in] != IntentNone {
			return intentOf[in]
		}
	}
	return IntentNone
}

// languageAsked reports a request to write in another language ("auf
// Deutsch bitte", "in English please"): the language, and the intent that
// asked for it.
func languageAsked(m nlu.Meaning) (lang string, in nlu.Intent, ok bool) {
	for _, l := range []struct {
		in   nlu.Intent
		lang string
	}{{nlu.English, "en"}, {nlu.German, "de"}} {
		if h, hit := m.Hit(l.in); hit && !h.Negated {
			return l.lang, l.in, true
		}
	}
	return "", "", false
}

// questionBeside finds a question for the pharmacist in some clauses of a
// message and something else in others ("Cetirizin 20 Stück, und darf ich
// das mit der Pille nehmen?"); asked holds the clauses of the question.
func (lx *lexicon) questionBeside(m nlu.Meaning, text string) (asked map[int]bool, ok bool) {
	asks := strings.HasSuffix(strings.TrimSpace(text), "?")
	asked = map[int]bool{}
	medical := false
	for i, clause := range m.Texts {
		h, hit := m.Hit(nlu.Medical)
		if hit && h.Clause == i || lx.askAboutUse(lx.stripLead(lx.Normalize(clause))) {
			medical, asked[i] = true, true
			continue
		}
		if asks && i == len(m.Texts)-1 && !lx.asksForProduct(clause) && !lx.aName(clause) {
			asked[i] = true // "ich stille, geht Ibuprofen?": the question goes on; "… Loperamide?" names what they want
		}
	}
	if !medical || len(asked) == len(m.Texts) {
		return nil, false
	}
	return asked, true
}

// aName reports a clause of one word besides fillers ("Loperamide?",
// "Ibuprofen vielleicht?"): a product named, not a question about it.
func (lx *lexicon) aName(clause string) bool {
	ws := slices.DeleteFunc(match.Words(lx.stripLead(lx.Normalize(clause))), func(w string) bool { return lx.Filler(w) || lx.In("polite", w) })
	return len(ws) == 1
}

// beside finds a clause with intent in (the price, "tell me when", the
// hours) beside others in a message: which clause it is.
func beside(m nlu.Meaning, in nlu.Intent) (clause int, ok bool) {
	h, hit := m.Hit(in)
	if !hit || h.Negated || h.Alone || len(m.Texts) < 2 {
		return 0, false
	}
	return h.Clause, true
}

// askAboutUse reports whether normalised text asks how to use a medicine:
// a sentence that opens with [words] use_openers (or ends in a question
// mark) and holds one of use_verbs ("Kann ich das Kindern geben?", "Soll
// ich zwei nehmen?") is a pharmacist's to answer, however it is worded.
func (lx *lexicon) askAboutUse(t string) bool {
	if lx.Says(t, nlu.Notify) { // "Bescheid geben" gives nothing to take
		return false
	}
	// Sentence by sentence: "Ich nehme Metoprolol, können Sie mir eine
	// Packung zurücklegen?" says what is taken and asks something else.
	for _, m := range sentenceRe.FindAllStringSubmatch(strings.ReplaceAll(t, ". ", ", "), -1) { // normalize wrote commas as points
		ws := match.Words(m[1])
		asks := m[2] == "?" || len(ws) > 0 && lx.In("use_openers", ws[0])
		if asks && slices.ContainsFunc(ws, func(w string) bool { return lx.In("use_verbs", w) }) {
			return true
		}
	}
	return false
}

// sentenceRe is a sentence or clause and the mark that ends it.
var sentenceRe = regexp.MustCompile(`([^,;!?]+)([,;!?]|$)`)

// quotedRe is a quoted span: „…“, "…", “…”, ‚…‘, '…'.
var quotedRe = regexp.MustCompile(`[„“"‚'‘]([^„“”"‚‘’']{1,40})[“”"‘’']`)

// quotedCommand finds a command quoted in a message ("Was passiert, wenn
// ich „löschen“ schreibe?"): the intent the quote holds.
func (lx *lexicon) quotedCommand(text string) (nlu.Intent, bool) {
	for _, q := range quotedRe.FindAllStringSubmatch(text, -1) {
		if strings.TrimSpace(q[0]) == strings.TrimSpace(text) {
			continue // the whole message in quotes is the message
		}
		for _, in := range nlu.Intents { // a word looked up, not a message read
			if lx.Alone(q[1], in) || lx.Says(q[1], in) {
				return in, true
			}
		}
	}
	return "", false
}

// askingAboutLater reports a clause that asks whether something can be
// done later ("Kann ich später noch stornieren?", "can I still cancel
// later?"): it opens with [words] ask_about and holds a word of later.
func (lx *lexicon) askingAboutLater(clause string) bool {
	ws := match.Words(lx.Normalize(clause))
	opens := false
	for n := 1; n <= 3 && n <= len(ws); n++ {
		opens = opens || lx.In("ask_about", strings.Join(ws[:n], " "))
	}
	if opens && slices.ContainsFunc(ws, func(w string) bool { return lx.In("later", w) }) {
		return true
	}
	// "und was, wenn ich sie doch nicht abhole?": what would happen, not now.
	for i := range ws {
		for n := 1; n <= 3 && i+n <= len(ws); n++ {
			if lx.In("what_if", strings.Join(ws[i:i+n], " ")) {
				return true
			}
		}
	}
	return false
}

// Language guesses "en" or "de" from a text: German unless English words
// clearly outnumber German ones.
func (lx *lexicon) Language(text string) string {
	lang, _ := lx.languageOf(text)
	return lang
}

// languageOf guesses the language of a text, and reports whether the text
// had any word to tell by ("PZN 01234562" has none).
func (lx *lexicon) languageOf(text string) (string, bool) {
	en, de := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '?' || r == '!' }) {
		// [words] language of each phrase file tells its language.
		if lx.InLang("en", "language", w) {
			en++
		}
		if lx.InLang("de", "language", w) {
			de++
		}
	}
	if en > de {
		return "en", true
	}
	return "de", de > 0
}

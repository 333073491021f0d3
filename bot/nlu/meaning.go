package nlu

import (
	"slices"
	"strings"
	"unicode"
)

// Intent is something a message asks for besides products.
type Intent string

// The intents the phrase files name, in the order a message is answered
// when it holds several (erasing first: nothing else matters then).
const (
	Delete    Intent = "delete"    // erase this chat
	Cancel    Intent = "cancel"    // cancel the request
	Rx        Intent = "rx"        // does it need a prescription (the inventory says)
	Medical   Intent = "medical"   // a question for a pharmacist, not for the bot
	Emergency Intent = "emergency" // the emergency service (Notdienst)
	Hours     Intent = "hours"     // opening hours
	Notify    Intent = "notify"    // tell me when the order is ready
	Status    Intent = "status"    // how the request stands
	Price     Intent = "price"     // what it costs
	Help      Intent = "help"      // what can I write, how does this work
	Privacy   Intent = "privacy"   // what happens with my data
	English   Intent = "english"   // please write in English
	German    Intent = "german"    // bitte auf Deutsch
	Thanks    Intent = "thanks"    // thanks, agreement, goodbye
	Greeting  Intent = "greeting"  // hello

	// Choices described, not numbered: "die große Packung", "lieber die
	// schwächere". Not in Intents: only read as an answer to a question.
	Bigger   Intent = "bigger"
	Smaller  Intent = "smaller"
	Stronger Intent = "stronger"
	Weaker   Intent = "weaker"

	// Branch asks for another branch of the pharmacy ("andere Filiale"),
	// read only where the pharmacy has branches.
	Branch Intent = "branch"
)

// Intents lists every intent, in the order of precedence.
var Intents = []Intent{Delete, Cancel, Rx, Medical, Emergency, Hours, Notify, Status, Price, Help, Privacy, English, German, Thanks, Greeting}

var intentNamed = func() map[string]Intent {
	m := map[string]Intent{}
	for _, in := range append([]Intent{Bigger, Smaller, Stronger, Weaker, Branch}, Intents...) {
		m[string(in)] = in
	}
	return m
}()

// negatable intents are reversed by a negation in their clause ("bitte
// nicht löschen", "kein Notfall, nur Ibuprofen"); a question about a medicine, the hours or a price stays
// one however it is put ("Habt ihr heute nicht offen?").
var negatable = map[Intent]bool{Delete: true, Cancel: true, Notify: true, Emergency: true}

// asideable intents are not asked in a clause about what is over, long ago
// or a precaution ([aside]: "hatte letzte Woche Fieber", "für den
// Notfall zuhause").
var asideable = map[Intent]bool{Medical: true, Emergency: true}

// Hit is an intent found in a message.
type Hit struct {
	Intent  Intent
	Alone   bool // the whole message is the phrase (with polite words at most)
	Negated bool // a negation stands in the same clause
	Clause  int  // which clause of the message (0: the first)
}

// Meaning is what a message says, as far as the phrase files tell.
type Meaning struct {
	Clauses [][]string // the message's clauses, in word form
	Texts   []string   // the same clauses as written
	Aside   []bool     // per clause: it is about what is over, long ago or a precaution ([aside])
	Hits    []Hit      // in the order of Intents
}

// Parse reads a message: its clauses (split at punctuation and at the
// words of [turn], "aber", "but"), and every intent whose phrase stands
// in one of them, or that the whole message is.
func (lx *Lexicon) Parse(text string) Meaning {
	lx.parses.Add(1)
	var m Meaning
	m.Texts, m.Clauses = lx.clauses(text)
	m.Aside = lx.asides(m.Clauses)
	m.Hits = lx.hits(m.Clauses)
	return m
}

// asides says of each clause whether a phrase of [aside] stands in it.
func (lx *Lexicon) asides(clauses [][]string) []bool {
	out := make([]bool, len(clauses))
	for ci, cl := range clauses {
		_, _, out[ci] = find(lx.aside, cl)
	}
	return out
}

// Keep is the meaning of the clauses keep names only, as if the message
// had been just those: their words are not read again, and the intents
// are found among them anew ("bitte nicht löschen, danke": without the
// first clause, "danke" is the whole message).
func (lx *Lexicon) Keep(m Meaning, keep func(clause int) bool) Meaning {
	var n Meaning
	for ci := range m.Texts {
		if keep(ci) {
			n.Texts, n.Clauses, n.Aside = append(n.Texts, m.Texts[ci]), append(n.Clauses, m.Clauses[ci]), append(n.Aside, m.Aside[ci])
		}
	}
	n.Hits = lx.hits(n.Clauses)
	return n
}

// Alone reports a message that is nothing but a phrase of intent in,
// polite words aside ("bitte löschen"): the runtime's check before a
// message is read, which looks for that one intent only.
func (lx *Lexicon) Alone(text string, in Intent) bool {
	e := lx.intents[in]
	if e == nil {
		return false
	}
	_, clauses := lx.clauses(text)
	plain := lx.withoutPolite(slices.Concat(clauses...))
	return slices.ContainsFunc(e.alone, func(p phrase) bool { return p.is(plain) })
}

// Parses is the number of messages lx has parsed: how a test sees that a
// message is read once.
func (lx *Lexicon) Parses() int64 { return lx.parses.Load() }

// hits finds every intent in clauses, in the order of Intents.
func (lx *Lexicon) hits(clauses [][]string) []Hit {
	var out []Hit
	plain := lx.withoutPolite(slices.Concat(clauses...))
	for _, in := range Intents {
		if h, ok := lx.hit(in, clauses, plain); ok {
			out = append(out, h)
		}
	}
	return out
}

// hit finds intent in: the whole message first, then clause by clause.
func (lx *Lexicon) hit(in Intent, clauses [][]string, plain []string) (Hit, bool) {
	e := lx.intents[in]
	if e == nil {
		return Hit{}, false
	}
	for _, p := range e.alone {
		if p.is(plain) {
			return Hit{Intent: in, Alone: true}, true
		}
	}
	for ci, cl := range clauses {
		if _, _, aside := find(lx.aside, cl); aside && asideable[in] {
			continue
		}
		found, negated := false, false
		for i := range cl {
			for _, p := range e.anywhere {
				end := p.end(cl, i)
				if end < 0 || e.excepted(cl, i, end) {
					continue
				}
				// A negation inside the phrase is part of it ("brauche ich
				// nicht mehr" cancels); one beside it negates it, also
				// when another phrase of the intent stands there too
				// ("doch nicht stornieren").
				rest := slices.Concat(cl[:i], []string{""}, cl[end:])
				_, _, neg := find(lx.negation, rest)
				found, negated = true, negated || neg
			}
		}
		if found {
			return Hit{Intent: in, Clause: ci, Negated: negatable[in] && negated}, true
		}
	}
	return Hit{}, false
}

// excepted reports a phrase found at cl[i:end] that stands inside one of
// the intent's except phrases ("hay fever" for "fever").
func (e *entry) excepted(cl []string, i, end int) bool {
	for j := max(0, i-maxExceptLead); j <= i; j++ {
		for _, p := range e.except {
			if k := p.end(cl, j); k >= end {
				return true
			}
		}
	}
	return false
}

// maxExceptLead is how many words an except phrase may have before the
// phrase it holds.
const maxExceptLead = 3

// find returns where the first of ps to stand in words begins and ends.
func find(ps []phrase, words []string) (start, end int, ok bool) {
	for i := range words {
		for _, p := range ps {
			if e := p.end(words, i); e >= 0 {
				return i, e, true
			}
		}
	}
	return 0, 0, false
}

// First returns the first intent the message asks for (negated ones do
// not ask), or "" for none.
func (m Meaning) First() Intent {
	for _, h := range m.Hits {
		if !h.Negated {
			return h.Intent
		}
	}
	return ""
}

// Hit returns the hit of intent in, if there is one.
func (m Meaning) Hit(in Intent) (Hit, bool) {
	for _, h := range m.Hits {
		if h.Intent == in {
			return h, true
		}
	}
	return Hit{}, false
}

// EraseNow reports a message that is only a request to erase the chat.
func (m Meaning) EraseNow() bool {
	h, ok := m.Hit(Delete)
	return ok && h.Alone
}

// Without returns the message as written, less the clauses that hold a
// hit of in: what is left to read after that intent was answered.
func (m Meaning) Without(in Intent) string {
	h, hit := m.Hit(in)
	var keep []string
	for ci, raw := range m.Texts {
		if hit && (h.Alone || h.Clause == ci) {
			continue
		}
		keep = append(keep, raw)
	}
	return strings.Join(keep, ", ")
}

// clauses splits text at sentence and clause punctuation and at the words
// that turn a sentence ([turn]): each clause as written and in word form.
func (lx *Lexicon) clauses(text string) (raw []string, words [][]string) {
	for _, part := range Sentences(text) {
		var cur []string
		flush := func() {
			if ws := Words(strings.Join(cur, " ")); len(ws) > 0 {
				raw, words = append(raw, strings.Join(cur, " ")), append(words, ws)
			}
			cur = nil
		}
		fields := strings.Fields(part)
		for i, f := range fields {
			if lx.turnsAt(fields, i) {
				flush()
				continue
			}
			cur = append(cur, f)
		}
		flush()
	}
	return raw, words
}

// turnsAt reports a word at fields[i] that begins a new clause and is not
// part of it: a word of [turn] ("aber"), or one of [join] before a word a
// question starts with ("Cetirizin AL und bis wann habt ihr offen?").
func (lx *Lexicon) turnsAt(fields []string, i int) bool {
	one := func(f string) string {
		if ws := Words(f); len(ws) == 1 {
			return ws[0]
		}
		return ""
	}
	w := one(fields[i])
	return lx.turn[w] || lx.join[w] && i+1 < len(fields) && lx.asks[one(fields[i+1])]
}

// Says reports whether a phrase of intent in stands somewhere in text.
func (lx *Lexicon) Says(text string, in Intent) bool {
	e := lx.intents[in]
	if e == nil {
		return false
	}
	_, _, ok := find(e.anywhere, Words(text))
	return ok
}

// Negative reports whether text begins with a negation ("keine Tüte",
// "no bag").
func (lx *Lexicon) Negative(text string) bool {
	ws := Words(text)
	for _, p := range lx.negation {
		if p.end(ws, 0) > 0 {
			return true
		}
	}
	return false
}

// Only reports whether every word of text belongs to a phrase of one of
// the intents ins (or is a polite word, or a lone letter as "that's"
// leaves): "ok danke, ciao" is only thanks, "danke, Ibu 400" is not.
func (lx *Lexicon) Only(text string, ins ...Intent) bool {
	ws := Words(text)
	covered := make([]bool, len(ws))
	for i := range ws {
		for _, in := range ins {
			if e := lx.intents[in]; e != nil {
				for _, p := range e.anywhere {
					for k := i; k < p.end(ws, i); k++ {
						covered[k] = true
					}
				}
			}
		}
	}
	for i, w := range ws {
		if !covered[i] && !lx.polite[w] && len([]rune(w)) > 1 {
			return false
		}
	}
	return len(ws) > 0
}

// Sentences splits text at , . ; : ! ? and line breaks, but not at a
// decimal comma or point ("2,5 mg").
func Sentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i, r := range rs {
		switch r {
		case ',', '.':
			if i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
				continue
			}
		case ';', ':', '!', '?', '\n':
		default:
			continue
		}
		out = append(out, string(rs[start:i]))
		start = i + 1
	}
	return append(out, string(rs[start:]))
}

// withoutPolite drops the words that do not change a short command
// ([polite]: "bitte löschen", "delete please").
func (lx *Lexicon) withoutPolite(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if !lx.polite[w] {
			out = append(out, w)
		}
	}
	return out
}

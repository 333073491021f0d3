package engine

import (
	"errors"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// The words of customers' messages that are no product: quantities, filler
// words, choices, small talk, open questions.

// saidAlone reports whether normalised text is exactly one entry of a
// [words] list: "ja" is, "ja?" and "ja ja" are not.
func (lx *lexicon) saidAlone(list, text string) bool {
	return strings.Join(nlu.Spelled(text), " ") == text && lx.In(list, text)
}

// alt is a regexp alternation of the entries of [words] lists, longest
// first.
func (lx *lexicon) alt(lists ...string) string {
	var ws []string
	for _, l := range lists {
		ws = append(ws, lx.List(l)...)
	}
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	for i, w := range ws {
		ws[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(ws, "|")
}

// leadWord carries no meaning before a quantity or a product: "doch
// lieber 2 Packungen", "und Nasenspray", "ich brauche 2x Ibu" ([words] lead).
func (lx *lexicon) leadWord(w string) bool { return lx.In("lead", w) }

// onlyLead reports normalised text of lead and polite words only ("nee
// nur sorry"): nothing said.
func (lx *lexicon) onlyLead(s string) bool {
	return !slices.ContainsFunc(match.Words(s), func(w string) bool {
		return !lx.leadWord(w) && !lx.In("polite", w)
	})
}

// onlyErasure reports a request to erase that asks nothing more ("Hallo,
// bitte löschen Sie meine Daten"), no question: besides the erasing words
// only lead, polite, small talk and filler words, and what is to be erased
// ([words] erase_objects).
func (lx *lexicon) onlyErasure(text string) bool {
	return !strings.Contains(text, "?") && !slices.ContainsFunc(match.Words(lx.Normalize(text)), func(w string) bool {
		return !lx.Says(w, nlu.Delete) && !lx.leadWord(w) && !lx.smallTalkWord(w) && !lx.In("polite", w) && !lx.Filler(w) &&
			!lx.In("erase_objects", w)
	})
}

// onlyFillers reports a part of a message without a word that could name
// a product or a day ("ah", "ich brauch die Nachricht noch"): lead,
// polite and filler words only ("morgen" is a day).
func (lx *lexicon) onlyFillers(part string) bool {
	return !slices.ContainsFunc(match.Words(lx.Normalize(part)), func(w string) bool {
		_, day := lx.Day([]string{w}, 0)
		return day > 0 || !lx.leadWord(w) && !lx.In("polite", w) && !lx.Filler(w)
	})
}

// stripLead drops leadWords from the start of normalised text.
func (lx *lexicon) stripLead(s string) string {
	s = strings.TrimSpace(s)
	for {
		w, rest, found := strings.Cut(s, " ")
		if w = strings.Trim(w, ".!:"); !found || !lx.leadWord(w) && !lx.smallTalkWord(w) { // also a greeting first
			return s
		}
		s = strings.TrimSpace(rest)
	}
}

func (lx *lexicon) isOpenQuestion(text string) bool {
	ws := match.Words(lx.Normalize(text))
	return len(ws) > 0 && lx.In("question_openers", ws[0]) // "Wo seid ihr?"
}

// isQuestionNoProduct reports a question the bot cannot answer: one that
// opens with a question word, or any question that does not ask for a
// product ("Kann ich mit Karte zahlen?").
func (lx *lexicon) isQuestionNoProduct(text string) bool {
	if lx.isOpenQuestion(text) {
		return true
	}
	// A question for a product ("Habt ihr Aspirin?"): one the inventory
	// lacks is not found, not unanswerable.
	return !lx.asksForProduct(text) && strings.Contains(text, "?")
}

// asksForProduct reports a question that begins as one for a product:
// "Habt ihr Aspirin?", "do you have cetirizine?" ([words] product_asks).
func (lx *lexicon) asksForProduct(text string) bool {
	ws := match.Words(lx.stripLead(lx.Normalize(text)))
	for n := 2; n <= 3 && n < len(ws); n++ {
		if lx.In("product_asks", strings.Join(ws[:n], " ")) {
			return true
		}
	}
	return false
}

// mentionsPrescription reports a message about a prescription that names
// no product ("Ich habe ein E-Rezept, geht das?").
func (lx *lexicon) mentionsPrescription(text string) bool {
	for _, w := range match.Words(lx.Normalize(text)) {
		if lx.In("prescription", w) {
			return true
		}
	}
	return false
}

// splitParts splits a request into one part per product: by line, ";",
// "+", [words] part_joiners ("und", "and"). Commas stay: "23,2 mg/g" and "Ibu 400, 20 Stück".
func (lx *lexicon) splitParts(text string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' || r == '+' }) {
		for _, p := range lx.partSep.Split(line, -1) {
			if strings.TrimSpace(p) != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// commaSplit splits at commas, but not at a decimal comma ("2,5 mg").
func commaSplit(s string) []string {
	var out []string
	rs, start := []rune(s), 0
	for i, r := range rs {
		if r == ',' && !(i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])) {
			out, start = append(out, string(rs[start:i])), i+1
		}
	}
	return append(out, string(rs[start:]))
}

// eachQuantity takes a quantity for each product off the end of a request
// (or its start):
// the rest, and the quantity (0 when there is none).
func (lx *lexicon) eachQuantity(text string) (string, int) {
	m := lx.eachRe.FindStringSubmatchIndex(text)
	if m == nil {
		m = lx.eachFirstRe.FindStringSubmatchIndex(text) // "je zwei von Cetirizin und Loperamid"
	}
	if m == nil {
		return text, 0
	}
	num := text[m[2]:m[3]]
	n, err := strconv.Atoi(num)
	if err != nil {
		var ok bool
		if n, ok = lx.WordNumber(strings.ToLower(num)); !ok {
			return text, 0
		}
	}
	return text[:m[0]] + text[m[1]:], n
}

// sizeAsked returns the pack size normalised text names ("zehn Stück
// reichen", "50 Tabletten"), "" when it names none.
func (lx *lexicon) sizeAsked(s string) string {
	ws := strings.Fields(s)
	for i := 0; i+1 < len(ws); i++ {
		if n, ok := lx.WordNumber(ws[i]); ok && lx.CountWord(strings.Trim(ws[i+1], ".,!?")) {
			ws[i] = strconv.Itoa(n)
		}
	}
	return lx.ParseRequest(strings.Join(ws, " ")).Count
}

// pickupBySomeoneElse reports a question whether another person may pick
// the order up ("Kann mein Mann die Bestellung abholen?"): [words]
// pickup_by and pickup_verbs in a question.
func (lx *lexicon) pickupBySomeoneElse(text string) bool {
	return (strings.Contains(text, "?") || lx.isOpenQuestion(text)) && lx.saysAny("pickup_by", text) && lx.saysAny("pickup_verbs", text)
}

// saysAny reports whether text holds an entry of a [words] list, of up
// to five words, anywhere.
func (lx *lexicon) saysAny(list, text string) bool {
	ws := match.Words(lx.Normalize(text))
	for i := range ws {
		for n := 1; n <= 5 && i+n <= len(ws); n++ {
			if lx.In(list, strings.Join(ws[i:i+n], " ")) {
				return true
			}
		}
	}
	return false
}

// namesForm reports whether one of the texts names a dosage form
// ("Hustensaft"): a product asked for, not a leftover of a question.
func (lx *lexicon) namesForm(texts []string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return lx.ParseRequest(s).Form != "" })
}

// onlyQuantity reads a part of a request that is a number of packs and
// nothing else ("bitte gleich 2").
func (lx *lexicon) onlyQuantity(part string) (int, bool) {
	m := lx.quantityRe.FindStringSubmatch(lx.numberFirst(lx.stripLead(lx.Normalize(part))))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, n >= 1 && n <= match.MaxQuantity
}

// eachDescribed takes a description for each product off the end of a
// request ("jeweils die kleinste Packung"): the rest, and the description
// to add to each part ("" when there is none).
func (lx *lexicon) eachDescribed(text string) (string, string) {
	m := lx.eachDescRe.FindStringSubmatchIndex(text)
	if m == nil {
		return text, ""
	}
	desc := text[m[2]:m[3]]
	if !lx.DescribesPack(desc) && lx.sizeAsked(lx.Normalize(desc)) == "" { // "die kleinste Packung", "100 Stück"
		return text, ""
	}
	return text[:m[0]], " " + desc
}

// withoutAnyChoice takes the clauses that leave the choice to the pharmacy
// out of a request ("Magnesium 300, 3 Packungen, egal welcher
// Hersteller"): the rest, and whether there were any.
func (lx *lexicon) withoutAnyChoice(text string) (string, bool) {
	segs := commaSplit(text)
	kept := slices.DeleteFunc(slices.Clone(segs), func(s string) bool { return lx.anyChoice(strings.Trim(lx.Normalize(s), " .!")) })
	if len(kept) == len(segs) || len(kept) == 0 {
		return text, false
	}
	return strings.Join(kept, ","), true
}

// choiceIn reads which of n candidates normalised answer a names: one
// number or ordinal among choice words; 0 when it names none, or more.
func (lx *lexicon) choiceIn(a string, n int) int {
	choice, named, ordinals, other := 0, 0, 0, false
	for _, w := range match.Words(a) {
		ord, isOrd := lx.Ordinal(w)
		k, isWord := lx.WordNumber(w)
		switch {
		case match.IsNumber(w):
			choice, _ = strconv.Atoi(w)
			named++
		case isOrd && ord == 0:
			choice, named, ordinals = n, named+1, ordinals+1
		case isOrd:
			choice, named, ordinals = ord, named+1, ordinals+1
		case lx.In("choice", w), lx.smallTalkWord(w), lx.In("instead", w): // "the first one is fine, thank you", "dann halt nr 2"
		case isWord: // a number in words: "die zwei", "Nummer drei"
			choice, named = k, named+1
		default:
			other = true
		}
	}
	// A place in the list says which one among other words ("die zweite
	// Sorte bitte", "ich nehm die erste Packung, mein Schwiegersohn holt
	// ab"); a bare number only among the words of a choice.
	if named != 1 || other && ordinals == 0 {
		return 0
	}
	return choice
}

// smallTalkWord carries no request: a greeting or thanks gets the help
// text ([words] small_talk).
func (lx *lexicon) smallTalkWord(w string) bool { return lx.In("small_talk", w) }

// isSmallTalk reports a message that is only thanks, agreement, a goodbye
// or a greeting (the phrase files' [thanks] and [greeting]).
func (lx *lexicon) isSmallTalk(s string) bool { return lx.Only(s, nlu.Thanks, nlu.Greeting) }

// anyChoice reports an answer that leaves the choice to the pharmacy:
// "egal welche" ([words] any_choice), or one of its words among words
// that go with it ("von wem ist mir egal", "any brand": any_words).
func (lx *lexicon) anyChoice(a string) bool {
	if lx.In("any_choice", lx.stripLead(a)) {
		return true
	}
	ws := match.Words(a)
	return slices.ContainsFunc(ws, func(w string) bool { return lx.In("any_choice", w) }) &&
		!slices.ContainsFunc(ws, func(w string) bool {
			return !lx.In("any_choice", w) && !lx.In("any_words", w) && !lx.leadWord(w) && !lx.In("polite", w) &&
				!lx.smallTalkWord(w) && !lx.In("choice", w)
		})
}

// anyChoiceThen reads "egal welche Firma, die zweite": any would do, and
// then one of the n offered by its number; 0 when a says no such thing.
func (lx *lexicon) anyChoiceThen(a string, n int) int {
	ws := match.Words(a)
	if !slices.ContainsFunc(ws, func(w string) bool { return lx.In("any_choice", w) }) {
		return 0
	}
	rest := slices.DeleteFunc(ws, func(w string) bool {
		return lx.In("any_choice", w) || lx.In("any_words", w) || lx.In("polite", w) || lx.smallTalkWord(w)
	})
	if k := lx.choiceIn(strings.Join(rest, " "), n); k >= 1 && k <= n {
		return k
	}
	return 0
}

// quantityForAll reads a quantity for everything on a request: "beide
// bitte 2x", "jeweils 3 Packungen" ([words] both).
func (lx *lexicon) quantityForAll(text string) (int, bool) {
	ws := match.Words(lx.Normalize(text))
	rest := slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return lx.In("both", w) })
	if len(rest) == len(ws) {
		return 0, false
	}
	m := lx.quantityRe.FindStringSubmatch(lx.numberFirst(lx.stripLead(strings.Join(rest, " "))))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, true
}

// allIn reports text whose every word is an entry of the [words] list
// ("ok nehm ich" in accept, "ja bitte" in yes).
func (lx *lexicon) allIn(list, text string) bool {
	ws := match.Words(lx.Normalize(text))
	return len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !lx.In(list, w) })
}

// thanks reports a message of thanks or goodbye, perhaps with a greeting
// ("ok danke, ciao"), but not a greeting alone.
func (lx *lexicon) thanks(text string) bool {
	greetingAlone := lx.Only(text, nlu.Greeting) && lx.Says(text, nlu.Greeting)
	return lx.Only(text, nlu.Thanks, nlu.Greeting) && lx.Says(text, nlu.Thanks) && !greetingAlone || lx.saysAny("thanks_first", text)
}

// namesPieces reports a word for pieces ("10 Stück"): [words] pieces or
// count_words.
func (lx *lexicon) namesPieces(text string) bool {
	return slices.ContainsFunc(match.Words(lx.Normalize(text)), func(w string) bool { return lx.In("pieces", w) || lx.CountWord(w) })
}

// itemQuantity finds which item of the request such a message names, and
// the quantity; false when it names none or several.
func (lx *lexicon) itemQuantity(d *draft, text string) (item, n int, ok bool) {
	s := lx.stripLead(lx.Normalize(text))
	for k, re := range lx.itemQuantityRes {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		name, num := m[1], m[2]
		if k == 1 {
			name, num = m[2], m[1]
		}
		n, _ = strconv.Atoi(num)
		item = -1
		for i, it := range d.items {
			if match.AnyWordFits(strings.Fields(name)[0], match.Words(lx.Normalize(it.Name))) {
				if item >= 0 {
					return 0, 0, false
				}
				item = i
			}
		}
		return item, n, item >= 0
	}
	return 0, 0, false
}

// digitsBeforePacks writes a number word before a pack word in digits:
// "zwei packungen" -> "2 packungen", anywhere in normalised text.
func (lx *lexicon) digitsBeforePacks(s string) string {
	ws := strings.Fields(s)
	for i := 0; i+1 < len(ws); i++ {
		if n, ok := lx.WordNumber(strings.Trim(ws[i], ".!?")); ok && lx.In("pack_words", strings.Trim(ws[i+1], ".!?")) {
			ws[i] = strconv.Itoa(n)
		}
	}
	return strings.Join(ws, " ")
}

// timesWords writes a number of times as digits in normalised text
// ([words] times_suffixes): "zweimal" -> "2 mal", "einmal" -> "1 mal".
func (lx *lexicon) timesWords(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		for _, suffix := range lx.List("times_suffixes") {
			if head, ok := strings.CutSuffix(w, suffix); ok && head != "" {
				if n, ok := lx.WordNumber(head); ok {
					ws[i] = strconv.Itoa(n) + " " + suffix
				}
			}
		}
	}
	return strings.Join(ws, " ")
}

// choiceQuantity takes a number of packs out of an answer to a choice ("2
// boxes of the 30 count", "zweimal die erste", "die erste, 2 Stück"): the
// quantity, 0 when there is none, and the rest of the answer.
func (lx *lexicon) choiceQuantity(a string) (int, string) {
	s := lx.digitsBeforePacks(lx.timesWords(a))
	if m := lx.packsInsideRe.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		return n, strings.TrimSpace(m[1] + " " + m[3])
	}
	if n, rest, ok := lx.fewPiecesAfter(s); ok {
		return n, rest
	}
	if n, rest, ok := lx.countBesideOrdinal(s); ok {
		return n, rest // "von der ersten bitte zwei"
	}
	if n, rest, ok := lx.packsSaid(s); ok {
		return n, rest // "nehm die erste, davon zwei packungen"
	}
	return 0, a
}

// numberWordFirst reads a number word from two before a product as its
// quantity: "zwei Paracetamol 500" is two packs ("zwei Stück" is no
// product, "a lot" no quantity).
func (lx *lexicon) numberWordFirst(s string) (n int, rest string, ok bool) {
	first, rest, _ := strings.Cut(s, " ")
	n, ok = lx.WordNumber(first)
	if d, err := strconv.Atoi(first); err == nil && d >= 2 && d <= 9 {
		n, ok = d, true // "bitte 2 Ibuprofen 400": no pack holds 2 to 9
	}
	next, _, _ := strings.Cut(rest, " ")
	// "a", "eine" (1) are articles as much as numbers.
	if !ok || n < 2 || n > match.MaxQuantity || rest == "" || match.IsNumber(next) || lx.CountWord(next) || lx.StrengthUnit(next) || lx.In("pack_words", next) ||
		lx.In("pieces", next) {
		return 0, "", false
	}
	return n, rest, true
}

// fewPiecesAfter reads "zwei Stück", "2 Stück" at the end of a request as
// the number of packs: no pack holds fewer than six pieces, so a number
// word, or a digit up to five, before "Stück" counts packs.
func (lx *lexicon) fewPiecesAfter(part string) (n int, rest string, ok bool) {
	ws := match.Words(lx.Normalize(part))
	for len(ws) > 0 && lx.In("polite", ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 3 || !lx.In("pieces", ws[len(ws)-1]) {
		return 0, "", false
	}
	w := ws[len(ws)-2]
	if k, isWord := lx.WordNumber(w); isWord && k >= 2 && k <= match.MaxQuantity { // "zwanzig Stück" is a pack size
		n = k
	} else if k, err := strconv.Atoi(w); err == nil && k >= 1 && k <= 5 {
		n = k
	} else {
		return 0, "", false
	}
	return n, strings.Join(ws[:len(ws)-2], " "), true
}

// asksService reports a message about a service the bot does not offer
// ("Bitte um Rückruf", "liefert ihr?"): [words] service.
func (lx *lexicon) asksService(text string) bool {
	return slices.ContainsFunc(match.Words(lx.Normalize(text)), func(w string) bool { return lx.In("service", w) })
}

// nextWeek reports "nächste Woche" in words ([words] next_week).
func (lx *lexicon) nextWeek(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if lx.In("next_week", ws[i]+" "+ws[i+1]) {
			return true
		}
	}
	return false
}

// numberWordLast reads a number word after a comma at the end of a
// request as the number of packs: "Pantoprazol 40 mg von AL, bitte zwei".
func (lx *lexicon) numberWordLast(part string) (n int, rest string, ok bool) {
	head, tail, found := cutLast(part, ",")
	if !found {
		return 0, "", false
	}
	ws := match.Words(lx.Normalize(tail))
	ws = slices.DeleteFunc(ws, func(w string) bool { return lx.In("polite", w) })
	if len(ws) != 1 {
		return 0, "", false
	}
	if n, ok = lx.WordNumber(ws[0]); !ok || n < 2 || n > match.MaxQuantity {
		return 0, "", false
	}
	return n, head, true
}

// cutLast is strings.Cut at the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// more reports a quantity that adds to the last one: "noch eine
// Packung", "one more" ([words] more).
func (lx *lexicon) more(text string) bool {
	ws := match.Words(lx.Normalize(text))
	for _, w := range ws[:min(2, len(ws))] {
		if lx.In("more", w) {
			return true
		}
	}
	return false
}

// sameAgain reports "nochmal das gleiche (bitte)": one more of the last
// product ([words] same_again, polite words around it).
func (lx *lexicon) sameAgain(text string) bool {
	ws := slices.DeleteFunc(match.Words(lx.stripLead(lx.Normalize(text))), func(w string) bool { return lx.In("polite", w) })
	return lx.In("same_again", strings.Join(ws, " "))
}

// selfStatement is a part that says something of the customer ("ich bin
// Diabetiker", "I have a cold"): [words] self.
func (lx *lexicon) selfStatement(part string) bool {
	ws := match.Words(lx.Normalize(part))
	for n := 1; n <= 2 && n <= len(ws); n++ {
		if lx.In("self", strings.Join(ws[:n], " ")) {
			return true
		}
	}
	return false
}

// numberFirst writes a number word at the start of normalised text in
// digits ("zwei packungen" -> "2 packungen", "n paeckchen" -> "1
// paeckchen"), so the quantity patterns read it.
func (lx *lexicon) numberFirst(s string) string {
	s = lx.timesWords(s)
	if ws := strings.Fields(s); len(ws) > 2 {
		if _, one := lx.WordNumber(ws[0]); one {
			if n, two := lx.WordNumber(ws[1]); two { // "a couple of boxes": "2 boxes"
				ws = ws[2:]
				if lx.In("of", ws[0]) {
					ws = ws[1:]
				}
				s = strings.Join(append([]string{strconv.Itoa(n)}, ws...), " ")
			}
		}
	}
	first, rest, _ := strings.Cut(s, " ")
	if n, ok := lx.WordNumber(first); ok {
		return strings.TrimSpace(strconv.Itoa(n) + " " + rest)
	}
	return s
}

// productWords is a part of a request as the customer wrote it, without
// greeting and filler words around the product ("Guten Tag, ich hätte
// gerne Voltaren" -> "Voltaren"), to be quoted back.
func (lx *lexicon) productWords(part string) string {
	ws := strings.Fields(part)
	for len(ws) > 1 && lx.isFiller(ws[0]) {
		ws = ws[1:]
	}
	for len(ws) > 1 && lx.isFiller(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.TrimRight(strings.Join(ws, " "), "?!.,;: ")
}

func (lx *lexicon) isFiller(word string) bool {
	w := strings.Trim(lx.Normalize(word), ".,!:?")
	return lx.leadWord(w) || lx.smallTalkWord(w) || lx.Filler(w)
}

// askedDay finds the day a text asks about: "morgen", "übermorgen",
// "Samstag", "samstags", "on Friday" ([days], [weekdays]); noon of that
// day in loc, from now.
func (lx *lexicon) askedDay(text string, now time.Time, loc *time.Location) (time.Time, bool) {
	ws := match.Words(lx.Normalize(text))
	local := now.In(loc)
	noon := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)
	for i, w := range ws {
		if i > 0 && lx.In("not_days", ws[i-1]+" "+w) { // "Guten Morgen"
			continue
		}
		if n, k := lx.Day(ws, i); k > 0 {
			return noon.AddDate(0, 0, n), true
		}
		d, k := lx.Weekday(ws, i)
		if k == 0 { // also "samstags", "mondays"
			d, k = lx.everyWeekday(w)
		}
		if k > 0 {
			off := (d - int(noon.Weekday()) + 7) % 7
			switch {
			case lx.nextWeek(ws): // "nächste Woche Mittwoch"
				off += 7
			case off == 0 && i > 0 && lx.In("next", ws[i-1]): // "nächsten Montag", on a Monday
				off = 7
			}
			return noon.AddDate(0, 0, off), true
		}
	}
	return time.Time{}, false
}

// typedPZN returns a number written as a PZN: after the label, in groups
// joined by spaces or dashes ("PZN 7437-2349"), or eight digits alone; ""
// when there is none. err says whether it is a valid PZN.
func (lx *lexicon) typedPZN(part string) (string, error) {
	ws := match.Words(lx.Normalize(strings.ReplaceAll(part, "-", " ")))
	for i, w := range ws {
		digits := ""
		switch {
		case lx.In("pzn_labels", w):
			for _, d := range ws[i+1:] {
				if strings.Trim(d, "0123456789") != "" || len(digits)+len(d) > 8 {
					break
				}
				digits += d
			}
		case len(w) == 8 && strings.Trim(w, "0123456789") == "":
			digits = w
		}
		if len(digits) == 8 {
			_, err := pzn.Parse(digits)
			return digits, err
		}
	}
	return "", pzn.ErrFormat
}

// withoutPZN is part without a PZN label and the digits after it ("…,
// PZN 044 392 51, für morgen"): what is left to read as a product's name.
func (lx *lexicon) withoutPZN(part string) string {
	ws := match.Words(lx.Normalize(strings.ReplaceAll(part, "-", " ")))
	for i, w := range ws {
		if !lx.In("pzn_labels", w) {
			continue
		}
		end, digits := i+1, 0
		for end < len(ws) && strings.Trim(ws[end], "0123456789") == "" && digits+len(ws[end]) <= 8 {
			digits += len(ws[end])
			end++
		}
		return strings.Join(append(ws[:i:i], ws[end:]...), " ")
	}
	return part
}

// wrongPZN returns a typed PZN whose check digit does not fit, or that is
// never issued: mistyped, to be said so rather than "not found".
func (lx *lexicon) wrongPZN(part string) string {
	digits, err := lx.typedPZN(part)
	if errors.Is(err, pzn.ErrCheckDigit) || errors.Is(err, pzn.ErrNotIssued) {
		return digits
	}
	return ""
}

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

// The quantity patterns, built from the phrase files' [words] lists
// pack_words ("Packungen", "x", "boxes"), pieces ("Stück"), of_it
// ("davon"), quantity_labels ("Anzahl") and polite ("bitte"), on
// normalised text.
var (
	// quantityRe is a message that only gives a number of packs: "2x", "3
	// Packungen", "Anzahl: 2", "2 packs of it", "2 davon bitte".
	quantityRe = regexp.MustCompile(`^(?:` + alt("quantity_labels") + `)?\s*:?\s*(\d{1,3})\s*(?:` + alt("pack_words", "pieces") + `)?` +
		`(?:\s+(?:` + alt("of_it") + `))?(?:\s+(?:` + alt("polite") + `))?\s*[.!]?$`)
	// leadingQuantityRe is a number of packs before a product: "2x Ibu
	// 400", "2 Packungen Ibu", "2 mal Ibu", "2 boxes of paracetamol".
	leadingQuantityRe = regexp.MustCompile(`^(\d{1,3})\s*(?:` + alt("pack_words") + `)\s+(?:(?:` + alt("of") + `)\s+)?(.+)$`)
	// trailingQuantityRe is a number of packs after a product:
	// "Paracetamol 500 2 Packungen", "Ibu 400, 3x bitte".
	trailingQuantityRe = regexp.MustCompile(`^(.+?)[\s,]+(\d{1,3})\s*(?:` + alt("pack_words") + `)(?:\s+(?:` + alt("of_it") + `))?(?:\s+(?:` + alt("polite") + `))?\s*[.!]?$`)
	// piecesAfterPZNRe is "2 Stück" after a PZN, which names one pack.
	piecesAfterPZNRe = regexp.MustCompile(`^(.+?)[\s,]+(\d{1,2})\s*(?:` + alt("pieces", "pack_words") + `)(?:\s+(?:` + alt("polite") + `))?\s*[.!]?$`)
	// packsInsideRe is a number of packs anywhere in a request: "ich
	// bräuchte bitte 2 Packungen Ibuprofen 400".
	packsInsideRe = regexp.MustCompile(`^(.*?)(?:^|[\s,.]+)(\d{1,2})\s*(?:` + alt("pack_words") + `)(?:[\s,.]+(.*))?$`)
	// timesInsideRe is "2x" between commas inside a request ([words]
	// times): "Paracetamol 500, 2x, von Sandoz".
	timesInsideRe = regexp.MustCompile(`^(.+?)[\s,.]+(\d{1,2})\s*(?:` + alt("times") + `)[\s,.]+(.+)$`) // normalize wrote commas as points
	// timesAfterRe is "x3", "mal 2" after a product: "PZN 46165976 x3".
	timesAfterRe = regexp.MustCompile(`^(.+?)[\s,]+(?:` + alt("times") + `)\s*(\d{1,2})(?:\s+(?:` + alt("polite") + `))?\s*[.!]?$`)
)

// saidAlone reports whether normalised text is exactly one entry of a
// [words] list: "ja" is, "ja?" and "ja ja" are not.
func saidAlone(list, text string) bool {
	return strings.Join(nlu.Spelled(text), " ") == text && match.Lexicon.In(list, text)
}

// alt is a regexp alternation of the entries of [words] lists, longest
// first.
func alt(lists ...string) string {
	var ws []string
	for _, l := range lists {
		ws = append(ws, match.Lexicon.List(l)...)
	}
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	for i, w := range ws {
		ws[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(ws, "|")
}

// leadWord carries no meaning before a quantity or a product: "doch
// lieber 2 Packungen", "und Nasenspray", "ich brauche 2x Ibu" ([words] lead).
func leadWord(w string) bool { return match.Lexicon.In("lead", w) }

// onlyLead reports normalised text of lead and polite words only ("nee
// nur sorry"): nothing said.
func onlyLead(s string) bool {
	return !slices.ContainsFunc(match.Words(s), func(w string) bool {
		return !leadWord(w) && !match.Lexicon.In("polite", w)
	})
}

// onlyErasure reports a request to erase that asks nothing more ("Hallo,
// bitte löschen Sie meine Daten"), no question: besides the erasing words
// only lead, polite, small talk and filler words, and what is to be erased
// ([words] erase_objects).
func onlyErasure(text string) bool {
	return !strings.Contains(text, "?") && !slices.ContainsFunc(match.Words(match.Normalize(text)), func(w string) bool {
		return !match.Lexicon.Says(w, nlu.Delete) && !leadWord(w) && !smallTalkWord(w) && !match.Lexicon.In("polite", w) && !match.Filler(w) &&
			!match.Lexicon.In("erase_objects", w)
	})
}

// onlyFillers reports a part of a message without a word that could name
// a product or a day ("ah", "ich brauch die Nachricht noch"): lead,
// polite and filler words only ("morgen" is a day).
func onlyFillers(part string) bool {
	return !slices.ContainsFunc(match.Words(match.Normalize(part)), func(w string) bool {
		_, day := match.Lexicon.Day([]string{w}, 0)
		return day > 0 || !leadWord(w) && !match.Lexicon.In("polite", w) && !match.Filler(w)
	})
}

// stripLead drops leadWords from the start of normalised text.
func stripLead(s string) string {
	s = strings.TrimSpace(s)
	for {
		w, rest, found := strings.Cut(s, " ")
		if w = strings.Trim(w, ".!:"); !found || !leadWord(w) && !smallTalkWord(w) { // also a greeting first
			return s
		}
		s = strings.TrimSpace(rest)
	}
}

func isOpenQuestion(text string) bool {
	ws := match.Words(match.Normalize(text))
	return len(ws) > 0 && match.Lexicon.In("question_openers", ws[0]) // "Wo seid ihr?"
}

// isQuestionNoProduct reports a question the bot cannot answer: one that
// opens with a question word, or any question that does not ask for a
// product ("Kann ich mit Karte zahlen?").
func isQuestionNoProduct(text string) bool {
	if isOpenQuestion(text) {
		return true
	}
	// A question for a product ("Habt ihr Aspirin?"): one the inventory
	// lacks is not found, not unanswerable.
	return !asksForProduct(text) && strings.Contains(text, "?")
}

// asksForProduct reports a question that begins as one for a product:
// "Habt ihr Aspirin?", "do you have cetirizine?" ([words] product_asks).
func asksForProduct(text string) bool {
	ws := match.Words(stripLead(match.Normalize(text)))
	for n := 2; n <= 3 && n < len(ws); n++ {
		if match.Lexicon.In("product_asks", strings.Join(ws[:n], " ")) {
			return true
		}
	}
	return false
}

// mentionsPrescription reports a message about a prescription that names
// no product ("Ich habe ein E-Rezept, geht das?").
func mentionsPrescription(text string) bool {
	for _, w := range match.Words(match.Normalize(text)) {
		if match.Lexicon.In("prescription", w) {
			return true
		}
	}
	return false
}

// splitParts splits a request into one part per product: by line, ";",
// "+", [words] part_joiners ("und", "and"). Commas stay: "23,2 mg/g" and "Ibu 400, 20 Stück".
func splitParts(text string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' || r == '+' }) {
		for _, p := range partSep.Split(line, -1) {
			if strings.TrimSpace(p) != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

var partSep = regexp.MustCompile(`(?i)\s+(?:` + alt("part_joiners") + `)\s+`)

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

// eachRe is a quantity for each product at the end of a request: ", gern
// je 2", "jeweils 3 Packungen" ([words] both, lead before it, pack_words
// and polite after).
var eachRe = regexp.MustCompile(`(?i)[,;]?\s*(?:(?:` + alt("lead") + `)\s+)*(?:` + alt("both") + `)\s+(\d{1,2}|\p{L}+)\s*(?:` + alt("pack_words") + `)?(?:\s+(?:` + alt("polite") + `))?\s*[.!]?\s*$`)

// eachFirstRe is a quantity for each product at the start of a request:
// "je zwei von Cetirizin und Loperamid" ([words] both, of).
var eachFirstRe = regexp.MustCompile(`(?i)^\s*(?:(?:` + alt("lead") + `)\s+)*(?:` + alt("both") + `)\s+(\d{1,2}|\p{L}+)\s*(?:` + alt("pack_words") + `)?\s+(?:` + alt("of") + `)\s+`)

// eachQuantity takes a quantity for each product off the end of a request
// (or its start):
// the rest, and the quantity (0 when there is none).
func eachQuantity(text string) (string, int) {
	m := eachRe.FindStringSubmatchIndex(text)
	if m == nil {
		m = eachFirstRe.FindStringSubmatchIndex(text) // "je zwei von Cetirizin und Loperamid"
	}
	if m == nil {
		return text, 0
	}
	num := text[m[2]:m[3]]
	n, err := strconv.Atoi(num)
	if err != nil {
		var ok bool
		if n, ok = match.WordNumber(strings.ToLower(num)); !ok {
			return text, 0
		}
	}
	return text[:m[0]] + text[m[1]:], n
}

// sizeAsked returns the pack size normalised text names ("zehn Stück
// reichen", "50 Tabletten"), "" when it names none.
func sizeAsked(s string) string {
	ws := strings.Fields(s)
	for i := 0; i+1 < len(ws); i++ {
		if n, ok := match.WordNumber(ws[i]); ok && match.CountWord(strings.Trim(ws[i+1], ".,!?")) {
			ws[i] = strconv.Itoa(n)
		}
	}
	return match.ParseRequest(strings.Join(ws, " ")).Count
}

// pickupBySomeoneElse reports a question whether another person may pick
// the order up ("Kann mein Mann die Bestellung abholen?"): [words]
// pickup_by and pickup_verbs in a question.
func pickupBySomeoneElse(text string) bool {
	return (strings.Contains(text, "?") || isOpenQuestion(text)) && saysAny("pickup_by", text) && saysAny("pickup_verbs", text)
}

// saysAny reports whether text holds an entry of a [words] list, of up
// to five words, anywhere.
func saysAny(list, text string) bool {
	ws := match.Words(match.Normalize(text))
	for i := range ws {
		for n := 1; n <= 5 && i+n <= len(ws); n++ {
			if match.Lexicon.In(list, strings.Join(ws[i:i+n], " ")) {
				return true
			}
		}
	}
	return false
}

// namesForm reports whether one of the texts names a dosage form
// ("Hustensaft"): a product asked for, not a leftover of a question.
func namesForm(texts []string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return match.ParseRequest(s).Form != "" })
}

// onlyQuantity reads a part of a request that is a number of packs and
// nothing else ("bitte gleich 2").
func onlyQuantity(part string) (int, bool) {
	m := quantityRe.FindStringSubmatch(numberFirst(stripLead(match.Normalize(part))))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, n >= 1 && n <= match.MaxQuantity
}

// eachDescRe is a description for each product at the end of a request:
// ", jeweils die kleinste Packung" ([words] lead and both before it).
var eachDescRe = regexp.MustCompile(`(?i)[,;]?\s*(?:(?:` + alt("lead") + `)\s+)*(?:` + alt("both") + `)\s+([^,;]+?)\s*[.!]?\s*$`)

// eachDescribed takes a description for each product off the end of a
// request ("jeweils die kleinste Packung"): the rest, and the description
// to add to each part ("" when there is none).
func eachDescribed(text string) (string, string) {
	m := eachDescRe.FindStringSubmatchIndex(text)
	if m == nil {
		return text, ""
	}
	desc := text[m[2]:m[3]]
	if !match.DescribesPack(desc) && sizeAsked(match.Normalize(desc)) == "" { // "die kleinste Packung", "100 Stück"
		return text, ""
	}
	return text[:m[0]], " " + desc
}

// withoutAnyChoice takes the clauses that leave the choice to the pharmacy
// out of a request ("Magnesium 300, 3 Packungen, egal welcher
// Hersteller"): the rest, and whether there were any.
func withoutAnyChoice(text string) (string, bool) {
	segs := commaSplit(text)
	kept := slices.DeleteFunc(slices.Clone(segs), func(s string) bool { return anyChoice(strings.Trim(match.Normalize(s), " .!")) })
	if len(kept) == len(segs) || len(kept) == 0 {
		return text, false
	}
	return strings.Join(kept, ","), true
}

// choiceIn reads which of n candidates normalised answer a names: one
// number or ordinal among choice words; 0 when it names none, or more.
func choiceIn(a string, n int) int {
	choice, named := 0, 0
	for _, w := range match.Words(a) {
		ord, isOrd := match.Lexicon.Ordinal(w)
		switch {
		case match.IsNumber(w):
			choice, _ = strconv.Atoi(w)
			named++
		case isOrd && ord == 0:
			choice = n
			named++
		case isOrd:
			choice = ord
			named++
		case match.Lexicon.In("choice", w):
		default: // a number in words: "die zwei", "Nummer drei"
			k, ok := match.WordNumber(w)
			if !ok {
				return 0
			}
			choice = k
			named++
		}
	}
	if named != 1 {
		return 0
	}
	return choice
}

// smallTalkWord carries no request: a greeting or thanks gets the help
// text ([words] small_talk).
func smallTalkWord(w string) bool { return match.Lexicon.In("small_talk", w) }

// isSmallTalk reports a message that is only thanks, agreement, a goodbye
// or a greeting (the phrase files' [thanks] and [greeting]).
func isSmallTalk(s string) bool { return match.Lexicon.Only(s, nlu.Thanks, nlu.Greeting) }

// anyChoice reports an answer that leaves the choice to the pharmacy:
// "egal welche" ([words] any_choice), or one of its words among words
// that go with it ("von wem ist mir egal", "any brand": any_words).
func anyChoice(a string) bool {
	if match.Lexicon.In("any_choice", stripLead(a)) {
		return true
	}
	ws := match.Words(a)
	return slices.ContainsFunc(ws, func(w string) bool { return match.Lexicon.In("any_choice", w) }) &&
		!slices.ContainsFunc(ws, func(w string) bool {
			return !match.Lexicon.In("any_choice", w) && !match.Lexicon.In("any_words", w) && !leadWord(w) && !match.Lexicon.In("polite", w) &&
				!smallTalkWord(w) && !match.Lexicon.In("choice", w)
		})
}

// quantityForAll reads a quantity for everything on a request: "beide
// bitte 2x", "jeweils 3 Packungen" ([words] both).
func quantityForAll(text string) (int, bool) {
	ws := match.Words(match.Normalize(text))
	rest := slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return match.Lexicon.In("both", w) })
	if len(rest) == len(ws) {
		return 0, false
	}
	m := quantityRe.FindStringSubmatch(numberFirst(stripLead(strings.Join(rest, " "))))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, true
}

// allIn reports text whose every word is an entry of the [words] list
// ("ok nehm ich" in accept, "ja bitte" in yes).
func allIn(list, text string) bool {
	ws := match.Words(match.Normalize(text))
	return len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !match.Lexicon.In(list, w) })
}

// thanks reports a message of thanks or goodbye, perhaps with a greeting
// ("ok danke, ciao"), but not a greeting alone.
func thanks(text string) bool {
	greetingAlone := match.Lexicon.Only(text, nlu.Greeting) && match.Lexicon.Says(text, nlu.Greeting)
	return match.Lexicon.Only(text, nlu.Thanks, nlu.Greeting) && match.Lexicon.Says(text, nlu.Thanks) && !greetingAlone || saysAny("thanks_first", text)
}

// namesPieces reports a word for pieces ("10 Stück"): [words] pieces or
// count_words.
func namesPieces(text string) bool {
	return slices.ContainsFunc(match.Words(match.Normalize(text)), func(w string) bool { return match.Lexicon.In("pieces", w) || match.CountWord(w) })
}

// itemQuantityRes are a quantity for a product named by a word of its name
// ([words] of_item: "vom", "von der", "of the"): "vom Cetirizin 2", "2
// vom Cetirizin", "3 of the paracetamol".
var itemQuantityRes = []*regexp.Regexp{
	regexp.MustCompile(`^(?:` + alt("of_item") + `)\s+(\p{L}[\p{L}\s-]*?)[\s:,]+(\d{1,3})\s*(?:` + alt("pack_words", "pieces") + `)?[\s.!]*$`),
	regexp.MustCompile(`^(\d{1,3})\s*(?:` + alt("pack_words", "pieces") + `)?\s+(?:` + alt("of_item") + `)\s+(\p{L}[\p{L}\s-]*?)[\s.!]*$`),
}

// itemQuantity finds which item of the request such a message names, and
// the quantity; false when it names none or several.
func itemQuantity(d *draft, text string) (item, n int, ok bool) {
	s := stripLead(match.Normalize(text))
	for k, re := range itemQuantityRes {
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
			if match.AnyWordFits(strings.Fields(name)[0], match.Words(match.Normalize(it.Name))) {
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
func digitsBeforePacks(s string) string {
	ws := strings.Fields(s)
	for i := 0; i+1 < len(ws); i++ {
		if n, ok := match.WordNumber(strings.Trim(ws[i], ".!?")); ok && match.Lexicon.In("pack_words", strings.Trim(ws[i+1], ".!?")) {
			ws[i] = strconv.Itoa(n)
		}
	}
	return strings.Join(ws, " ")
}

// timesWords writes a number of times as digits in normalised text
// ([words] times_suffixes): "zweimal" -> "2 mal", "einmal" -> "1 mal".
func timesWords(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		for _, suffix := range match.Lexicon.List("times_suffixes") {
			if head, ok := strings.CutSuffix(w, suffix); ok && head != "" {
				if n, ok := match.WordNumber(head); ok {
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
func choiceQuantity(a string) (int, string) {
	s := digitsBeforePacks(timesWords(a))
	if m := packsInsideRe.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		return n, strings.TrimSpace(m[1] + " " + m[3])
	}
	if n, rest, ok := fewPiecesAfter(s); ok {
		return n, rest
	}
	if n, rest, ok := countBesideOrdinal(s); ok {
		return n, rest // "von der ersten bitte zwei"
	}
	return 0, a
}

// numberWordFirst reads a number word from two before a product as its
// quantity: "zwei Paracetamol 500" is two packs ("zwei Stück" is no
// product, "a lot" no quantity).
func numberWordFirst(s string) (n int, rest string, ok bool) {
	first, rest, _ := strings.Cut(s, " ")
	n, ok = match.WordNumber(first)
	if d, err := strconv.Atoi(first); err == nil && d >= 2 && d <= 9 {
		n, ok = d, true // "bitte 2 Ibuprofen 400": no pack holds 2 to 9
	}
	next, _, _ := strings.Cut(rest, " ")
	// "a", "eine" (1) are articles as much as numbers.
	if !ok || n < 2 || n > match.MaxQuantity || rest == "" || match.IsNumber(next) || match.CountWord(next) || match.StrengthUnit(next) || match.Lexicon.In("pack_words", next) ||
		match.Lexicon.In("pieces", next) {
		return 0, "", false
	}
	return n, rest, true
}

// fewPiecesAfter reads "zwei Stück", "2 Stück" at the end of a request as
// the number of packs: no pack holds fewer than six pieces, so a number
// word, or a digit up to five, before "Stück" counts packs.
func fewPiecesAfter(part string) (n int, rest string, ok bool) {
	ws := match.Words(match.Normalize(part))
	for len(ws) > 0 && match.Lexicon.In("polite", ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 3 || !match.Lexicon.In("pieces", ws[len(ws)-1]) {
		return 0, "", false
	}
	w := ws[len(ws)-2]
	if k, isWord := match.WordNumber(w); isWord && k >= 2 && k <= match.MaxQuantity { // "zwanzig Stück" is a pack size
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
func asksService(text string) bool {
	return slices.ContainsFunc(match.Words(match.Normalize(text)), func(w string) bool { return match.Lexicon.In("service", w) })
}

// nextWeek reports "nächste Woche" in words ([words] next_week).
func nextWeek(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if match.Lexicon.In("next_week", ws[i]+" "+ws[i+1]) {
			return true
		}
	}
	return false
}

// numberWordLast reads a number word after a comma at the end of a
// request as the number of packs: "Pantoprazol 40 mg von AL, bitte zwei".
func numberWordLast(part string) (n int, rest string, ok bool) {
	head, tail, found := cutLast(part, ",")
	if !found {
		return 0, "", false
	}
	ws := match.Words(match.Normalize(tail))
	ws = slices.DeleteFunc(ws, func(w string) bool { return match.Lexicon.In("polite", w) })
	if len(ws) != 1 {
		return 0, "", false
	}
	if n, ok = match.WordNumber(ws[0]); !ok || n < 2 || n > match.MaxQuantity {
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
func more(text string) bool {
	ws := match.Words(match.Normalize(text))
	for _, w := range ws[:min(2, len(ws))] {
		if match.Lexicon.In("more", w) {
			return true
		}
	}
	return false
}

// sameAgain reports "nochmal das gleiche (bitte)": one more of the last
// product ([words] same_again, polite words around it).
func sameAgain(text string) bool {
	ws := slices.DeleteFunc(match.Words(stripLead(match.Normalize(text))), func(w string) bool { return match.Lexicon.In("polite", w) })
	return match.Lexicon.In("same_again", strings.Join(ws, " "))
}

// selfStatement is a part that says something of the customer ("ich bin
// Diabetiker", "I have a cold"): [words] self.
func selfStatement(part string) bool {
	ws := match.Words(match.Normalize(part))
	for n := 1; n <= 2 && n <= len(ws); n++ {
		if match.Lexicon.In("self", strings.Join(ws[:n], " ")) {
			return true
		}
	}
	return false
}

// numberFirst writes a number word at the start of normalised text in
// digits ("zwei packungen" -> "2 packungen", "n paeckchen" -> "1
// paeckchen"), so the quantity patterns read it.
func numberFirst(s string) string {
	s = timesWords(s)
	first, rest, _ := strings.Cut(s, " ")
	if n, ok := match.WordNumber(first); ok {
		return strings.TrimSpace(strconv.Itoa(n) + " " + rest)
	}
	return s
}

// productWords is a part of a request as the customer wrote it, without
// greeting and filler words around the product ("Guten Tag, ich hätte
// gerne Voltaren" -> "Voltaren"), to be quoted back.
func productWords(part string) string {
	ws := strings.Fields(part)
	for len(ws) > 1 && isFiller(ws[0]) {
		ws = ws[1:]
	}
	for len(ws) > 1 && isFiller(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.TrimRight(strings.Join(ws, " "), "?!.,;: ")
}

func isFiller(word string) bool {
	w := strings.Trim(match.Normalize(word), ".,!:?")
	return leadWord(w) || smallTalkWord(w) || match.Filler(w)
}

// askedDay finds the day a text asks about: "morgen", "übermorgen",
// "Samstag", "samstags", "on Friday" ([days], [weekdays]); noon of that
// day in loc, from now.
func askedDay(text string, now time.Time, loc *time.Location) (time.Time, bool) {
	ws := match.Words(match.Normalize(text))
	local := now.In(loc)
	noon := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)
	for i, w := range ws {
		if i > 0 && match.Lexicon.In("not_days", ws[i-1]+" "+w) { // "Guten Morgen"
			continue
		}
		if n, k := match.Lexicon.Day(ws, i); k > 0 {
			return noon.AddDate(0, 0, n), true
		}
		d, k := match.Lexicon.Weekday(ws, i)
		if k == 0 { // also "samstags", "mondays"
			d, k = everyWeekday(w)
		}
		if k > 0 {
			off := (d - int(noon.Weekday()) + 7) % 7
			switch {
			case nextWeek(ws): // "nächste Woche Mittwoch"
				off += 7
			case off == 0 && i > 0 && match.Lexicon.In("next", ws[i-1]): // "nächsten Montag", on a Monday
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
func typedPZN(part string) (string, error) {
	ws := match.Words(match.Normalize(strings.ReplaceAll(part, "-", " ")))
	for i, w := range ws {
		digits := ""
		switch {
		case match.Lexicon.In("pzn_labels", w):
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

// wrongPZN returns a typed PZN whose check digit does not fit, or that is
// never issued: mistyped, to be said so rather than "not found".
func wrongPZN(part string) string {
	digits, err := typedPZN(part)
	if errors.Is(err, pzn.ErrCheckDigit) || errors.Is(err, pzn.ErrNotIssued) {
		return digits
	}
	return ""
}

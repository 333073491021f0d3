package bot

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// The words of customers' messages that are no product: quantities, filler
// words, choices, small talk, open questions.

// quantityRe is a message that only gives a number of packs: "2x", "3
// Packungen", "Anzahl: 2", "2 packs of it", "2 davon bitte".
var quantityRe = regexp.MustCompile(`^(?:anzahl|menge|quantity)?\s*:?\s*(\d{1,3})\s*(?:x|mal|packungen|packung|packs|pack|stueck|stk|pcs|times|paeckchen|schachteln|schachtel|boxes|box)?` +
	`(?:\s+(?:davon|of it|of them|of those|of these|of that))?(?:\s+(?:bitte|please))?\s*[.!]?$`)

// leadingQuantityRe is a number of packs before a product: "2x Ibu 400",
// "2 Packungen Ibu", "2 mal Ibu", "2 boxes of paracetamol".
var leadingQuantityRe = regexp.MustCompile(`^(\d{1,3})\s*(?:x|mal|packungen|packung|packs|pack|pck|schachteln|schachtel|paeckchen|boxes|box|packets|packet|packages|package)\s+(?:(?:of|von)\s+)?(.+)$`)

// maxQuantity bounds what the bot takes; more is a matter for the counter.
const maxQuantity = 10

// leadWord carries no meaning before a quantity or a product: "doch
// lieber 2 Packungen", "und Nasenspray", "ich brauche 2x Ibu" ([words] lead).
func leadWord(w string) bool { return lexicon.In("lead", w) }

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
	ws := words(normalize(text))
	return len(ws) > 0 && lexicon.In("question_openers", ws[0]) // "Wo seid ihr?"
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
	ws := words(normalize(text))
	for n := 2; n <= 3 && n < len(ws); n++ {
		if lexicon.In("product_asks", strings.Join(ws[:n], " ")) {
			return false
		}
	}
	return strings.Contains(text, "?")
}

// mentionsPrescription reports a message about a prescription that names
// no product ("Ich habe ein E-Rezept, geht das?").
func mentionsPrescription(text string) bool {
	for _, w := range words(normalize(text)) {
		if lexicon.In("prescription", w) {
			return true
		}
	}
	return false
}

// splitParts splits a request into one part per product: by line, ";",
// "und", "and", "+". Commas stay: "23,2 mg/g" and "Ibu 400, 20 Stück".
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

var partSep = regexp.MustCompile(`(?i)\s+(?:und|and|sowie)\s+`)

// choiceIn reads which of n candidates normalised answer a names: one
// number or ordinal among choice words; 0 when it names none, or more.
func choiceIn(a string, n int) int {
	choice, named := 0, 0
	for _, w := range words(a) {
		ord, isOrd := lexicon.Ordinal(w)
		switch {
		case isNumber(w):
			choice, _ = strconv.Atoi(w)
			named++
		case isOrd && ord == 0:
			choice = n
			named++
		case isOrd:
			choice = ord
			named++
		case lexicon.In("choice", w):
		default: // a number in words: "die zwei", "Nummer drei"
			k, ok := wordNumber(w)
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
func smallTalkWord(w string) bool { return lexicon.In("small_talk", w) }

// isSmallTalk reports a message that is only thanks, agreement, a goodbye
// or a greeting (the phrase files' [thanks] and [greeting]).
func isSmallTalk(s string) bool { return lexicon.Only(s, nlu.Thanks, nlu.Greeting) }

// wordNumber reads a number word of the phrase files ("zwei", "three").
func wordNumber(w string) (int, bool) {
	if ws := nlu.Words(w); len(ws) == 1 {
		return lexicon.Number(ws[0])
	}
	return 0, false
}

// numberFirst writes a number word at the start of normalised text in
// digits ("zwei packungen" -> "2 packungen", "n paeckchen" -> "1
// paeckchen"), so the quantity patterns read it.
func numberFirst(s string) string {
	first, rest, _ := strings.Cut(s, " ")
	if n, ok := wordNumber(first); ok {
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
	w := strings.Trim(normalize(word), ".,!:?")
	return leadWord(w) || smallTalkWord(w) || filler(w)
}

// askedDay finds the day a text asks about: "morgen", "übermorgen",
// "Samstag", "samstags", "on Friday" ([days], [weekdays]); noon of that
// day in loc, from now.
func askedDay(text string, now time.Time, loc *time.Location) (time.Time, bool) {
	ws := words(normalize(text))
	local := now.In(loc)
	noon := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)
	for i, w := range ws {
		if w == "morgen" && i > 0 && ws[i-1] == "guten" {
			continue
		}
		if n, k := lexicon.Day(ws, i); k > 0 {
			return noon.AddDate(0, 0, n), true
		}
		d, k := lexicon.Weekday(ws, i)
		if k == 0 && strings.HasSuffix(w, "s") { // also "samstags", "mondays"
			d, k = lexicon.Weekday([]string{strings.TrimSuffix(w, "s")}, 0)
		}
		if k > 0 {
			return noon.AddDate(0, 0, (d-int(noon.Weekday())+7)%7), true
		}
	}
	return time.Time{}, false
}

// typedPZN returns a number written as a PZN: after the label, in groups
// joined by spaces or dashes ("PZN 7437-2349"), or eight digits alone; ""
// when there is none. err says whether it is a valid PZN.
func typedPZN(part string) (string, error) {
	ws := words(normalize(strings.ReplaceAll(part, "-", " ")))
	for i, w := range ws {
		digits := ""
		switch {
		case w == "pzn":
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

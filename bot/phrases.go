package bot

import (
	"errors"
	"regexp"
	"slices"
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

// leadWords carry no meaning before a quantity or a product: "doch lieber
// 2 Packungen", "und Nasenspray", "ich brauche 2x Ibu".
var leadWords = map[string]bool{"doch": true, "lieber": true, "bloss": true, "blos": true, "halt": true, "eher": true, "bitte": true, "dann": true, "nur": true, "noch": true,
	"auch": true, "und": true, "sowie": true, "plus": true, "ich": true, "wir": true, "moechte": true, "moechten": true, "haett": true, "hett": true,
	"brauche": true, "brauchen": true, "haette": true, "haetten": true, "gern": true, "gerne": true, "nehme": true,
	"nehmen": true, "insgesamt": true, "also": true, "ja": true, "ok": true, "okay": true, "and": true, "please": true,
	"i": true, "need": true, "want": true, "would": true, "like": true, "rather": true, "make": true, "it": true,
	"instead": true, "just": true, "only": true, "actually": true, "davon": true}

// stripLead drops leadWords from the start of normalised text.
func stripLead(s string) string {
	s = strings.TrimSpace(s)
	for {
		w, rest, found := strings.Cut(s, " ")
		if w = strings.Trim(w, ".!:"); !found || !leadWords[w] && !smallTalk[w] { // also a greeting first
			return s
		}
		s = strings.TrimSpace(rest)
	}
}

// questionOpeners begin a question that names no product ("Wo seid ihr?").
var questionOpeners = []string{"was", "wie", "wo", "wohin", "warum", "wieso", "weshalb", "wer", "what", "how", "where", "why", "who"}

func isOpenQuestion(text string) bool {
	ws := words(normalize(text))
	return len(ws) > 0 && slices.Contains(questionOpeners, ws[0])
}

// productAsks begin a question for a product ("Habt ihr Aspirin?"): one
// the inventory lacks is not found, not unanswerable.
var productAsks = []string{"hast du", "habt ihr", "haben sie", "gibt es", "fuehrt ihr", "fuehren sie",
	"do you have", "have you got", "do you sell", "is there"}

// isQuestionNoProduct reports a question the bot cannot answer: one that
// opens with a question word, or any question that does not ask for a
// product ("Kann ich mit Karte zahlen?").
func isQuestionNoProduct(text string) bool {
	if isOpenQuestion(text) {
		return true
	}
	t := strings.Join(words(normalize(text)), " ")
	for _, a := range productAsks {
		if strings.HasPrefix(t, a+" ") {
			return false
		}
	}
	return strings.Contains(text, "?")
}

// mentionsPrescription reports a message about a prescription that names
// no product ("Ich habe ein E-Rezept, geht das?").
func mentionsPrescription(text string) bool {
	for _, w := range words(normalize(text)) {
		switch w {
		case "rezept", "rezepte", "erezept", "prescription", "prescriptions", "eprescription":
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

// ordinals name a candidate by its place; 0 stands for the last.
var ordinals = map[string]int{"erste": 1, "ersten": 1, "erstes": 1, "erster": 1, "first": 1,
	"zweite": 2, "zweiten": 2, "zweites": 2, "zweiter": 2, "second": 2,
	"dritte": 3, "dritten": 3, "drittes": 3, "dritter": 3, "third": 3,
	"vierte": 4, "vierten": 4, "viertes": 4, "vierter": 4, "fourth": 4,
	"fuenfte": 5, "fuenften": 5, "fuenftes": 5, "fuenfter": 5, "fifth": 5,
	"letzte": 0, "letzten": 0, "letztes": 0, "letzter": 0, "last": 0}

// choiceWords may stand around a choice: "Nr. 2", "die erste bitte", "the
// second one", "ich nehme die 3".
var choiceWords = map[string]bool{"nr": true, "nummer": true, "number": true, "option": true, "die": true, "das": true,
	"den": true, "der": true, "the": true, "one": true, "bitte": true, "please": true, "ich": true, "nehme": true,
	"i": true, "take": true, "choose": true, "ok": true, "gern": true, "gerne": true, "dann": true}

// choiceIn reads which of n candidates normalised answer a names: one
// number or ordinal among choice words; 0 when it names none, or more.
func choiceIn(a string, n int) int {
	choice, named := 0, 0
	for _, w := range words(a) {
		ord, isOrd := ordinals[w]
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
		case choiceWords[w]:
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

// smallTalk words carry no request: a greeting or thanks gets the help text.
var smallTalk = map[string]bool{"hallo": true, "hi": true, "hello": true, "hey": true, "moin": true, "servus": true,
	"guten": true, "gute": true, "tag": true, "morgen": true, "abend": true, "nacht": true, "danke": true, "vielen": true,
	"dank": true, "bis": true, "dann": true, "spaeter": true, "gleich": true, "wiedersehen": true, "tschuess": true,
	"ciao": true, "schoenen": true, "prima": true, "toll": true, "perfekt": true, "alles": true, "klar": true,
	"thanks": true, "thank": true, "you": true, "ok": true, "okay": true, "gut": true, "super": true, "bye": true,
	"see": true, "later": true, "great": true, "perfect": true, "good": true, "fine": true, "cool": true, "cheers": true,
	"wars": true, "erstmal": true,
	"that": true, "thats": true, "all": true, "it": true, "its": true, "for": true, "now": true, "das": true,
	"war": true, "es": true, "ist": true}

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
	return leadWords[w] || smallTalk[w] || fillers[w]
}

// dayWords name a day a customer asks about, as days from today; weekdays
// are handled by weekdayWords.
var dayWords = map[string]int{"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "uebermorgen": 2}

var weekdayWords = map[string]time.Weekday{"sonntag": time.Sunday, "montag": time.Monday, "dienstag": time.Tuesday,
	"mittwoch": time.Wednesday, "donnerstag": time.Thursday, "freitag": time.Friday, "samstag": time.Saturday,
	"sonnabend": time.Saturday, "sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// askedDay finds the day a message asks about ("morgen", "am Samstag",
// "on Monday"), as noon of that day in loc; false when it names none.
// "Guten Morgen" is a greeting, not tomorrow.
func askedDay(text string, now time.Time, loc *time.Location) (time.Time, bool) {
	ws := words(normalize(text))
	local := now.In(loc)
	noon := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)
	for i, w := range ws {
		if w == "morgen" && i > 0 && ws[i-1] == "guten" {
			continue
		}
		if n, ok := dayWords[w]; ok {
			return noon.AddDate(0, 0, n), true
		}
		if d, ok := weekdayWords[strings.TrimSuffix(w, "s")]; ok { // also "samstags", "mondays"
			return noon.AddDate(0, 0, (int(d)-int(noon.Weekday())+7)%7), true
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

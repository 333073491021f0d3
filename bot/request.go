package bot

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// request is a customer's free text taken apart for matching.
type request struct {
	words    []string // name and maker words
	strength string   // a number with a strength unit: "400"
	count    string   // a number with a count word: "20"
	numbers  []string // bare numbers: a strength or a count
	form     string   // a dosage form word, normalised
}

// strengthUnits follow a strength; countWords follow a pack size.
var (
	strengthUnits = map[string]bool{"mg": true, "g": true, "ug": true, "mcg": true, "ml": true, "ie": true, "i.e": true}
	countWords    = map[string]bool{"stueck": true, "stk": true, "st": true, "tabletten": true, "tabl": true, "kapseln": true, "tbl": true}
	fillers       = map[string]bool{"ich": true, "brauche": true, "bitte": true, "habt": true, "ihr": true, "haben": true, "sie": true,
		"die": true, "der": true, "das": true, "eine": true, "einen": true, "packung": true, "packungen": true, "und": true,
		"von": true, "mit": true, "i": true, "need": true, "please": true, "pack": true, "of": true, "the": true, "a": true,
		"n1": true, "n2": true, "n3": true, "pzn": true, "mal": true, "x": true,
		// Short common words would otherwise fit a product by prefix ("bis" -> Bisoprolol).
		"bis": true, "oder": true, "ohne": true, "fuer": true, "auf": true, "aus": true, "bei": true, "nach": true,
		"vor": true, "zum": true, "zur": true, "ein": true, "dem": true, "den": true, "des": true, "ist": true,
		"hat": true, "habe": true, "kann": true, "wie": true, "was": true, "wann": true, "heute": true, "morgen": true,
		"danke": true, "tag": true, "guten": true, "hallo": true, "gern": true, "gerne": true, "noch": true, "auch": true,
		"schon": true, "nicht": true, "for": true, "and": true, "or": true, "with": true, "today": true,
		"tomorrow": true, "thanks": true, "have": true, "you": true, "some": true, "any": true, "hast": true,
		"du": true, "gibt": true, "es": true, "do": true, "got": true, "sell": true, "there": true, "all": true,
		"that": true, "thats": true, "its": true, "like": true, "would": true, "boxes": true, "box": true,
		"schachtel": true, "schachteln": true}
	forms = []string{"filmtabletten", "tabletten", "kapseln", "hartkapseln", "retardtabletten", "brausetabletten",
		"kautabletten", "nasenspray", "spray", "gel", "salbe", "creme", "tropfen", "saft", "sirup", "pulver", "dosieraerosol"}
)

// parseRequest takes "Ibu 400 mg 20 Stück" apart.
func parseRequest(text string) request {
	var q request
	ws := words(normalize(text))
	for i := 0; i < len(ws); i++ {
		w, next := ws[i], ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch {
		case isNumber(w) && (next == "x" || next == "mal"): // "2x": a quantity, read elsewhere
			i++
		case isNumber(w) && strengthUnits[next]:
			q.strength, i = w, i+1
		case isNumber(w) && countWords[next]:
			q.count = w
			if isForm(next) {
				q.form = next
			}
			i++
		case isNumber(w):
			q.numbers = append(q.numbers, w)
		case isForm(w):
			q.form = w
		case strengthUnits[w] || countWords[w] || fillers[w] || len(w) < 2:
		default:
			q.words = append(q.words, w)
		}
	}
	return q
}

func isForm(w string) bool { return slices.Contains(forms, w) }

func isNumber(w string) bool {
	_, err := strconv.ParseFloat(w, 64)
	return err == nil
}

// normalize lowercases s, spells umlauts out (ä -> ae, ß -> ss, µ -> u),
// writes decimal commas as points, and separates letters from digits
// ("ibu400" -> "ibu 400").
func normalize(s string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ß':
			b.WriteString("ss")
		case 'µ', 'μ':
			b.WriteString("u")
		case ',':
			b.WriteByte('.')
		default:
			if (unicode.IsDigit(r) && unicode.IsLetter(prev)) || (unicode.IsLetter(r) && unicode.IsDigit(prev)) {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// words splits normalised text at everything but letters, digits and
// decimal points between digits.
func words(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' })
	out := f[:0]
	for _, w := range f {
		if w = strings.Trim(w, "."); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// firstNumber is the first number in normalised text, or "".
func firstNumber(s string) string {
	for _, w := range words(s) {
		if isNumber(w) {
			return w
		}
	}
	return ""
}

// editDistanceAtMostOne reports whether a and b differ by at most one
// inserted, deleted or changed letter.
func editDistanceAtMostOne(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i:] == b[i+1:]
}

package match

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/apobot/apobot/bot/nlu"
)

// request is a customer's free text taken apart for matching.
type request struct {
	Words    []string // name and maker words
	Strength string   // a number with a strength unit: "400"
	unit     string   // that unit: "mg", "g"
	packUnit string   // what a container or unit word says the pack counts: "g" for "Tube", "ml" for "Flasche"
	Count    string   // a number with a count word: "20"
	Numbers  []string // bare numbers: a strength or a count
	sized    []string // of those, the ones said as "die 50er": a count unless the name has that strength
	Form     string   // a dosage form word, normalised
	nsize    string   // a standard pack size: "N1", "N2", "N3"
	variant  string   // a letter after a name: the "c" of "Vitamin C"
	before   string   // the word before the variant: "vitamin"
}

// The word lists of the phrase files (bot/nlu/phrases, [words]).
func (rd Reader) StrengthUnit(w string) bool { return rd.In("strength_units", w) }
func (rd Reader) CountWord(w string) bool    { return rd.In("count_words", w) }
func (rd Reader) Filler(w string) bool       { return rd.In("fillers", w) }

// ParseRequest takes "Ibu 400 mg 20 Stück" apart: each word is read by the
// first of the readers that takes it, a word none takes is a name word.
func (rd Reader) ParseRequest(text string) request {
	var q request
	ws := Words(rd.Normalize(text))
	for i := 0; i < len(ws); {
		if n, ok := rd.WordNumber(ws[i]); ok && n > MaxQuantity { // "vierhundert": a strength or pack size
			ws[i] = strconv.Itoa(n)
		}
		i += rd.read(&q, ws, i)
	}
	if q.Strength != "" && q.Count != "" {
		// Strength and pack size are said with their units: a bare number
		// beside them is something else ("Zimmer 308", "Kundennummer
		// 4711"), never a third detail of the pack.
		q.Numbers = nil
	}
	return q
}

// read reads the word at ws[i] into q and returns how many words it took.
func (rd Reader) read(q *request, ws []string, i int) int {
	for _, r := range readers {
		if n := r(rd, q, ws, i); n > 0 {
			return n
		}
	}
	return rd.readName(q, ws, i)
}

// amountUnit is "g" or "ml" when the word at ws[i] counts a pack so but
// names no dosage form ([units]: "Gramm", "Tube", "Flasche"); "" otherwise.
func (rd Reader) amountUnit(ws []string, i int) string {
	if i >= len(ws) {
		return ""
	}
	if f, _ := rd.Form(ws, i); f != "" {
		return ""
	}
	if u := rd.Unit(ws, i); u == "g" || u == "ml" {
		return u
	}
	return ""
}

// numberOfSomethingElse reports a number at ws[i] that the words beside it
// say is no strength or pack size: a person's, a room's, a floor's
// ([words] number_before, number_after; a word before may be one or two
// words long: "sie ist 7"). A unit after the number wins ("my kid, 500mg").
func (rd Reader) numberOfSomethingElse(ws []string, i int) bool {
	if i+1 < len(ws) && (rd.StrengthUnit(ws[i+1]) || rd.CountWord(ws[i+1])) {
		return false // "for my kid, 500mg": its unit says what it is
	}
	if i+1 < len(ws) && rd.In("number_after", ws[i+1]) {
		return true
	}
	if i > 0 && rd.In("number_before", ws[i-1]) {
		return true
	}
	if i > 1 && rd.In("number_before", ws[i-2]+" "+ws[i-1]) {
		return true
	}
	// "die Kinder sind 3 und 7": a number joined to one of something else
	// is one too.
	return i > 1 && IsNumber(ws[i-2]) && rd.In("part_joiners", ws[i-1]) && rd.numberOfSomethingElse(ws[:i-1], i-2)
}

// timeOfDay reports a time of day at ws[i]: a word of [words] at_time, then
// an hour with no unit or count after it ("um 12 vorbei").
func (rd Reader) timeOfDay(ws []string, i int) bool {
	if !rd.In("at_time", ws[i]) || i+1 >= len(ws) {
		return false
	}
	h, err := strconv.Atoi(ws[i+1])
	if err != nil || h < 0 || h > 24 {
		return false
	}
	return i+2 >= len(ws) || !rd.StrengthUnit(ws[i+2]) && !rd.CountWord(ws[i+2])
}

// Other reports a number at ws[i] that the words beside it make something
// else than a strength, pack size or number of packs: an age, a room, a
// time of day ("um 3").
func (rd Reader) Other(ws []string, i int) bool {
	return rd.numberOfSomethingElse(ws, i) || i > 0 && rd.timeOfDay(ws, i-1)
}

// DescribesPack reports a word that describes a pack rather than names a
// product: "kleinen", "größte" (the phrase files' [bigger], [smaller],
// [stronger], [weaker]).
func (rd Reader) DescribesPack(w string) bool {
	return slices.ContainsFunc(PackDirections, func(d packDirection) bool { return rd.Says(w, d.In) })
}

// nSize reads a standard pack size ("n3" -> "N3"); "" when w is none.
func NSize(w string) string {
	if len(w) == 2 && w[0] == 'n' && w[1] >= '1' && w[1] <= '3' {
		return strings.ToUpper(w)
	}
	return ""
}

func IsNumber(w string) bool {
	_, err := strconv.ParseFloat(w, 64)
	return err == nil
}

// Normalize lowercases s, spells umlauts out (ä -> ae, ß -> ss, µ -> u),
// writes decimal commas as points, and separates letters from digits
// ("ibu400" -> "ibu 400"), except a lone letter and its digits ("N3",
// "D3", "B12", "1A"): those are one word.
func (rd Reader) Normalize(s string) string {
	var b strings.Builder
	rs := []rune(strings.ToLower(s))
	for i, r := range rs {
		if spelt := nlu.SpeltOut(r); spelt != "" {
			b.WriteString(spelt)
			continue
		}
		switch r {
		case 'µ', 'μ':
			b.WriteString("u")
		case ',':
			b.WriteByte('.')
		default:
			if i > 0 && rd.splitsAt(rs, i) {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// words splits normalised text at everything but letters, digits and
// decimal points between digits.
func Words(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' })
	out := f[:0]
	for _, w := range f {
		if w = strings.Trim(w, "."); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// splitsAt reports whether a space goes before rs[i]: between a letter
// and a digit, unless the letter stands alone ("n3", "d3", "1a"; "2x" is
// a quantity and splits).
func (rd Reader) splitsAt(rs []rune, i int) bool {
	r, prev := rs[i], rs[i-1]
	at := func(k int) rune {
		if k < 0 || k >= len(rs) {
			return 0
		}
		return rs[k]
	}
	switch {
	case unicode.IsDigit(r) && unicode.IsLetter(prev):
		return unicode.IsLetter(at(i-2)) || at(i-2) == '.' // "ibu400" splits, "d3" not
	case unicode.IsLetter(r) && unicode.IsDigit(prev):
		// "400mg", "2x" and "100g" split, "1a" not.
		return unicode.IsLetter(at(i+1)) || !unicode.IsLetter(at(i+1)) && (rd.In("pack_words", string(r)) || rd.StrengthUnit(string(r)))
	}
	return false
}

// firstNumber is the first number in normalised text, or "".
// strengthUnitOf is the word after the first number of a normalised
// strength ("400 mg" -> "mg"), or "".
func strengthUnitOf(s string) string {
	ws := Words(s)
	for i, w := range ws {
		if IsNumber(w) && i+1 < len(ws) {
			return ws[i+1]
		}
	}
	return ""
}

func firstNumber(s string) string {
	for _, w := range Words(s) {
		if IsNumber(w) {
			return w
		}
	}
	return ""
}

// typoDistance is how many typos a query word of n letters may have to
// still name a product word: none below five letters, one from five,
// two from eight ("Simvastin" for Simvastatin). A swap of two letters
// counts as one ("Metfromin").
func typoDistance(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// editDistanceWithin reports whether a and b are at most k edits apart
// (nlu.WithinEdits).
func editDistanceWithin(a, b string, k int) bool { return nlu.WithinEdits(a, b, k) }

package match

import (
	"unicode"

	"github.com/apobot/apobot/bot/nlu"
)

// reader reads the word at ws[i] into q when it is the reader's kind, and
// returns how many words it took: 0 when the word is not its kind.
type reader func(rd Reader, q *request, ws []string, i int) int

// readers are ParseRequest's readers, in order: the first that takes a word
// reads it; a word none takes is a name word (readName). The numbers that
// say something else come before those that describe a pack.
var readers = []reader{
	Reader.skipQuantity,       // "2x", "2 mal"
	Reader.skipMeasure,        // "gegen 16 Uhr", "für 3 Tage", "5 Euro"
	Reader.skipTimeOfDay,      // "um 12 vorbei"
	Reader.skipNumberOfOthers, // "meine Oma 87", "Zimmer 308", "3. Stock"
	Reader.readStrength,       // "400 mg"
	Reader.readAmount,         // "50 Gramm"
	Reader.readCount,          // "20 Stück", "20 Tabletten"
	Reader.readNumber,         // "400"
	Reader.readForm,           // "Nasenspray", "drops"
	Reader.readPackUnit,       // "die Tube", "das Fläschchen"
	Reader.readNSize,          // "N3"
	Reader.readSized,          // "die 50er"
	Reader.readVariant,        // "Vitamin C"
	Reader.skipNoName,         // "Hey, Nasenspray für meinen kleinen Sohn"
}

// wordAfter is the word after ws[i], or "".
func wordAfter(ws []string, i int) string {
	if i+1 < len(ws) {
		return ws[i+1]
	}
	return ""
}

// skipQuantity takes a number with a word of [words] times ("2x", "2
// mal"): a quantity, read elsewhere.
func (rd Reader) skipQuantity(_ *request, ws []string, i int) int {
	if next := wordAfter(ws, i); IsNumber(ws[i]) && rd.In("times", next) {
		return 2
	}
	return 0
}

// skipMeasure takes a number of hours, days or money ([words] clock,
// durations, money): no strength.
func (rd Reader) skipMeasure(_ *request, ws []string, i int) int {
	next := wordAfter(ws, i)
	if IsNumber(ws[i]) && (rd.In("clock", next) || rd.In("durations", next) || rd.In("money", next)) {
		return 2
	}
	return 0
}

// skipTimeOfDay takes a time of day ("um 12 vorbei").
func (rd Reader) skipTimeOfDay(_ *request, ws []string, i int) int {
	if rd.timeOfDay(ws, i) {
		return 2
	}
	return 0
}

// skipNumberOfOthers takes a number the words beside it say is no detail
// of a pack (numberOfSomethingElse).
func (rd Reader) skipNumberOfOthers(_ *request, ws []string, i int) int {
	if IsNumber(ws[i]) && rd.numberOfSomethingElse(ws, i) {
		return 1
	}
	return 0
}

// readStrength reads a number with a strength unit ("400 mg").
func (rd Reader) readStrength(q *request, ws []string, i int) int {
	if !IsNumber(ws[i]) || !rd.StrengthUnit(wordAfter(ws, i)) {
		return 0
	}
	q.Strength, q.unit = ws[i], wordAfter(ws, i)
	return 2
}

// readAmount reads a number with grams or millilitres ("50 Gramm"): a
// strength or the amount in a pack, which Match decides.
func (rd Reader) readAmount(q *request, ws []string, i int) int {
	if !IsNumber(ws[i]) || rd.amountUnit(ws, i+1) == "" || rd.In("pack_words", wordAfter(ws, i)) {
		return 0
	}
	q.Strength, q.unit = ws[i], rd.amountUnit(ws, i+1)
	return 2
}

// readCount reads a number with a count word ("20 Stück"), and the form
// when the count word names one ("20 Tabletten").
func (rd Reader) readCount(q *request, ws []string, i int) int {
	if !IsNumber(ws[i]) || !rd.CountWord(wordAfter(ws, i)) {
		return 0
	}
	q.Count = ws[i]
	if f, _ := rd.Form(ws, i+1); f != "" {
		q.Form = f
	}
	return 2
}

// readNumber reads a bare number: a strength or a pack size.
func (rd Reader) readNumber(q *request, ws []string, i int) int {
	if !IsNumber(ws[i]) {
		return 0
	}
	q.Numbers = append(q.Numbers, ws[i])
	return 1
}

// readForm reads a dosage form, of one word or more ("nose spray").
func (rd Reader) readForm(q *request, ws []string, i int) int {
	form, n := rd.Form(ws, i)
	if form == "" {
		return 0
	}
	q.Form = form
	return n
}

// readPackUnit reads a container that says what a pack counts ("die Tube":
// grams).
func (rd Reader) readPackUnit(q *request, ws []string, i int) int {
	u := rd.amountUnit(ws, i)
	if u == "" {
		return 0
	}
	q.packUnit = u
	return 1
}

// readNSize reads a standard pack size ("N3").
func (rd Reader) readNSize(q *request, ws []string, i int) int {
	n := NSize(ws[i])
	if n == "" {
		return 0
	}
	q.nsize = n
	return 1
}

// readSized reads the "er" of "die 50er", "die 400er" ([words]
// size_suffixes): the number before it is said as a pack's.
func (rd Reader) readSized(q *request, ws []string, i int) int {
	if !rd.SizeSuffix(ws[i]) || i == 0 || !IsNumber(ws[i-1]) {
		return 0
	}
	q.sized = append(q.sized, ws[i-1])
	return 1
}

// readVariant reads a letter right after a name word ("Vitamin C": not
// Vitamin D3).
func (rd Reader) readVariant(q *request, ws []string, i int) int {
	w := ws[i]
	if len(w) != 1 || !unicode.IsLetter(rune(w[0])) || i == 0 || len(q.Words) == 0 || q.Words[len(q.Words)-1] != ws[i-1] {
		return 0
	}
	if _, article := rd.Number(w); article && i+1 < len(ws) && !IsNumber(ws[i+1]) {
		if form, _ := rd.Form(ws, i+1); form == "" {
			return 0 // "für Amoxicillin n Rezept": an article before a word; "Vitamin A Kapseln" keeps its A
		}
	}
	q.variant, q.before = w, ws[i-1]
	return 1
}

// skipNoName takes a word that names no product: a unit or count word
// alone, a filler, a greeting, a word describing the pack, a single letter.
func (rd Reader) skipNoName(_ *request, ws []string, i int) int {
	w := ws[i]
	if rd.StrengthUnit(w) || rd.CountWord(w) || rd.Filler(w) || len(w) < 2 || rd.DescribesPack(w) || rd.Only(w, nlu.Greeting) {
		return 1
	}
	return 0
}

// readName reads a name or maker word, a short form as the word it stands
// for ("ibu" -> "ibuprofen").
func (rd Reader) readName(q *request, ws []string, i int) int {
	w := ws[i]
	if long := rd.Short(w); long != "" {
		w = long
	}
	q.Words = append(q.Words, w)
	return 1
}

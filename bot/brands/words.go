package brands

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A word is one word of a text in compared form, with the byte span it
// came from.
type word struct {
	text       string
	start, end int
}

// words splits text into words in compared form: lower case, ä/ö/ü/ß as
// ae/oe/ue/ss (or, with plain, as a/o/u/ss: how a name reads typed without
// the dots), other accents dropped. A letter next to a digit, and anything
// that is neither, ends a word, so "ASS100" is "ass 100" and "ben-u-ron"
// "ben u ron" (and "20.000" is "20 000": names are also compared run
// together, see Set.exact).
func words(text string, plain bool) []word {
	var out []word
	var b strings.Builder
	start, kind := 0, none
	flush := func(end int) {
		if b.Len() > 0 {
			out = append(out, word{b.String(), start, end})
			b.Reset()
		}
	}
	for i, r := range text {
		k := kindOf(r)
		switch {
		case k == mark && kind == letter:
			b.WriteString(foldMark(r, b.String(), plain))
			continue
		case k != kind || k == none || k == mark:
			flush(i)
			start = i
		}
		kind = k
		switch {
		case k == letter && r < unicode.MaxASCII:
			b.WriteByte(byte(unicode.ToLower(r)))
		case k == letter:
			b.WriteString(fold(r, plain))
		case k == digit:
			b.WriteRune(r)
		}
	}
	flush(len(text))
	return out
}

// Kinds of rune.
const (
	none = iota
	letter
	digit
	mark // a combining mark, such as the dots of a decomposed ü
)

func kindOf(r rune) int {
	switch {
	case unicode.IsLetter(r):
		return letter
	case unicode.IsDigit(r):
		return digit
	case unicode.Is(unicode.Mn, r):
		return mark
	}
	return none
}

// fold spells one letter in compared form.
func fold(r rune, plain bool) string {
	r = unicode.ToLower(r)
	switch r {
	case 'ä', 'ö', 'ü':
		base := map[rune]string{'ä': "a", 'ö': "o", 'ü': "u"}[r]
		if plain {
			return base
		}
		return base + "e"
	case 'ß':
		return "ss"
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// foldMark spells a combining mark after the letters so far: the dots of
// a decomposed ä, ö or ü as the e of ae, oe, ue; other marks not at all.
func foldMark(r rune, so string, plain bool) string {
	if r != '\u0308' || plain || so == "" || !strings.ContainsAny(so[len(so)-1:], "aou") {
		return ""
	}
	return "e"
}

// keys are a run of words as compared: spaced ("ben u ron") and compact
// ("benuron").
func keys(ws []word) (spaced, compact string) {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " "), strings.Join(parts, "")
}

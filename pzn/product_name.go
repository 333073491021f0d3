package pzn

import (
	"strings"
	"unicode"
)

// readForm finds the dosage form and returns where a standalone form word starts
// (a compound like "Schmerzgel" stays part of the name).
func (p *Product) readForm(s []byte) int {
	words, starts := splitWords(string(s))
	lowerWords := make([]string, len(words))
	for i, w := range words {
		lowerWords[i] = strings.ToLower(w)
	}
	for i := range words {
		f, n, standalone := matchForm(lowerWords, i)
		if n == 0 {
			continue
		}
		if p.Form == "" || standalone && !keepCountForm(p.Form, f.name) {
			p.Form = f.name
		}
		if standalone {
			blank(s, starts[i], starts[i+n-1]+len(words[i+n-1]))
			return starts[i]
		}
	}
	return len(s)
}

// keepCountForm keeps a form read from a count word ("20 Filmtabletten") over
// the plainer "Tabletten" found later.
func keepCountForm(have, found string) bool { return have != "" && found == "Tabletten" }

// splitWords splits on spaces and on punctuation other than '.', '-' and '/',
// keeping byte offsets.
func splitWords(s string) (words []string, starts []int) {
	start := -1
	for i, r := range s + " " {
		sep := unicode.IsSpace(r) || strings.ContainsRune(",;:()[]\"'!?", r)
		switch {
		case sep && start >= 0:
			words, starts = append(words, s[start:i]), append(starts, start)
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	return words, starts
}

// cleanName trims separators and filler from the text before the first detail.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " ,;:-/.")
}

// leftoverName takes up to four words that remain once all details are blanked:
// "400 mg Ibuprofen" names "Ibuprofen".
func leftoverName(s []byte) string {
	words, _ := splitWords(string(s))
	var keep []string
	for _, w := range words {
		if w = strings.Trim(w, ".-/"); w != "" && len(keep) < 4 {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

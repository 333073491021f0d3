package nlu

import (
	"strings"
	"unicode"
)

// Words splits text into its words, normalised so that the ways people
// type one word compare equal: lower case; ä, ö, ü, ß and their spelt-out
// forms (ae, oe, ue, ss) alike; accents dropped; a run of one letter counts
// once ("Hallooo" is "hallo", as is "Halo"); punctuation, emoji and other
// symbols end a word; a hyphen splits ("Allergie-Nasenspray" is two
// words). Digits stay as they are.
func Words(text string) []string { return split(text, true) }

// Spelled splits text as Words does, but keeps repeated letters: word
// lists compare by it, where "all" is not "al" and "ass" not "as".
func Spelled(text string) []string { return split(text, false) }

func split(text string, collapse bool) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	var last rune
	for _, r := range strings.ToLower(text) {
		spelt := fold(r)
		if spelt == "" {
			flush()
			last = 0
			continue
		}
		for _, c := range spelt {
			if collapse && c == last && unicode.IsLetter(c) {
				continue
			}
			b.WriteRune(c)
			last = c
		}
	}
	flush()
	return out
}

// fold spells a lower-case rune the way Words compares it; "" for a rune
// that ends a word.
func fold(r rune) string {
	if s := SpeltOut(r); s != "" {
		return s
	}
	switch r {
	case 'é', 'è', 'ê':
		return "e"
	case 'á', 'à', 'â':
		return "a"
	case 'ó', 'ò', 'ô':
		return "o"
	case 'ç':
		return "c"
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return string(r)
	}
	return ""
}

// SpeltOut is a German letter spelt out without its marks (ä as ae, ö as
// oe, ü as ue, ß as ss), the folding every normaliser of customers' text
// shares (Words here, match's Normalize); "" for any other rune.
func SpeltOut(r rune) string {
	switch r {
	case 'ä':
		return "ae"
	case 'ö':
		return "oe"
	case 'ü':
		return "ue"
	case 'ß':
		return "ss"
	}
	return ""
}

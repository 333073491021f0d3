package pzn

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// labelsFile holds the words that say what a number in a message is.
//
//go:embed labels.toml
var labelsFile string

// labelKind is what a word or phrase before a number says about it.
type labelKind uint8

const (
	noLabel     labelKind = iota
	pznLabel              // names a PZN: "PZN", "product number"
	numberWord            // "Nr.", "Nummer": a PZN beside a pack word
	packWord              // "Packung", "box"
	otherLabel            // names another number: "Telefon", "Kundennummer"
	clauseBreak           // "und": what stands before it is not the number's
)

const (
	// window is how many words before a number may hold its label ("die
	// Nummer auf der Packung ist …" has it five words back).
	window = 5
	// maxPhrase is the most words an entry of labels.toml may have.
	maxPhrase = 3
	// lookBack bounds the bytes read before a number, so Find stays linear.
	lookBack = 160
)

// labels is labels.toml, compiled.
type labels struct {
	phrases map[string]labelKind
	endings []string
}

// loadLabels parses the embedded labels.toml once. TestLabels fails when it
// does not parse; Find then knows only the "PZN" label (a nil *labels).
var loadLabels = sync.OnceValues(func() (*labels, error) { return parseLabels(labelsFile) })

// parseLabels reads a labels file; every entry is lower case, one to three
// words, and stands in one list only.
func parseLabels(data string) (*labels, error) {
	var raw struct {
		PZN          []string `toml:"pzn"`
		Number       []string `toml:"number"`
		Pack         []string `toml:"pack"`
		Other        []string `toml:"other"`
		OtherEndings []string `toml:"other_endings"`
		Breaks       []string `toml:"breaks"`
	}
	md, err := toml.Decode(data, &raw)
	if err != nil {
		return nil, fmt.Errorf("pzn: labels: %w", err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("pzn: labels: unknown key %q", un[0].String())
	}
	lb := &labels{phrases: map[string]labelKind{}, endings: raw.OtherEndings}
	for kind, list := range map[labelKind][]string{pznLabel: raw.PZN, numberWord: raw.Number,
		packWord: raw.Pack, otherLabel: raw.Other, clauseBreak: raw.Breaks} {
		if len(list) == 0 {
			return nil, fmt.Errorf("pzn: labels: a list is empty")
		}
		for _, p := range list {
			if err := lb.add(p, kind); err != nil {
				return nil, err
			}
		}
	}
	return lb, nil
}

func (lb *labels) add(p string, kind labelKind) error {
	words := strings.Fields(p)
	switch {
	case len(words) == 0 || len(words) > maxPhrase || strings.Join(words, " ") != p:
		return fmt.Errorf("pzn: labels: %q is not one to %d words", p, maxPhrase)
	case strings.ToLower(p) != p:
		return fmt.Errorf("pzn: labels: %q is not lower case", p)
	case lb.phrases[p] != noLabel:
		return fmt.Errorf("pzn: labels: %q stands twice", p)
	}
	lb.phrases[p] = kind
	return nil
}

// before says what the words before a number starting at i call it: the
// nearest label or "other" phrase decides; "Nr."/"Nummer" with a pack word
// in the same stretch names a PZN; otherwise nothing does.
func (lb *labels) before(s string, i int) labelKind {
	if lb == nil {
		return noLabel
	}
	words, n := wordsBefore(s, i)
	number, pack := false, false
words:
	for j := range n {
		switch lb.at(words[:n], j) {
		case pznLabel:
			return pznLabel
		case otherLabel:
			return otherLabel
		case clauseBreak:
			break words
		case numberWord:
			number = true
		case packWord:
			pack = true
		}
	}
	if number && pack {
		return pznLabel
	}
	return noLabel
}

// at classifies the longest entry whose last word is words[j] (words run
// nearest first, so the entry reads words[j+k-1] … words[j]); a compound
// ending like "…nummer" counts when no entry does.
func (lb *labels) at(words []string, j int) labelKind {
	var buf [64]byte
	for k := min(maxPhrase, len(words)-j); k > 0; k-- {
		key := buf[:0]
		for m := j + k - 1; m >= j; m-- {
			key = appendLower(key, words[m])
			if m > j {
				key = append(key, ' ')
			}
		}
		if kind := lb.phrases[string(key)]; kind != noLabel {
			return kind
		}
	}
	w := words[j]
	for _, e := range lb.endings {
		if len(w) > len(e) && strings.EqualFold(w[len(w)-len(e):], e) {
			return otherLabel
		}
	}
	return noLabel
}

// appendLower appends w in lower case, without allocating for short words.
func appendLower(b []byte, w string) []byte {
	for _, r := range w {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// wordsBefore returns up to window words before i, nearest first. It stops
// at a digit (another number owns what is before it), at ',', ';', '!', '?'
// and after lookBack bytes.
func wordsBefore(s string, i int) (words [window]string, n int) {
	floor := max(0, i-lookBack)
	k, end := i, i // the word being read ends at end
	for n < window {
		if k == floor {
			if k < end && floor == 0 { // a word cut at floor > 0 is not read
				words[n], n = s[:end], n+1
			}
			break
		}
		r, size := utf8.DecodeLastRuneInString(s[floor:k])
		if unicode.IsLetter(r) {
			k -= size
			continue
		}
		if k < end {
			words[n], n = s[k:end], n+1
		}
		if unicode.IsDigit(r) || strings.ContainsRune(",;!?", r) {
			break
		}
		k -= size
		end = k
	}
	return words, n
}

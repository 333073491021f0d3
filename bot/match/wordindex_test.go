package match

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWordIndexFindsWhatAScanFinds: for prefixes, typos and whole words,
// the index names exactly the product words anyWordFits accepts.
func TestWordIndexFindsWhatAScanFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	letters := "abcdefghiklmnoprstuz"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	var names [][]string
	var vocab []string
	for range 2000 {
		ws := []string{word(3 + rng.IntN(8)), word(2 + rng.IntN(4))}
		names = append(names, ws)
		vocab = append(vocab, ws...)
	}
	ix := newWordIndex(names)
	for range 3000 {
		w := vocab[rng.IntN(len(vocab))]
		switch rng.IntN(4) {
		case 0: // a prefix
			w = w[:1+rng.IntN(len(w))]
		case 1: // a typo: one letter changed, dropped or added
			i := rng.IntN(len(w))
			w = []string{w[:i] + word(1) + w[i+1:], w[:i] + w[i+1:], w[:i] + word(1) + w[i:]}[rng.IntN(3)]
		case 2:
			w = word(1 + rng.IntN(9))
		}
		var want []string
		for _, pw := range vocab {
			if AnyWordFits(w, []string{pw}) && !slices.Contains(want, pw) {
				want = append(want, pw)
			}
		}
		got := ix.fitting(w)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("fitting(%q) = %v, a scan finds %v", w, got, want)
		}
	}
}

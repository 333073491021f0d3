package match

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// wordIndex finds, among the words of a catalog's products, those a query
// word names in anyWordFits's sense (the same word, a prefix of three
// letters or more, one typo in five letters or more) without scanning
// them all, and the products that have each: a full assortment has
// 100,000 articles.
type wordIndex struct {
	n        int                // products
	scratch  sync.Pool          // *tally, one per match at a time
	vocab    []string           // every product word, sorted: prefixes are a range
	postings map[string][]int32 // word -> products having it, ascending
	variants map[string][]int32 // a word and its one-byte deletions -> vocab positions
}

func newWordIndex(words [][]string) *wordIndex {
	ix := &wordIndex{n: len(words), postings: map[string][]int32{}, variants: map[string][]int32{}}
	for i, ws := range words {
		for _, w := range ws {
			if p := ix.postings[w]; len(p) == 0 || p[len(p)-1] != int32(i) {
				ix.postings[w] = append(p, int32(i))
			}
		}
	}
	for w := range ix.postings {
		ix.vocab = append(ix.vocab, w)
	}
	sort.Strings(ix.vocab)
	for v, w := range ix.vocab {
		for _, d := range deletions(w) {
			if p := ix.variants[d]; len(p) == 0 || p[len(p)-1] != int32(v) {
				ix.variants[d] = append(p, int32(v))
			}
		}
	}
	return ix
}

// deletions returns w and every string one byte shorter: two words one
// edit apart share one of them (symmetric deletion).
func deletions(w string) []string {
	out := []string{w}
	for i := range len(w) {
		out = append(out, w[:i]+w[i+1:])
	}
	return out
}

// fitting returns the product words query word w names, as anyWordFits
// would find them one by one.
func (ix *wordIndex) fitting(w string) []string {
	var out []string
	if len(w) >= minPrefix {
		for i := sort.SearchStrings(ix.vocab, w); i < len(ix.vocab) && strings.HasPrefix(ix.vocab[i], w); i++ {
			out = append(out, ix.vocab[i])
		}
	} else if _, ok := ix.postings[w]; ok {
		out = append(out, w)
	}
	add := func(pw string) {
		if WordFits(w, pw) && !slices.Contains(out, pw) {
			out = append(out, pw)
		}
	}
	switch typoDistance(len(w)) {
	case 2: // two typos: words that begin alike ("simvast…"), checked one by one
		head := w[:5]
		for i := sort.SearchStrings(ix.vocab, head); i < len(ix.vocab) && strings.HasPrefix(ix.vocab[i], head); i++ {
			add(ix.vocab[i])
		}
		fallthrough
	case 1: // one typo or a swap: words sharing a one-letter deletion
		for _, d := range deletions(w) {
			for _, v := range ix.variants[d] {
				add(ix.vocab[v])
			}
		}
	}
	return out
}

// tally counts, per product, the query words that fit it; reused across
// matches, and cleared where it was touched.
type tally struct {
	count, last []uint16 // query words fitting; the last query word counted, plus one
}

// hits returns, ascending, the products having a word that one of the
// query words names, and for each how many of the query words do.
func (ix *wordIndex) hits(query []string) (idx []int32, hits []int) {
	t, _ := ix.scratch.Get().(*tally)
	if t == nil || len(t.count) != ix.n {
		t = &tally{count: make([]uint16, ix.n), last: make([]uint16, ix.n)}
	}
	for qi, w := range query {
		for _, pw := range ix.fitting(w) {
			for _, i := range ix.postings[pw] {
				if t.last[i] == uint16(qi+1) {
					continue // a query word counts once per product
				}
				if t.last[i] = uint16(qi + 1); t.count[i] == 0 {
					idx = append(idx, i)
				}
				t.count[i]++
			}
		}
	}
	slices.Sort(idx)
	hits = make([]int, len(idx))
	for k, i := range idx {
		hits[k] = int(t.count[i])
		t.count[i], t.last[i] = 0, 0
	}
	ix.scratch.Put(t)
	return idx, hits
}

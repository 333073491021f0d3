package brands

import "slices"

// Hit is a brand found in a text: the brand and the byte span of the words
// that name it (text[Start:End]).
type Hit struct {
	Brand      Brand
	Start, End int
}

// Lookup returns the brand that text names as a whole, in any of the
// spellings read alike: case, hyphens and spaces ("Ben-u-ron", "ben u ron",
// "benuron"), umlauts with or without dots or as ae/oe/ue.
func (s *Set) Lookup(text string) (Brand, bool) {
	ws := words(text, false)
	if len(ws) == 0 || len(ws) > s.longest {
		return Brand{}, false
	}
	if e := s.exact(ws); e != nil {
		return e.copy(), true
	}
	return Brand{}, false
}

// Find returns the brands named in a longer text, left to right; where
// names overlap, the longest from the leftmost word wins ("Aspirin
// protect 100" over "Aspirin"). Only whole words count: "Advilla" names
// no brand.
func (s *Set) Find(text string) []Hit {
	ws := words(text, false)
	var out []Hit
	for i := 0; i < len(ws); {
		e, n := s.longestAt(ws, i)
		if e == nil {
			i++
			continue
		}
		out = append(out, Hit{Brand: e.copy(), Start: ws[i].start, End: ws[i+n-1].end})
		i += n
	}
	return out
}

// longestAt returns the entry the most words from ws[i] name, and how many.
func (s *Set) longestAt(ws []word, i int) (*entry, int) {
	if !s.starts[ws[i].text] {
		return nil, 0
	}
	for n := min(s.longest, len(ws)-i); n > 0; n-- {
		if e := s.exact(ws[i : i+n]); e != nil {
			return e, n
		}
	}
	return nil, 0
}

// exact returns the entry ws name as a whole: word for word, or run
// together ("benuron" for "ben-u-ron"). Words run together match only a
// name of more than one word, so "as pro" is not "Aspro".
func (s *Set) exact(ws []word) *entry {
	spaced, compact := keys(ws)
	if e := s.spaced[spaced]; e != nil {
		return e
	}
	if c, ok := s.compact[compact]; ok && (len(ws) == 1 || c.multi) {
		return c.entry
	}
	return nil
}

// key is one name of an entry in compared form.
type key struct {
	name            string // as written
	spaced, compact string
	multi           bool // more than one word
}

// compactKey is an entry under its name run together.
type compactKey struct {
	entry *entry
	multi bool
}

// keys are the entry's names in compared form, each with umlauts as ae and
// as a.
func (e *entry) keys() []key {
	var out []key
	for _, n := range e.names {
		for _, plain := range []bool{false, true} {
			ws := words(n, plain)
			spaced, compact := keys(ws)
			k := key{name: n, spaced: spaced, compact: compact, multi: len(ws) > 1}
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// add puts e into s's lists; a later entry with the same key wins.
func (s *Set) add(e *entry) {
	s.entries = append(s.entries, e)
	for _, k := range e.keys() {
		s.spaced[k.spaced] = e
		s.compact[k.compact] = compactKey{e, k.multi}
		ws := words(k.spaced, false)
		s.longest = max(s.longest, len(ws))
		s.starts[ws[0].text] = true
		for i := 1; k.multi && i <= len(k.compact); i++ {
			s.starts[k.compact[:i]] = true // "benu ron", "benuron"
		}
	}
}

func (e *entry) copy() Brand {
	b := e.brand
	b.Ingredients = slices.Clone(b.Ingredients)
	return b
}

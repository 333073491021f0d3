package triage

import (
	"slices"

	"github.com/apobot/apobot/bot/nlu"
)

// aside is a rule that sets a clause aside: what is over ("das Fieber ist
// zum Glück weg"), long ago ("vor zwei Jahren"), usual ("wie immer") or a
// precaution ("für den Notfall"); not when a word of none is in the
// clause ("seit letzter Woche" is still going on).
type aside struct {
	rule
	none []word
}

// withoutAsides tokenises text clause by clause, leaving out the clauses
// an aside holds for. An empty token stands between clauses, so that no
// phrase runs across two.
func (r *Reader) withoutAsides(text string) []string {
	var out []string
	for _, cl := range r.clauses(text) {
		if !slices.ContainsFunc(r.aside, func(a aside) bool { return a.holds(r, cl) && !anyWord(a.none, cl) }) {
			out = append(out, cl...)
		}
		out = append(out, "")
	}
	return out
}

// clauses splits text at punctuation (nlu.Sentences: not inside a number,
// "39,8") and before a word of [turn] ("… ist weg, aber jetzt …").
func (r *Reader) clauses(text string) [][]string {
	var out [][]string
	for _, part := range nlu.Sentences(text) {
		toks := tokens(part)
		start := 0
		for i := 1; i < len(toks); i++ {
			if anyWordAt(r.turn, toks, i) {
				out, start = append(out, toks[start:i]), i
			}
		}
		out = append(out, toks[start:])
	}
	return out
}

// withoutParticles drops the particles and the clause breaks ("eilt aber
// nicht": "eilt nicht").
func (r *Reader) withoutParticles(toks []string) []string {
	return slices.DeleteFunc(slices.Clone(toks), func(t string) bool {
		return t == "" || slices.ContainsFunc(r.particles, func(p word) bool { return len(p) == 1 && same(p[0], t) })
	})
}

// negated reports a negation right before toks[i], perhaps with a
// particle between ("nix geschwollen", "nicht so stark").
func (r *Reader) negated(toks []string, i int) bool {
	for back := 1; back <= 2 && i-back >= 0; back++ {
		if anyWordEndingAt(r.negation, toks, i-back) {
			return true
		}
		if !anyWordAt(r.particles, toks, i-back) {
			return false
		}
	}
	return false
}

func anyWordAt(ws []word, toks []string, i int) bool {
	return slices.ContainsFunc(ws, func(w word) bool { return w.at(toks, i) })
}

// anyWordEndingAt reports a word of ws whose last token is toks[end].
func anyWordEndingAt(ws []word, toks []string, end int) bool {
	return slices.ContainsFunc(ws, func(w word) bool { return end+1-len(w) >= 0 && w.at(toks, end+1-len(w)) })
}

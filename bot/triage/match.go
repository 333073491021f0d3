package triage

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// word is one entry of a group: its tokens, each matched exactly or, with
// a * at its end, by its beginning, with a * at its start, by its end, and
// with both, anywhere inside ("*tablett*": Blutdrucktabletten).
type word []string

// rule holds when every group has a word in the message. ownNegation: a
// negation is one of its words ("atmet nicht"), so none takes it back
// (set by Load, once every language's negations are known).
type rule struct {
	groups      [][]word
	ownNegation bool
}

func compileWords(in []string) []word {
	out := make([]word, 0, len(in))
	for _, w := range in {
		if t := split(w, true); len(t) > 0 {
			out = append(out, word(t))
		}
	}
	return out
}

func compileRule(groups [][]string) (rule, error) {
	if len(groups) == 0 {
		return rule{}, errors.New("a rule without a group")
	}
	var r rule
	for _, g := range groups {
		ws := compileWords(g)
		if len(ws) == 0 {
			return rule{}, errors.New("an empty group")
		}
		r.groups = append(r.groups, ws)
	}
	return r, nil
}

// tokens lowercases a message and splits it into words, numbers and
// emoji; a decimal comma or point inside a number stays ("39,8").
func tokens(text string) []string { return split(text, false) }

// split is tokens; a pattern keeps its * (a word's open beginning or end).
func split(text string, pattern bool) []string {
	text = strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	var out []string
	var b strings.Builder
	rs := []rune(text)
	for i, c := range rs {
		inNumber := (c == ',' || c == '.') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
		if unicode.IsLetter(c) || unicode.IsDigit(c) || pattern && c == '*' || inNumber {
			b.WriteRune(c)
			continue
		}
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
		if unicode.Is(unicode.So, c) { // an emoji is a word of its own ("😂")
			out = append(out, string(c))
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// anyRule reports whether one of rules holds in toks.
func (r *Reader) anyRule(rules []rule, toks []string) bool {
	return slices.ContainsFunc(rules, func(ru rule) bool { return ru.holds(r, toks) })
}

// holds reports whether every group has a word in toks that no negation
// takes back ("nix geschwollen"). In a rule that names a negation itself
// ("atmet nicht", "kann nicht atmen") a negation is part of what it says.
func (ru rule) holds(r *Reader, toks []string) bool {
	for _, g := range ru.groups {
		found := false
		for i := range toks {
			if anyWordAt(g, toks, i) && (ru.ownNegation || !r.negated(toks, i)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// namesNegation reports a rule with a negation as a word of its own.
func (ru rule) namesNegation(r *Reader) bool {
	for _, g := range ru.groups {
		for _, w := range g {
			if len(w) == 1 && anyWordAt(r.negation, w, 0) {
				return true
			}
		}
	}
	return false
}

func anyWord(ws []word, toks []string) bool {
	for _, w := range ws {
		for i := range toks {
			if w.at(toks, i) {
				return true
			}
		}
	}
	return false
}

// at reports whether w stands in toks from i on.
func (w word) at(toks []string, i int) bool {
	if i+len(w) > len(toks) {
		return false
	}
	for j, p := range w {
		if !same(p, toks[i+j]) {
			return false
		}
	}
	return true
}

func same(pattern, tok string) bool {
	switch {
	case len(pattern) > 2 && strings.HasSuffix(pattern, "*") && strings.HasPrefix(pattern, "*"):
		return strings.Contains(tok, pattern[1:len(pattern)-1])
	case len(pattern) > 1 && strings.HasSuffix(pattern, "*"):
		return strings.HasPrefix(tok, pattern[:len(pattern)-1])
	case len(pattern) > 1 && strings.HasPrefix(pattern, "*"):
		return strings.HasSuffix(tok, pattern[1:])
	}
	return pattern == tok
}

// feverHigh reports a body temperature from feverFrom on, said beside a
// word for fever ("39,8 Fieber", "glüht, 39,4").
func (r *Reader) feverHigh(toks []string) bool {
	if r.feverFrom == 0 || !anyWord(r.fever, toks) {
		return false
	}
	for _, t := range toks {
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", "."), 64)
		if err == nil && v >= r.feverFrom && v < 43 {
			return true
		}
	}
	return false
}

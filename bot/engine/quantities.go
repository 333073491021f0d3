package engine

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot/match"
)

// timesTokenRe is a number of packs written onto its "x": "x3", "3x".
var timesTokenRe = regexp.MustCompile(`^(?:x(\d{1,2})|(\d{1,2})x)$`)

// packsSaid reads a number of packs anywhere in a part where a word next
// to it makes it one: "davon zwei", "drei davon" ([words] of_it), "x3"
// before an aside ("x3 pls, going on a trip"), "doppelt" ([words] twice),
// and "2 Stück" before a product (no pack holds fewer than six pieces).
// The rest of the part without it; false when it says none.
func (lx *lexicon) packsSaid(part string) (n int, rest string, ok bool) {
	ws := strings.Fields(lx.stripLead(lx.Normalize(part)))
	for i, w := range ws {
		t := strings.Trim(w, ".,;:!?–-")
		next := ""
		if i+1 < len(ws) {
			next = strings.Trim(ws[i+1], ".,;:!?–-")
		}
		cut := 0
		switch k, isNum := lx.packsNumber(next); {
		case lx.In("of_it", t) && isNum: // "davon zwei"
			n, cut = k, 2
		case lx.In("of_it", next): // "drei davon"
			n, isNum = lx.packsNumber(t)
			cut = map[bool]int{true: 2}[isNum]
		case timesTokenRe.MatchString(t) && len(ws) > 1: // "x3"
			m := timesTokenRe.FindStringSubmatch(t)
			n, _ = strconv.Atoi(m[1] + m[2])
			cut = 1
		case lx.In("twice", t): // "bitte doppelt"
			n, cut = 2, 1
		case i == 0 && lx.In("pieces", next) && len(ws) > 2: // "2 Stück Cetirizin"
			if n, isNum = lx.packsNumber(t); isNum && n <= 5 {
				cut = 2
			}
		}
		if cut > 0 && n >= 1 && n <= match.MaxQuantity {
			return n, strings.Join(append(ws[:i:i], ws[i+cut:]...), " "), true
		}
	}
	return 0, "", false
}

// packsNumber reads a number of packs in digits or words ("3", "drei").
func (lx *lexicon) packsNumber(w string) (int, bool) {
	if n, err := strconv.Atoi(w); err == nil {
		return n, n >= 1 && n <= match.MaxQuantity
	}
	n, ok := lx.WordNumber(w)
	return n, ok && n <= match.MaxQuantity
}

// countBesideOrdinal reads an answer to a choice that picks by an ordinal
// and says a number besides ("von der ersten bitte zwei"): the number of
// packs, and the answer without it; false unless there is one of each.
func (lx *lexicon) countBesideOrdinal(a string) (int, string, bool) {
	ws := match.Words(a)
	ord, num := -1, -1
	for i, w := range ws {
		if _, ok := lx.Ordinal(w); ok {
			if ord >= 0 {
				return 0, "", false
			}
			ord = i
		} else if _, ok := lx.packsNumber(w); ok {
			if num >= 0 {
				return 0, "", false
			}
			num = i
		}
	}
	if ord < 0 || num < 0 {
		return 0, "", false
	}
	n, _ := lx.packsNumber(ws[num])
	return n, strings.Join(append(ws[:num:num], ws[num+1:]...), " "), true
}

// relativeQuantity reads a quantity said against the one before: "eins
// weniger" ([words] fewer) of three is two, "also insgesamt zwei" ([words]
// total) is two; base is the quantity before. False when text says
// neither, or the result is out of range.
func (lx *lexicon) relativeQuantity(text string, base int) (int, bool) {
	for _, seg := range commaSplit(text) {
		if n, ok := lx.onlyQuantity(seg); ok && slices.ContainsFunc(match.Words(lx.Normalize(seg)), func(w string) bool { return lx.In("total", w) }) {
			return n, true // "ach und noch eine dazu, also insgesamt zwei"
		}
	}
	// "ne eine weniger, oma hat noch": the first clause, without a no before it
	ws := slices.DeleteFunc(match.Words(lx.stripLead(lx.Normalize(commaSplit(text)[0]))), func(w string) bool {
		return lx.In("polite", w) || lx.In("instead", w)
	})
	if len(ws) != 2 || !lx.In("fewer", ws[1]) {
		return 0, false
	}
	k, ok := lx.packsNumber(ws[0])
	n := max(base, 1) - k
	return n, ok && n >= 1
}

// maxQuantityClause is the most words a clause that says only a number of
// packs may have ("sorry, zwei wärn doch besser").
const maxQuantityClause = 5

// quantityInClause reads the first short clause of text that says one
// number of packs and nothing the bot places ("two is plenty", "zwei wärn
// doch besser", "eine mehr bitte", "make it four"): the number, and
// whether it comes on top of what is asked ([words] more after it). A
// word for one counts only beside [words] only or more ("nur eine", "just
// one"): in "hab ne Packung gefunden" it is an article.
func (lx *lexicon) quantityInClause(text string) (n int, more, ok bool) {
	for _, seg := range commaSplit(text) {
		ws := match.Words(lx.Normalize(seg)) // with its lead words: "nur eine"
		at := lx.onlyNumber(ws)
		if at < 0 || len(match.Words(lx.stripLead(lx.Normalize(seg)))) > maxQuantityClause {
			continue
		}
		n, _ = lx.packsNumber(ws[at])
		more = at+1 < len(ws) && lx.In("more", ws[at+1])
		only := at > 0 && lx.In("only", ws[at-1])
		if n == 1 && !match.IsNumber(ws[at]) && !more && !only {
			continue
		}
		return n, more, true
	}
	return 0, false, false
}

// onlyNumber is where the one number of packs in ws stands: not a size or
// strength (a unit after it), nor an age, room or time; -1 when there is
// none or more than one.
func (lx *lexicon) onlyNumber(ws []string) int {
	at := -1
	for i, w := range ws {
		if _, isNum := lx.packsNumber(w); !isNum || lx.Other(ws, i) {
			continue
		}
		if i+1 < len(ws) && (lx.StrengthUnit(ws[i+1]) || lx.In("pieces", ws[i+1])) || at >= 0 {
			return -1
		}
		at = i
	}
	return at
}

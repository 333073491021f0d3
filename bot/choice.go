package bot

import (
	"slices"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// describedChoice picks among the products offered (q) the one an answer
// describes instead of numbering: by maker ("die von Hexal"), by pack size
// or strength ("die 200er", "die 20er"), or as the biggest, smallest,
// strongest or weakest ("die große Packung", "lieber die schwächere").
// It returns the choice (1-based), or 0 when the answer fits no one
// product.
func (e *Engine) describedChoice(q []pzn.PZN, answer string) int {
	cat := e.catalogNow()
	var ps []Product
	for _, z := range q {
		p, _ := cat.ByPZN(z)
		ps = append(ps, p)
	}
	left := byMaker(ps, answer)
	left = byNumber(left, answer)
	for in, pick := range map[nlu.Intent]func(Product) float64{
		nlu.Bigger:   func(p Product) float64 { return float64(p.Count) },
		nlu.Smaller:  func(p Product) float64 { return -float64(p.Count) },
		nlu.Stronger: func(p Product) float64 { return firstFloat(p.Strength) },
		nlu.Weaker:   func(p Product) float64 { return -firstFloat(p.Strength) },
	} {
		if lexicon.Says(answer, in) {
			left = most(left, pick)
		}
	}
	if len(left) != 1 || len(left) == len(ps) {
		return 0
	}
	return slices.IndexFunc(ps, func(p Product) bool { return p.PZN == left[0].PZN }) + 1
}

// byMaker keeps the products whose maker the answer names; all when it
// names none.
func byMaker(ps []Product, answer string) []Product {
	ws := nlu.Words(answer)
	var out []Product
	for _, p := range ps {
		if mk := nlu.Words(p.Maker); len(mk) > 0 && containsPhrase(ws, mk) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return ps
	}
	return out
}

// byNumber keeps the products whose pack size, else strength, is a number
// the answer names ("die 200er", "die mit 20 Stück"); all when none is.
func byNumber(ps []Product, answer string) []Product {
	for _, w := range nlu.Words(answer) {
		n, err := strconv.Atoi(strings.TrimSuffix(w, "er"))
		if err != nil || n <= 0 {
			continue
		}
		for _, has := range []func(Product) bool{
			func(p Product) bool { return p.Count == n },
			func(p Product) bool { return firstFloat(p.Strength) == float64(n) },
		} {
			var out []Product
			for _, p := range ps {
				if has(p) {
					out = append(out, p)
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return ps
}

// most keeps the products with the highest value of by.
func most(ps []Product, by func(Product) float64) []Product {
	var out []Product
	for _, p := range ps {
		switch {
		case len(out) == 0 || by(p) > by(out[0]):
			out = []Product{p}
		case by(p) == by(out[0]):
			out = append(out, p)
		}
	}
	return out
}

package engine

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// describedChoice picks among the products offered (q) those an answer
// describes instead of numbering: by maker ("die von Hexal"), by pack size
// or strength ("die 200er", "die 20er"), or as the biggest, smallest,
// strongest or weakest ("die große Packung", "lieber die schwächere").
// It returns the choice (1-based) when one product fits, else 0 and the
// products left when the answer narrowed the offer (two of three are the
// smallest), nil when it did not.
func (e *dialog) describedChoice(q []pzn.PZN, answer string) (int, []bot.Product) {
	ps := e.products(q)
	left := e.lx.describe(ps, answer)
	switch {
	case len(left) == len(ps):
		return 0, nil
	case len(left) != 1:
		return 0, left
	}
	return slices.IndexFunc(ps, func(p bot.Product) bool { return p.PZN == left[0].PZN }) + 1, nil
}

// products looks PZNs up in the inventory, in their order; one no longer
// there is a zero Product.
func (e *dialog) products(zs []pzn.PZN) []bot.Product {
	cat := e.catalogNow()
	ps := make([]bot.Product, len(zs))
	for i, z := range zs {
		ps[i], _ = cat.ByPZN(z)
	}
	return ps
}

// describe keeps the products an answer describes: by maker, pack size or
// strength, standard size, form, or as the biggest, smallest, strongest or
// weakest; all when it describes none.
func (lx *lexicon) describe(ps []bot.Product, answer string) []bot.Product {
	left := byMaker(ps, answer)
	left = lx.byNumber(left, answer)
	left = lx.byNSize(left, answer)
	left = lx.byForm(left, answer)
	for _, d := range match.PackDirections {
		if lx.Says(answer, d.In) {
			left = most(left, func(p bot.Product) float64 { return d.Signed(lx.Reader, p) })
		}
	}
	if slices.ContainsFunc(match.Words(lx.Normalize(answer)), func(w string) bool { return lx.In("middle", w) }) {
		left = middle(left) // "die mittlere Packung"
	}
	return left
}

// middle keeps the products of the pack size between the smallest and the
// biggest (the lower of two middles); all when there are fewer than three
// sizes.
func middle(ps []bot.Product) []bot.Product {
	var counts []int
	for _, p := range ps {
		if !slices.Contains(counts, p.Count) {
			counts = append(counts, p.Count)
		}
	}
	if len(counts) < 3 {
		return ps
	}
	slices.Sort(counts)
	mid := counts[(len(counts)-1)/2]
	return keep(ps, func(p bot.Product) bool { return p.Count == mid })
}

// described keeps, of the candidates, those a request describes as the
// biggest, smallest, strongest or weakest ("Pantoprazol 40 mg, die große
// Packung"); all when it says none of it.
func (lx *lexicon) described(ms []match.Match, text string) []match.Match {
	for _, d := range match.PackDirections {
		if !lx.Says(text, d.In) {
			continue
		}
		best := math.Inf(-1)
		for _, m := range ms {
			best = max(best, d.Signed(lx.Reader, m.Product))
		}
		ms = slices.DeleteFunc(slices.Clone(ms), func(m match.Match) bool { return d.Signed(lx.Reader, m.Product) < best })
	}
	if slices.ContainsFunc(match.Words(lx.Normalize(text)), func(w string) bool { return lx.In("middle", w) }) {
		mid := middle(productsOf(ms))
		ms = slices.DeleteFunc(slices.Clone(ms), func(m match.Match) bool {
			return !slices.ContainsFunc(mid, func(p bot.Product) bool { return p.PZN == m.Product.PZN })
		})
	}
	return ms
}

// byMaker keeps the products whose maker the answer names; all when it
// names none.
func byMaker(ps []bot.Product, answer string) []bot.Product {
	ws := nlu.Words(answer)
	var out []bot.Product
	for _, p := range ps {
		if mk := nlu.Words(p.Maker); len(mk) > 0 && (containsPhrase(ws, mk) || len(mk) > 1 && strings.ContainsAny(mk[0], "0123456789") && slices.Contains(ws, mk[0])) {
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
func (lx *lexicon) byNumber(ps []bot.Product, answer string) []bot.Product {
	out, _ := lx.byNumberAttr(ps, answer)
	return out
}

// byNumberAttr is byNumber, also saying which it matched: "count",
// "strength", or "" for neither.
func (lx *lexicon) byNumberAttr(ps []bot.Product, answer string) ([]bot.Product, string) {
	for _, w := range match.Words(lx.Normalize(answer)) { // "die 200er", "das 0,05er"
		f, err := strconv.ParseFloat(lx.TrimSizeSuffix(w), 64)
		if err != nil || f <= 0 {
			continue
		}
		if out := keep(ps, func(p bot.Product) bool { return float64(p.Count) == f }); len(out) > 0 {
			return out, "count"
		}
		if out := keep(ps, func(p bot.Product) bool { return lx.FirstFloat(p.Strength) == f }); len(out) > 0 {
			return out, "strength"
		}
	}
	return ps, ""
}

// byForm keeps the products of the dosage form the answer names ("das
// Gel"); all when it names none, or one none of them has.
func (lx *lexicon) byForm(ps []bot.Product, answer string) []bot.Product {
	form := lx.ParseRequest(answer).Form
	if form == "" {
		return ps
	}
	if out := keep(ps, func(p bot.Product) bool { return lx.FormFits(lx.Normalize(p.Form), form) }); len(out) > 0 {
		return out
	}
	return ps
}

// byNSize keeps the products of the standard size the answer names ("die
// N3"); all when it names none, or one none of them has.
func (lx *lexicon) byNSize(ps []bot.Product, answer string) []bot.Product {
	for _, w := range match.Words(lx.Normalize(answer)) {
		if n := match.NSize(w); n != "" {
			if out := keep(ps, func(p bot.Product) bool { return p.NSize == n }); len(out) > 0 {
				return out
			}
		}
	}
	return ps
}

// most keeps the products with the highest value of by.
func most(ps []bot.Product, by func(bot.Product) float64) []bot.Product {
	var out []bot.Product
	for _, p := range ps {
		switch {
		case len(out) == 0 || by(p) > by(out[0]):
			out = []bot.Product{p}
		case by(p) == by(out[0]):
			out = append(out, p)
		}
	}
	return out
}

// otherPack reads a follow-up that asks for another pack of the product
// named last ("die große Packung", "lieber die 50er", "die von AbZ",
// "doch die stärkere"): the same active ingredient and form, another size,
// strength or maker. What the message does not ask to change stays as it
// was. It returns that product, or false when the message asks for
// something else or fits no one product.
func (e *dialog) otherPack(d *draft, text string) (bot.Product, bool) {
	if len(d.items) == 0 || d.items[len(d.items)-1].PZN == "" {
		return bot.Product{}, false
	}
	cat := e.catalogNow()
	cur, ok := cat.ByPZN(d.items[len(d.items)-1].PZN)
	if !ok || cur.Name == "" {
		return bot.Product{}, false
	}
	sibs := keep(cat.SameIngredient(cur), func(p bot.Product) bool { return p.PZN != cur.PZN })
	if !e.lx.onlyNames(cat.Known(e.lx.ParseRequest(text).Words), cur, sibs) {
		return bot.Product{}, false // another product is named: a new request
	}
	left, changed := sibs, map[string]bool{}
	for _, d := range match.PackDirections {
		if e.lx.Says(text, d.In) {
			by := func(p bot.Product) float64 { return d.By(e.lx.Reader, p) }
			left, changed[d.Attr] = nearest(left, by, by(cur), d.Up), true
		}
	}
	if byM := byMaker(left, text); len(byM) < len(left) {
		left, changed["maker"] = byM, true
	}
	if byN, attr := e.lx.byNumberAttr(left, text); attr != "" {
		left, changed[attr] = byN, true
	}
	if byN := e.lx.byNSize(left, text); len(byN) < len(left) {
		left, changed["count"] = byN, true // "lieber die N3"
	}
	if len(changed) == 0 {
		return bot.Product{}, false // nothing in the message picks a pack
	}
	// Unchanged where the message does not ask, the strength first: "die
	// von Zentiva" of 20 mg in 100 is Zentiva's 20 mg in 30, not its 40 mg
	// in 100.
	for _, keepSame := range []struct {
		attr string
		same func(bot.Product) bool
	}{
		{"strength", func(p bot.Product) bool { return p.Strength == cur.Strength }},
		{"maker", func(p bot.Product) bool { return p.Maker == cur.Maker }},
		{"count", func(p bot.Product) bool { return p.Count == cur.Count }},
	} {
		kept := keep(left, keepSame.same)
		switch {
		case changed[keepSame.attr]:
		case len(kept) > 0:
			left = kept
		case keepSame.attr == "strength":
			return bot.Product{}, false // "ratiopharm" of 400 mg when ratiopharm has 600 mg: no other strength unasked
		}
	}
	if stocked := keep(left, func(p bot.Product) bool { return p.Stock > 0 }); len(stocked) > 0 {
		left = stocked // of equals, one in stock, the first in the inventory
	}
	if len(left) == 0 {
		return bot.Product{}, false
	}
	return left[0], true
}

// nearest keeps the products whose value of by is the next one above (up)
// or below from.
func nearest(ps []bot.Product, by func(bot.Product) float64, from float64, up bool) []bot.Product {
	dir := 1.0
	if !up {
		dir = -1
	}
	beyond := keep(ps, func(p bot.Product) bool { return (by(p)-from)*dir > 0 })
	return most(beyond, func(p bot.Product) float64 { return -by(p) * dir })
}

// onlyNames reports whether every name word of a request is a maker of
// the product's siblings or describes a pack ("die von AbZ", "die 50er"): a
// message that names a product ("Ibuprofen 600") is a request of its own.
func (lx *lexicon) onlyNames(ws []string, p bot.Product, sibs []bot.Product) bool {
	own := match.Words(lx.Normalize(p.Maker))
	for _, s := range sibs {
		own = append(own, match.Words(lx.Normalize(s.Maker))...)
	}
	for _, w := range ws {
		if !slices.Contains(own, w) && !lx.packWord(w) {
			return false
		}
	}
	return true
}

// packWord is a word that describes a pack rather than names a product:
// "große", "stärkere", the "er" of "50er", "Packung" ([words] pack_refs), a filler.
func (lx *lexicon) packWord(w string) bool {
	return lx.SizeSuffix(w) || lx.In("pack_refs", w) || lx.leadWord(w) || lx.In("choice", w) || lx.DescribesPack(w)
}

func keep(ps []bot.Product, ok func(bot.Product) bool) []bot.Product {
	var out []bot.Product
	for _, p := range ps {
		if ok(p) {
			out = append(out, p)
		}
	}
	return out
}

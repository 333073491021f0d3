package match

import (
	"cmp"
	"slices"
)

// scored are the products that fit a request's name well enough (maybe),
// best first. The name comes first ("Ramipril 5 mg von Hexal"): when
// products have it, those that have only the maker or a later word are no
// choice.
func (c *Catalog) scored(q request) []Match {
	type scored struct {
		i int32
		s float64
	}
	var fit []scored
	idx, hits := c.words.hits(q.Words) // only those a word fits: the rest score 0
	for k, i := range idx {
		if s := c.score(q, int(i), hits[k]); s >= maybe {
			fit = append(fit, scored{i, s})
		}
	}
	// Sorted as pairs, then the products copied once: on a full assortment
	// a maker's name fits thousands.
	if named := slices.DeleteFunc(slices.Clone(fit), func(f scored) bool {
		return !AnyWordFits(q.Words[0], c.features[f.i].words)
	}); len(named) > 0 && !c.IsMaker(q.Words[0]) {
		fit = named
	}
	slices.SortStableFunc(fit, func(a, b scored) int { return cmp.Compare(b.s, a.s) })
	ms := make([]Match, len(fit))
	for k, f := range fit {
		ms[k] = Match{c.products[f.i], f.s}
	}
	return ms
}

// narrowStep narrows the products that fit a request, best first, by one
// detail of it. It may answer the request at once instead (a form or a
// strength the name does not come in), and may change what the request is
// read as (the grams of a gel are its pack size, no strength).
type narrowStep func(c *Catalog, q *request, ms []Match) ([]Match, *MatchResult)

// narrowing are the steps of Match after scoring, in order: the ones that
// answer at once come where the details before them have been applied.
var narrowing = []narrowStep{
	(*Catalog).formMissing,
	(*Catalog).inPackUnit,
	(*Catalog).ofBareStrength,
	(*Catalog).ofVariant,
	(*Catalog).ofNSize,
	(*Catalog).inForm,
	(*Catalog).ofAmount,
	(*Catalog).makerMissing,
	(*Catalog).strengthMissing,
}

// preferring keeps the products that keep reports, unless none is: a
// detail narrows the choice but never empties it.
func preferring(ms []Match, keep func(Match) bool) []Match {
	if in := slices.DeleteFunc(slices.Clone(ms), func(m Match) bool { return !keep(m) }); len(in) > 0 {
		return in
	}
	return ms
}

// featuresOf are the features of a matched product.
func (c *Catalog) featuresOf(m Match) features { return c.features[c.byPZN[m.Product.PZN]] }

// formMissing answers with the forms there are when the request names a
// form that none of the products of its name comes in ("Ibuprofen
// Tropfen").
func (c *Catalog) formMissing(q *request, ms []Match) ([]Match, *MatchResult) {
	if q.Form == "" || len(ms) == 0 {
		return ms, nil
	}
	if forms := c.formsWithout(q.Form, ms); len(forms) > 0 {
		return ms, &MatchResult{NoForm: q.Form, Forms: forms, Others: ms}
	}
	return ms, nil
}

// inPackUnit keeps the packs counted as a container word says ("die Tube
// Diclofenac": grams, no tablets; and "die 50er Tube" is then no 50 mg).
func (c *Catalog) inPackUnit(q *request, ms []Match) ([]Match, *MatchResult) {
	if q.packUnit != "" {
		ms = preferring(ms, func(m Match) bool { return c.featuresOf(m).packUnit == q.packUnit })
	}
	return ms, nil
}

// ofBareStrength keeps the products whose strength a bare number is
// ("Levothyroxin 50" is 50 µg, not the 100 µg in packs of 50).
func (c *Catalog) ofBareStrength(q *request, ms []Match) ([]Match, *MatchResult) {
	for _, n := range q.Numbers {
		ms = preferring(ms, func(m Match) bool { return c.featuresOf(m).strength == n })
	}
	return ms, nil
}

// ofVariant keeps only the products with the letter after a name
// ("Vitamin C"; "D3" is another), and answers nothing when none has it.
func (c *Catalog) ofVariant(q *request, ms []Match) ([]Match, *MatchResult) {
	if q.variant == "" || len(c.Known([]string{q.before})) == 0 {
		return ms, nil
	}
	if ms = slices.DeleteFunc(ms, func(m Match) bool { return !c.hasVariant(m.Product.PZN, q.variant) }); len(ms) == 0 {
		return ms, &MatchResult{}
	}
	return ms, nil
}

// ofNSize keeps the standard size asked for ("Atorvastatin 20 mg N3").
func (c *Catalog) ofNSize(q *request, ms []Match) ([]Match, *MatchResult) {
	if q.nsize != "" {
		ms = preferring(ms, func(m Match) bool { return m.Product.NSize == q.nsize })
	}
	return ms, nil
}

// inForm keeps the form asked for ("Nasenspray von ratiopharm": the
// maker's tablets do not fit).
func (c *Catalog) inForm(q *request, ms []Match) ([]Match, *MatchResult) {
	if q.Form != "" {
		ms = preferring(ms, func(m Match) bool { return c.hasForm(m.Product.PZN, q.Form) })
	}
	return ms, nil
}

// ofAmount reads grams or millilitres that are no strength of the products
// as their pack size ("Diclofenac Gel 100 g", "die 50g Tube"): only a pack
// counted in that unit fits (not the 50 mg tablets), and the products are
// scored again.
func (c *Catalog) ofAmount(q *request, ms []Match) ([]Match, *MatchResult) {
	if q.unit != "g" && q.unit != "ml" || !c.amountNotStrength(*q, ms) {
		return ms, nil
	}
	q.Count, q.Strength = q.Strength, ""
	ms = preferring(ms, func(m Match) bool { return c.featuresOf(m).packUnit == q.unit })
	for k := range ms {
		ms[k].Score = c.score(*q, int(c.byPZN[ms[k].Product.PZN]), 1)
	}
	slices.SortStableFunc(ms, func(a, b Match) int { return cmp.Compare(b.Score, a.Score) })
	return ms, nil
}

// makerMissing answers with other makers' products ("Ramipril 5 mg von
// Hexal" when Hexal has 2,5 mg only: the 5 mg of other makers, said so,
// not Hexal's 2,5 mg).
func (c *Catalog) makerMissing(q *request, ms []Match) ([]Match, *MatchResult) {
	if maker, others := c.makerLacks(*q, ms); maker != "" {
		return ms, &MatchResult{Candidates: others[:min(len(others), 5)], NoMaker: maker}
	}
	return ms, nil
}

// strengthMissing answers with the strengths there are when the request
// names one the products of its name do not come in ("Ibuprofen 1000").
func (c *Catalog) strengthMissing(q *request, ms []Match) ([]Match, *MatchResult) {
	if asked, have := c.strengthsAsked(*q, ms); asked != "" {
		return ms, &MatchResult{Candidates: ms[:min(len(ms), 5)], NoStrength: asked, Strengths: have}
	}
	return ms, nil
}

// pick takes the best product when it fits surely and margin ahead of the
// next, and has every number asked for; otherwise it offers at most five.
// When several fit what was asked equally well ("Ibuprofen 400 20 Stück":
// two makers), those are offered, not the ones that fit less (another
// strength or pack size).
func (c *Catalog) pick(q request, ms []Match) MatchResult {
	if len(ms) > 0 && ms[0].Score >= sure {
		n := 1
		for n < len(ms) && ms[0].Score-ms[n].Score < margin {
			n++
		}
		if n == 1 && !c.numberMissed(q, ms[0].Product.PZN) {
			return MatchResult{Product: &ms[0].Product}
		}
		ms = ms[:n]
	}
	return MatchResult{Candidates: ms[:min(len(ms), 5)]}
}

package match

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/pzn"
)

// Catalog finds inventory products for what a customer asked for. It is
// built once from the inventory and is safe for concurrent use.
type Catalog struct {
	products []bot.Product
	features []features
	byPZN    map[pzn.PZN]int
	words    *wordIndex         // name and maker words -> products
	byForm   map[string][]int32 // a normalised form -> products, ascending
	Makers   map[string]string  // a maker's normalised name -> as written
	rd       Reader             // the words it reads requests with
}

// features are a product's searchable parts, normalised.
type features struct {
	words    []string // name and maker words
	strength string   // first number of the strength: "400", "2.5"
	unit     string   // the strength's unit: "mg", "g" ("" for "1 %")
	count    string   // the pack size as written in a request: "20"
	packUnit string   // what the count counts ([units]): "pieces", "g", "ml"
	form     string
}

// NewCatalog indexes products; it reads requests with lx.
func NewCatalog(products []bot.Product, lx *nlu.Lexicon) *Catalog {
	c := &Catalog{rd: Reader{lx}, products: products, features: make([]features, len(products)), byPZN: make(map[pzn.PZN]int, len(products))}
	c.byForm, c.Makers = map[string][]int32{}, map[string]string{}
	names := make([][]string, len(products))
	for i, p := range products {
		c.byPZN[p.PZN] = i
		c.features[i] = features{
			words:    Words(c.rd.Normalize(p.Name + " " + p.Maker)),
			strength: firstNumber(c.rd.Normalize(p.Strength)),
			unit:     strengthUnitOf(c.rd.Normalize(p.Strength)),
			count:    strconv.Itoa(p.Count),
			packUnit: bot.PackUnit(p.Form),
			form:     c.rd.Normalize(p.Form),
		}
		names[i] = c.features[i].words
		c.byForm[c.features[i].form] = append(c.byForm[c.features[i].form], int32(i))
		if mk := Words(c.rd.Normalize(p.Maker)); len(mk) > 0 {
			c.Makers[strings.Join(mk, " ")] = p.Maker
			if len(mk) > 1 && strings.ContainsAny(mk[0], "0123456789") {
				c.Makers[mk[0]] = p.Maker // "1A" for "1A Pharma": no word of a name
			}
		}
	}
	c.words = newWordIndex(names)
	return c
}

// isMaker reports whether a normalised word is a maker's name.
func (c *Catalog) IsMaker(w string) bool {
	_, ok := c.Makers[w]
	return ok
}

// first is the product a result names, or its best candidate.
func (r MatchResult) First() (bot.Product, bool) {
	switch {
	case r.Product != nil:
		return *r.Product, true
	case len(r.Candidates) > 0:
		return r.Candidates[0].Product, true
	}
	return bot.Product{}, false
}

// without drops a maker's products from a result ("nicht von Zentiva");
// a product of that maker becomes no answer.
func (r MatchResult) Without(maker string) MatchResult {
	if r.Product != nil && r.Product.Maker == maker {
		r.Product = nil
	}
	r.Candidates = slices.DeleteFunc(slices.Clone(r.Candidates), func(m Match) bool { return m.Product.Maker == maker })
	return r
}

// MakerNamed returns the maker a text names ("die von ratiopharm"), as
// the inventory writes it; "" for none.
func (c *Catalog) MakerNamed(text string) string {
	ws := Words(c.rd.Normalize(text))
	for i := range ws {
		for k := min(len(ws), i+3); k > i; k-- {
			if m, ok := c.Makers[strings.Join(ws[i:k], " ")]; ok {
				return m
			}
		}
	}
	return ""
}

// Match is a product and how well it fits a request, from 0 to 1.
type Match struct {
	Product bot.Product
	Score   float64
}

// MatchResult is the answer to a request: one product when the request
// fits one clearly, otherwise the candidates to ask back about (best first,
// at most five), or neither when nothing fits.
type MatchResult struct {
	Product    *bot.Product
	Candidates []Match
	// NoStrength is the strength asked for ("1000") when no product of
	// that name comes in it; Strengths are those it comes in ("200 mg").
	NoStrength string
	Strengths  []string
	// NoForm is the dosage form asked for ("tropfen") when no product of
	// that name comes in it; Forms are those it comes in.
	NoForm string
	Forms  []string
	Others []Match // with NoForm: the products of the name, in the forms there are
	// NoMaker is the maker asked for when it has none of the strength
	// asked for, which other makers have: the candidates are theirs.
	NoMaker string
}

// Thresholds of Match: a product is taken when it scores at least sure and
// the next one is at least margin behind; candidates score at least maybe.
const (
	sure   = 0.75
	margin = 0.08
	maybe  = 0.45
)

// Empty reports an inventory without products: the pharmacy has not
// imported its stock yet.
func (c *Catalog) Empty() bool { return len(c.products) == 0 }

// ByPZN returns the product with PZN z.
func (c *Catalog) ByPZN(z pzn.PZN) (bot.Product, bool) {
	i, ok := c.byPZN[z]
	if !ok {
		return bot.Product{}, false
	}
	return c.products[i], true
}

// Match finds products for a typed or read request ("Ibu 400", "Ibuprofen
// 400 mg 20 Stück", "PZN 01234562"): a PZN in the text decides; otherwise
// name words (prefixes and small typos count), strength, pack size and form
// are scored against every product, and the details of the request narrow
// those that fit, step by step (narrowing).
func (c *Catalog) Match(text string) MatchResult {
	for _, f := range pzn.Find(text) {
		if p, ok := c.ByPZN(f.PZN); ok {
			return MatchResult{Product: &p}
		}
	}
	q := c.rd.ParseRequest(text)
	named := len(q.Words) > 0
	q.Words = c.Known(q.Words)
	switch {
	case len(q.Words) == 0 && named:
		return MatchResult{} // "Preiselbeer Kapseln": a name no product has, not any capsules
	case len(q.Words) == 0:
		return MatchResult{Candidates: c.ofForm(q)} // "Nasenspray"
	}
	ms := c.scored(q)
	for _, narrow := range narrowing {
		var answer *MatchResult
		if ms, answer = narrow(c, &q, ms); answer != nil {
			return *answer
		}
	}
	return c.pick(q, ms)
}

// makerLacks returns the maker a request names when none of its products
// that fit has the strength asked for, with the products of other makers
// that have it; "" when the request names no maker or strength, or the
// maker has it.
func (c *Catalog) makerLacks(q request, ms []Match) (string, []Match) {
	strength := q.Strength
	if strength == "" && len(q.Numbers) > 0 {
		strength = q.Numbers[0]
	}
	maker := c.MakerNamed(strings.Join(q.Words, " "))
	if maker == "" || strength == "" {
		return "", nil
	}
	var others []Match
	for _, m := range ms {
		f := c.features[c.byPZN[m.Product.PZN]]
		has := f.strength == strength
		if m.Product.Maker == maker && (has || q.Strength == "" && f.count == strength) {
			return "", nil // the maker has it; or the bare number is its pack size
		}
		if has {
			others = append(others, m)
		}
	}
	if len(others) == 0 {
		return "", nil
	}
	return maker, others
}

// hasVariant reports whether a product's name has a short word that
// begins with letter v ("d3" for "d").
func (c *Catalog) hasVariant(z pzn.PZN, v string) bool {
	return slices.ContainsFunc(c.features[c.byPZN[z]].words, func(w string) bool { return len(w) <= 3 && strings.HasPrefix(w, v) })
}

// amountNotStrength reports whether the number given with g or ml is no
// strength of the products that fit, in that unit: then it is the amount
// in a pack (a tube's grams, a bottle's millilitres), whether or not a
// pack of that size is stocked, and never the same number in mg.
func (c *Catalog) amountNotStrength(q request, ms []Match) bool {
	return !slices.ContainsFunc(ms, func(m Match) bool {
		f := c.features[c.byPZN[m.Product.PZN]]
		return f.strength == q.Strength && f.unit == q.unit
	})
}

// hasForm reports whether the product comes in the form asked for.
func (c *Catalog) hasForm(z pzn.PZN, form string) bool {
	return c.rd.FormFits(c.features[c.byPZN[z]].form, form)
}

// FormFits reports whether a product's form (normalised) is the form asked
// for: a word of it ends with the form, or one of its kinds ([form_kinds]:
// a "Spray" may be a Dosieraerosol).
func (rd Reader) FormFits(productForm, asked string) bool {
	return slices.ContainsFunc(append(rd.FormKinds(asked), asked), func(k string) bool { return formWordEnds(productForm, k) })
}

// formWordEnds reports whether a word of a form ends with w: German
// compounds end with their kind ("Filmtabletten", "Nasenspray"), while
// "magensaftresistente Tabletten" is no Saft.
func formWordEnds(form, w string) bool {
	return slices.ContainsFunc(strings.Fields(form), func(f string) bool { return strings.HasSuffix(f, w) })
}

// numberMissed reports a number in the request that is neither the
// product's strength nor its pack size ("Ibuprofen AL 400 die 50er" when
// AL has 20 only): it is offered among the others, not taken.
func (c *Catalog) numberMissed(q request, z pzn.PZN) bool {
	f := c.features[c.byPZN[z]]
	for _, n := range q.Numbers {
		if n != f.strength && n != f.count {
			return true
		}
	}
	return q.Count != "" && q.Count != f.count
}

// formsWithout returns the forms the products fitting a request's name
// come in, when none of them comes in form; nil when one does.
func (c *Catalog) formsWithout(form string, ms []Match) []string {
	var forms []string
	for _, m := range ms {
		if c.rd.FormFits(c.features[c.byPZN[m.Product.PZN]].form, form) {
			return nil
		}
		if !slices.Contains(forms, m.Product.Form) {
			forms = append(forms, m.Product.Form)
		}
	}
	return forms
}

// strengthsAsked returns the strength a request names that none of the
// products fitting its name comes in, with the strengths they do come in;
// "" when the request names none, or one that exists. A bare number that
// is neither a strength nor a pack size of them counts as a strength
// ("Ibuprofen 1000").
func (c *Catalog) strengthsAsked(q request, ms []Match) (string, []string) {
	if len(ms) == 0 {
		return "", nil
	}
	strengths, counts := map[string]bool{}, map[string]bool{}
	var have []string
	for _, m := range ms {
		f := c.features[c.byPZN[m.Product.PZN]]
		if !strengths[f.strength] && m.Product.Strength != "" {
			have = append(have, m.Product.Strength)
		}
		strengths[f.strength], counts[f.count] = true, true
	}
	asked := q.Strength
	fits := slices.ContainsFunc(q.Numbers, func(n string) bool { return strengths[n] })
	for _, n := range q.Numbers {
		if !strengths[n] && !counts[n] && !fits && !slices.Contains(q.sized, n) {
			// "paracetamol 500 for my kid, he's 8": the 500 is the
			// strength; "die 7er" is a pack size, even one not stocked.
			asked = n
		}
	}
	if asked == "" || strengths[asked] || len(have) == 0 {
		return "", nil
	}
	sort.Slice(have, func(i, j int) bool { return c.rd.FirstFloat(have[i]) < c.rd.FirstFloat(have[j]) })
	return asked, have
}

// FirstFloat is the first number of a strength ("2,5 mg" -> 2.5).
func (rd Reader) FirstFloat(s string) float64 {
	f, _ := strconv.ParseFloat(firstNumber(rd.Normalize(s)), 64)
	return f
}

// ofForm offers products of the form a request names without a product
// ("Nasenspray", "Augentropfen 10 ml"): those in stock first, at most five.
func (c *Catalog) ofForm(q request) []Match {
	if q.Form == "" {
		return nil
	}
	var idx []int32
	for form, ps := range c.byForm {
		if c.rd.FormFits(form, q.Form) {
			idx = append(idx, ps...)
		}
	}
	slices.Sort(idx) // inventory order, as a scan would give
	var stocked, not []Match
	for _, i := range idx {
		if f := c.features[i]; part(q.Strength, f.strength) > 0 && part(q.Count, f.count) > 0 && numbersFit(q.Numbers, f) {
			if c.products[i].Stock > 0 {
				if stocked = append(stocked, Match{c.products[i], maybe}); len(stocked) == 5 {
					break // five in stock: nothing else is offered
				}
			} else if len(not) < 5 {
				not = append(not, Match{c.products[i], maybe})
			}
		}
	}
	ms := append(stocked, not...)
	return ms[:min(len(ms), 5)]
}

// numbersFit reports whether every bare number of a request is the
// strength or the pack size of a product ("Nasenspray 0,1").
func numbersFit(ns []string, f features) bool {
	return !slices.ContainsFunc(ns, func(n string) bool { return n != f.strength && n != f.count })
}

// known keeps the words that fit some product: the rest ("meine", a
// redaction marker) says nothing about which product is meant and would
// only dilute every score.
func (c *Catalog) Known(ws []string) []string {
	out := ws[:0:0]
	for _, w := range ws {
		if len(c.words.fitting(w)) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// score rates product i for request q, hit of whose name words fit it; 0
// when none does.
func (c *Catalog) score(q request, i, hit int) float64 {
	f := c.features[i]
	if hit == 0 {
		return 0
	}
	strength, count := part(q.Strength, f.strength), part(q.Count, f.count)
	unmatched := false
	for _, n := range q.Numbers { // a bare number is a strength or a pack size
		switch n {
		case f.strength:
			strength = 1
		case f.count:
			count = 1
		default:
			unmatched = true
		}
	}
	if unmatched { // a number the product does not have: its open parts fail
		if strength == 0.5 {
			strength = 0
		}
		if count == 0.5 {
			count = 0
		}
	}
	form := 0.5
	if q.Form != "" {
		form = 0
		if c.rd.FormFits(f.form, q.Form) {
			form = 1
		}
	}
	return 0.6*float64(hit)/float64(len(q.Words)) + 0.25*strength + 0.1*count + 0.05*form
}

// part is 1 when a wanted value matches, 0 when it differs, 0.5 when the
// request does not say.
func part(want, have string) float64 {
	switch {
	case want == "":
		return 0.5
	case want == have:
		return 1
	}
	return 0
}

// anyWordFits reports whether query word w names one of a product's words
// (wordFits).
func AnyWordFits(w string, ws []string) bool {
	return slices.ContainsFunc(ws, func(pw string) bool { return WordFits(w, pw) })
}

// wordFits reports whether query word w names product word pw: the same
// word, a prefix of at least four letters ("para"; shorter ones are
// synonyms in the phrase files, "ibu", or "can" would name Candesartan),
// or the same word with typos when it is long enough (typoDistance; two
// only when the first five letters are right).
func WordFits(w, pw string) bool {
	switch {
	case pw == w:
		return true
	case len(w) >= minPrefix && strings.HasPrefix(pw, w):
		return true
	}
	switch typoDistance(len(w)) {
	case 2: // two typos only after five letters typed right
		if strings.HasPrefix(pw, w[:5]) && editDistanceWithin(w, pw, 2) {
			return true
		}
		return editDistanceWithin(w, pw, 1)
	case 1:
		return editDistanceWithin(w, pw, 1)
	}
	return false
}

// minPrefix is the shortest query word that names a product word by its
// beginning.
const minPrefix = 4

// WithIngredients writes the brands and short forms in a request as the
// active ingredients the phrase files name for them ("Dolormin 400" ->
// "Ibuprofen 400"); changed reports whether any was.
func (rd Reader) WithIngredients(text string) (out string, brand, ingredient string) {
	ws := strings.Fields(text)
	var b []string
	for i := 0; i < len(ws); i++ {
		if i+1 < len(ws) {
			two := ws[i] + " " + ws[i+1]
			if ing, ok := rd.Ingredient(two); ok {
				b, brand, ingredient = append(b, ing), strings.Trim(two, ",.!?"), ing
				i++
				continue
			}
		}
		if ing, ok := rd.Ingredient(strings.Trim(ws[i], ",.!?")); ok {
			b, brand, ingredient = append(b, ing), strings.Trim(ws[i], ",.!?"), ing
			continue
		}
		b = append(b, ws[i])
	}
	return strings.Join(b, " "), brand, ingredient
}

// sameIngredient returns the products of the same first name word (the
// active ingredient) and form as p.
func (c *Catalog) SameIngredient(p bot.Product) []bot.Product {
	name := Words(c.rd.Normalize(p.Name))[0]
	idx, _ := c.words.hits([]string{name})
	var out []bot.Product
	for _, i := range idx {
		if q := c.products[i]; Words(c.rd.Normalize(q.Name))[0] == name && q.Form == p.Form {
			out = append(out, q)
		}
	}
	return out
}

// FitsMaker reports a normalised word that fits a word of a maker's name
// ("pharmacy" fits the "pharma" of "1A Pharma").
func (c *Catalog) FitsMaker(w string) bool {
	for name := range c.Makers {
		if slices.ContainsFunc(strings.Fields(name), func(mw string) bool { return WordFits(w, mw) }) {
			return true
		}
	}
	return false
}

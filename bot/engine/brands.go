package engine

import (
	"strings"

	"github.com/apobot/apobot/bot/brands"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
)

// Brands the catalogue does not stock under their own name (Config.Brands):
// a single-ingredient brand is matched as its ingredient, and the customer
// is told so; a combination, or a name sold with different contents, is
// never one of its ingredients.

// brandHits returns the brands a text names.
func (e *dialog) brandHits(text string) []brands.Hit {
	if e.cfg.Brands == nil {
		return nil
	}
	return e.cfg.Brands.Find(text)
}

// namesBrand reports a word that is a brand's name by itself ("Zyrtec").
func (e *dialog) namesBrand(w string) bool {
	if e.cfg.Brands == nil {
		return false
	}
	_, ok := e.cfg.Brands.Lookup(w)
	return ok
}

// byBrand matches a part that names a brand the catalogue found nothing
// under: the first brand named, when it stands for one ingredient, is
// searched as that ingredient with the strength and form the brand fixes
// (unless the part says a strength or form of its own), and the customer
// is told "we have it as …". named: the part names a brand; a combination
// or an ambiguous one then stays not found, as itself.
func (e *dialog) byBrand(t *turn, part string) (res match.MatchResult, named bool) {
	hits := e.brandHits(part)
	if len(hits) == 0 {
		return res, false
	}
	h := hits[0]
	ingredient, ok := h.Brand.Ingredient()
	if !ok || e.lx.saysAny("combination", part[h.End:]) { // "Dolormin Kombi": not the brand alone
		return res, true
	}
	rest := part[:h.Start] + " " + part[h.End:]
	said := e.lx.ParseRequest(rest)
	alt := ingredient
	if said.Strength == "" && len(said.Numbers) == 0 {
		alt += " " + h.Brand.Strength
	}
	if said.Form == "" {
		alt += " " + h.Brand.Form
	}
	res = e.catalogNow().Match(part[:h.Start] + " " + alt + " " + part[h.End:])
	if res.Product != nil || len(res.Candidates) > 0 || res.NoForm != "" {
		t.say("product.synonym", msg.Args{"Asked": strings.TrimSpace(part[h.Start:h.End]), "Stocked": ingredient})
	}
	return res, true
}

// brandsWhole joins the words of a brand's name that a request would be
// split at ("Nurofen Cold and Flu", "Advil Cold & Sinus"): the spaces
// around such a word become no-break spaces, which splitParts does not
// split at and the rest of the reading takes as spaces.
func (e *dialog) brandsWhole(text string) string {
	var b strings.Builder
	last := 0
	for _, h := range e.brandHits(text) {
		name := text[h.Start:h.End]
		if len(e.lx.splitParts(name)) < 2 && !strings.ContainsRune(name, ',') {
			continue
		}
		b.WriteString(text[last:h.Start])
		b.WriteString(strings.ReplaceAll(name, " ", "\u00a0"))
		last = h.End
	}
	if last == 0 {
		return text
	}
	return b.String() + text[last:]
}

package engine

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
)

// A correction says what it takes back and what replaces it ("sorry,
// meinte 600 nicht 400", "ick meen pantoprazol, nich omeprazol", "zwei
// statt einer"), or gives a short answer with a reason around it ("mach
// doch 3, wir fahren zu dritt in urlaub"). Both are read down to what
// replaces, so the open choice or the last product takes it.

// corrected is text read down to what it says instead, when it corrects:
// without the value it takes back, and without an aside after a short
// answer; text as it is otherwise. Only while something is open to
// correct: a choice, or a product on the request.
func (e *dialog) corrected(t *turn, d *draft, text string) string {
	if len(t.conv.Question) == 0 && len(d.items) == 0 {
		return text
	}
	text, old := e.withoutReplaced(text)
	named := func(name string) bool { return old != "" && match.AnyWordFits(old, match.Words(e.lx.Normalize(name))) }
	if slices.ContainsFunc(e.products(t.conv.Question), func(p bot.Product) bool { return named(p.Name) }) {
		t.conv.Question, t.conv.Asked = nil, 0 // "pantoprazol, nich omeprazol" while Omeprazol is offered
	}
	if kept := slices.DeleteFunc(slices.Clone(d.items), func(it bot.Item) bool { return named(it.Name) }); len(kept) < len(d.items) {
		d.items, d.dirty = kept, true // "statt Loperamid lieber Cetirizin AL": the Loperamid goes
	}
	if n, ok := e.lx.relativeQuantity(text, e.quantityBefore(t, d)); ok {
		return strconv.Itoa(n) + "x" // "eins weniger bitte": the quantity it comes to, not a choice
	}
	return e.withoutAside(text)
}

// quantityBefore is the quantity a correction changes: the one waiting
// with the open choice, else the last product's.
func (e *dialog) quantityBefore(t *turn, d *draft) int {
	if len(t.conv.Question) > 0 || len(d.items) == 0 {
		return t.conv.Asked
	}
	return d.items[len(d.items)-1].Quantity
}

// withoutReplaced takes out the value a correction takes back when the
// rest names what replaces it, of the same kind: a number for a number
// ("600 nicht 400"), a product for a product ("pantoprazol, nich
// omeprazol"). Not "nicht stärker als 400", not "ein Schmerzmittel, nicht
// Ibuprofen": nothing there replaces. The rest, and the product word taken
// back ("" when none).
func (e *dialog) withoutReplaced(text string) (string, string) {
	s := e.lx.Normalize(text)
	m := e.lx.replacedRe.FindStringSubmatchIndex(s)
	if m == nil {
		return text, ""
	}
	old, rest := s[m[2]:m[3]], s[:m[0]]+" "+s[m[1]:]
	switch {
	case e.lx.numeric(old) && slices.ContainsFunc(match.Words(rest), e.lx.numeric):
		return rest, ""
	case !e.lx.numeric(old) && len(e.catalogNow().Known([]string{old})) > 0 && len(e.catalogNow().Known(e.lx.ParseRequest(rest).Words)) > 0:
		return rest, old
	}
	return text, ""
}

// numeric reports a number in digits or words, or a "600er".
func (lx *lexicon) numeric(w string) bool {
	_, isWord := lx.WordNumber(w)
	return isWord || match.IsNumber(lx.TrimSizeSuffix(w))
}

// withoutAside is a short answer without the reason after it ("mach doch
// 3, wir fahren zu dritt in urlaub" -> "mach doch 3"): when the first
// clause that says more than lead words holds a number or a pack's
// description and no product, and the clauses after it hold no product,
// maker, form or number.
func (e *dialog) withoutAside(text string) string {
	segs := commaSplit(text)
	i := 0
	for i < len(segs)-1 && e.lx.onlyLead(e.lx.Normalize(segs[i])) {
		i++
	}
	head, rest := strings.Join(segs[:i+1], ","), strings.Join(segs[i+1:], ",")
	if strings.TrimSpace(rest) == "" || !e.bareAnswer(head) || e.saysProduct(rest) {
		return text
	}
	return head
}

// bareAnswer reports a clause that names no product but a number or a
// pack ("doch 3", "de 600er", "die kleinere").
func (e *dialog) bareAnswer(s string) bool {
	r := e.lx.ParseRequest(e.lx.stripLead(e.lx.Normalize(s)))
	ws := match.Words(e.lx.stripLead(e.lx.Normalize(s))) // "nee" is no "ne" (one)
	return len(e.catalogNow().Known(r.Words)) == 0 &&
		(r.Strength != "" || r.Count != "" || len(r.Numbers) > 0 || slices.ContainsFunc(ws, e.lx.numeric) || slices.ContainsFunc(ws, e.lx.DescribesPack))
}

// saysProduct reports a clause that could add to a request: a digit, a
// number word, a product's or maker's word, a form.
func (e *dialog) saysProduct(s string) bool {
	r := e.lx.ParseRequest(e.lx.Normalize(s))
	return strings.ContainsFunc(s, unicode.IsDigit) || slices.ContainsFunc(match.Words(e.lx.Normalize(s)), e.lx.numeric) ||
		len(e.catalogNow().Known(r.Words)) > 0 || r.Form != "" || e.catalogNow().MakerNamed(s) != ""
}

// noChoiceSaid reports an answer to a choice that takes none ([words]
// no_choice), as a whole ("ok dann nicht, danke") or in every clause after
// lead words ("ach vergessen sie's, doch nichts").
func (lx *lexicon) noChoiceSaid(a string) bool {
	if lx.In("no_choice", strings.Join(match.Words(a), " ")) {
		return true
	}
	segs := strings.FieldsFunc(a, func(r rune) bool { return strings.ContainsRune(",.;!", r) }) // normalised: commas are points
	return len(segs) > 1 && !slices.ContainsFunc(segs, func(s string) bool {
		ws := match.Words(lx.stripLead(s))
		return len(ws) > 0 && !lx.In("no_choice", strings.Join(ws, " "))
	})
}

// dropNamed takes off the request the products that a cancelling clause
// names ("ne doch nur das Cetirizin, das Loperamid brauch ich nicht
// mehr") when others stay on it, and files the rest. False when the
// clauses name none of them, or all: then the whole request is cancelled.
func (e *dialog) dropNamed(ctx context.Context, t *turn, text string) (bool, error) {
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil || len(d.items) < 2 {
		return false, err
	}
	var said []string
	for _, seg := range commaSplit(text) {
		if e.lx.Says(seg, nlu.Cancel) {
			said = append(said, match.Words(e.lx.Normalize(seg))...)
		}
	}
	named := e.namedIn(said)
	kept := slices.DeleteFunc(slices.Clone(d.items), func(it bot.Item) bool { return named(it.Name) })
	if len(kept) == 0 || len(kept) == len(d.items) {
		return false, nil
	}
	d.items, d.dirty = kept, true
	return true, e.save(ctx, t, d)
}

// namedIn reports of a product's name whether words said name it: its
// first word, or the short form of it ("das Ibu": Ibuprofen).
func (e *dialog) namedIn(said []string) func(name string) bool {
	said = slices.Clone(said)
	for i, w := range said {
		if long := e.lx.Short(w); long != "" {
			said[i] = long
		}
	}
	return func(name string) bool {
		ws := match.Words(e.lx.Normalize(name))
		return len(ws) > 0 && slices.ContainsFunc(said, func(w string) bool { return len(w) > 3 && match.WordFits(w, ws[0]) })
	}
}

// dropsQuestion closes the open choice when clause names its product
// ("vergiss das Vitamin D" while Vitamin D is asked about).
func (e *dialog) dropsQuestion(t *turn, clause string) bool {
	named := e.namedIn(match.Words(e.lx.Normalize(clause)))
	if !slices.ContainsFunc(e.products(t.conv.Question), func(p bot.Product) bool { return named(p.Name) }) {
		return false
	}
	t.conv.Question, t.conv.Asked = nil, 0
	return true
}

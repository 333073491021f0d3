package engine

import (
	"slices"
	"strings"
	"unicode"

	"github.com/apobot/apobot/bot/match"
)

// What of a long message may be quoted back as a product's name. A story,
// greetings or a voice-to-text run-on around an order must never be
// quoted as "nicht gefunden: „…“": only a span that reads as a product's
// name is, and the rest is said to be not understood (product.not_understood).

// longMessage is the number of words above which a message is long: its
// parts are quoted back only where they read as a product's name. A short
// message ("Habt ihr Stillhütchen?") is all about the product asked for.
const longMessage = 12

// maxSpan is the most words quoted back as one product's name.
const maxSpan = 4

// wordyPart is the number of words above which a part of a message is a
// sentence, not a name, however short the message: it too is quoted back
// only where it reads as a product's name ("rücken zwickt auch bissl vom
// umzug, nix schlimmes").
const wordyPart = 6

// spanWord is one word of a text as written, with its normalised words
// and whether a sentence mark ends it.
type spanWord struct {
	orig string
	ws   []string
	ends bool
}

// isLong reports a message of more than longMessage words.
func (lx *lexicon) isLong(text string) bool {
	return len(match.Words(lx.Normalize(text))) > longMessage
}

// nameSpan is the span of a text not found that reads as a product's name,
// to quote back: all of it in a short message; in a long one, from a word
// the catalogue or the brand list nearly knows, a word before a strength,
// form or pack word, or the word asked for ("habt ihr X"), with the
// strength, form and maker words after it, up to a sentence mark. false:
// nothing in it reads as a name.
func (e *dialog) nameSpan(text string, long bool) (string, bool) {
	if !long {
		return text, true
	}
	sw := e.lx.spanWords(text)
	for i := range sw {
		if e.anchors(sw, i) {
			return quoteSpan(e.spanFrom(sw, i)), true
		}
	}
	return "", false
}

// spanWords splits a text into its words as written.
func (lx *lexicon) spanWords(text string) []spanWord {
	var out []spanWord
	for _, f := range strings.Fields(text) {
		ws := match.Words(lx.Normalize(f))
		if len(ws) == 0 {
			continue // an emoji, a dash
		}
		out = append(out, spanWord{orig: f, ws: ws, ends: strings.ContainsAny(f[len(f)-1:], ",.;:!?")})
	}
	return out
}

// anchors reports a word at sw[i] that starts a product's name.
func (e *dialog) anchors(sw []spanWord, i int) bool {
	w := sw[i].ws[0]
	if e.nameWord(w) && !e.lx.smallTalkWord(w) && !e.lx.leadWord(w) {
		return true
	}
	if e.lx.plainWord(w) && !sw[i].ends && i+1 < len(sw) && e.lx.describesProduct(wordsFrom(sw, i+1)) {
		return true // "Grippostad C", "Wick Medinait Saft", "Blasenpflaster 20 Stück"
	}
	return e.lx.plainWord(w) && e.lx.afterAsk(sw, i)
}

// wordsFrom is the normalised words of sw[i] and the next, up to a
// sentence mark.
func wordsFrom(sw []spanWord, i int) []string {
	var out []string
	for k := i; k < len(sw) && k < i+3; k++ {
		out = append(out, sw[k].ws...)
		if sw[k].ends {
			break
		}
	}
	return out
}

// plainWord reports a word that could be a name: no number, filler, lead,
// small talk or greeting word.
func (lx *lexicon) plainWord(w string) bool {
	return len(w) > 2 && !match.IsNumber(w) && !lx.Filler(w) && !lx.leadWord(w) && !lx.smallTalkWord(w) && !lx.In("polite", w)
}

// describesProduct reports words that say a product's strength, form or
// pack: "400 mg", "Gel", "20 Stück", a variant letter ("C").
func (lx *lexicon) describesProduct(ws []string) bool {
	w := ws[0]
	if form, _ := lx.Form(ws, 0); form != "" {
		return true
	}
	if _, n := lx.Number(w); len(w) == 1 && unicode.IsLetter(rune(w[0])) && !n && !lx.Filler(w) {
		return true // "C", not the "n" of "n Päckchen"
	}
	return match.IsNumber(w) && len(ws) > 1 && (lx.StrengthUnit(ws[1]) || lx.CountWord(ws[1]))
}

// afterAsk reports a word that follows a question for a product ("habt
// ihr", "do you have"), with at most articles or fillers between.
func (lx *lexicon) afterAsk(sw []spanWord, i int) bool {
	var before []string
	for k := max(0, i-5); k < i; k++ {
		if sw[k].ends {
			before = nil
			continue
		}
		before = append(before, sw[k].ws...)
	}
	for ; len(before) > 0; before = before[:len(before)-1] {
		joined := " " + strings.Join(before, " ")
		if slices.ContainsFunc(lx.List("product_asks"), func(a string) bool {
			return strings.HasSuffix(joined, " "+strings.Join(match.Words(lx.Normalize(a)), " "))
		}) {
			return true
		}
		if !lx.Filler(before[len(before)-1]) {
			return false
		}
	}
	return false
}

// spanFrom is the name starting at sw[i]: it and the name, strength, form,
// maker and pack words after it, up to a sentence mark.
func (e *dialog) spanFrom(sw []spanWord, i int) []spanWord {
	end := i + 1
	for end < len(sw) && end-i < maxSpan && !sw[end-1].ends && e.nameGoesOn(sw[end].ws) {
		end++
	}
	return sw[i:end]
}

// nameGoesOn reports words that continue a product's name.
func (e *dialog) nameGoesOn(ws []string) bool {
	w := ws[0]
	if e.lx.describesProduct(ws) || e.lx.StrengthUnit(w) || e.lx.CountWord(w) || match.IsNumber(w) || e.catalogNow().IsMaker(w) {
		return true
	}
	return e.nameWord(w) && !e.lx.smallTalkWord(w) && !e.lx.leadWord(w)
}

// quoteSpan writes a span as it was written, without the marks around it.
func quoteSpan(sw []spanWord) string {
	out := make([]string, len(sw))
	for i, s := range sw {
		out[i] = s.orig
	}
	return strings.Trim(strings.Join(out, " "), "?!.,;:\"'„“ ")
}

// quoteOnlyNames cuts what a request quotes back (not found, asked about
// later) to the spans that read as products' names; a text not found
// without one is unplaced.
func (e *dialog) quoteOnlyNames(h *heard, long bool) {
	var missing []string
	for _, m := range h.missing {
		if span, ok := e.nameSpan(m, long || len(match.Words(e.lx.Normalize(m))) > wordyPart); ok {
			missing = append(missing, span)
		} else {
			h.unplaced = true
		}
	}
	h.missing = missing
	for _, texts := range []*[]string{&h.queued, &h.later} {
		for i, q := range *texts {
			if span, ok := e.nameSpan(q, long); ok {
				(*texts)[i] = span
			}
		}
	}
}

// sayNotUnderstood says that words of the message were not placed, and
// notes for the pharmacy that the customer wants something more.
func (e *dialog) sayNotUnderstood(t *turn, h heard) {
	if !h.unplaced {
		return
	}
	t.conv.Medical = true
	t.say("product.not_understood", nil)
}

// onlyMakerWords reports a part of a long message whose words that fit
// the catalogue fit only a maker's name, with no form or strength: "my
// colleague recommended your pharmacy" names no product ("pharmacy" is
// near "1A Pharma").
func (e *dialog) onlyMakerWords(part string) bool {
	q := e.lx.ParseRequest(part)
	cat := e.catalogNow()
	known := cat.Known(q.Words)
	if q.Form != "" || q.Strength != "" || len(known) == 0 {
		return false
	}
	return !slices.ContainsFunc(known, func(w string) bool { return !cat.FitsMaker(w) })
}

package engine

import (
	"regexp"
	"slices"
	"testing"
	"time"
)

// TestMovedWordLists gives each [words] list that took over words once
// written in Go (issue 29) sentences that must trigger it and sentences
// that must not.
func TestMovedWordLists(t *testing.T) {
	lx := testLexicon(t)
	re := func(r *regexp.Regexp) func(string) bool { return r.MatchString }
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc) // a Wednesday
	asksDay := func(s string) bool { _, ok := lx.askedDay(s, now, loc); return ok }
	twoParts := func(s string) bool { return len(lx.splitParts(s)) == 2 }
	dayNum := func(s string) bool { _, ok := lx.dayOfMonth(s); return ok }
	every := func(s string) bool { _, n := lx.everyWeekday(s); return n > 0 }
	pznLabel := func(s string) bool { p, err := lx.typedPZN(s); return p != "" && err == nil }
	timesWord := func(s string) bool { return lx.timesWords(s) != s }
	ofGone := func(s string) bool { m := lx.leadingQuantityRe.FindStringSubmatch(s); return m != nil && m[2] == "ibu" }
	for _, c := range []struct {
		list    string
		fires   func(string) bool
		yes, no []string
	}{
		{"yes_alone", func(s string) bool { return lx.saidAlone("yes_alone", s) }, []string{"ja", "ok", "yes", "j"}, []string{"ja?", "ja ja", "jaa", "nein", "okay dann"}},
		{"times", re(lx.timesInsideRe), []string{"paracetamol 500. 2x. von sandoz", "ibu 400. 2 mal. bitte", "ibu 400. 3 times. thanks"}, []string{"ibu 400. 2 malven. tee", "ibu 400. 2 mg. sandoz"}},
		{"times", re(lx.timesAfterRe), []string{"pzn 46165976 x3", "ibu 400 mal 2", "ibu 400 times 2"}, []string{"ibu 400 max 2", "ibu 400 2"}},
		{"times_suffixes", timesWord, []string{"zweimal ibu", "einmal nasenspray"}, []string{"normal ibu", "damal", "2 mal ibu"}},
		{"part_joiners", twoParts, []string{"ibu 400 und nasenspray", "ibu and paracetamol", "ibu sowie nasenspray"}, []string{"ibu 400 mundspray", "andorra ibu", "ibu, nasenspray"}},
		{"day_only", re(lx.dayOnlyRe), []string{"kann ich am 24. kommen", "bis zum 3. bitte", "den 5. geht"}, []string{"zimmer 24. stock", "ibu 400 24. mal", "damen 3."}},
		{"ordinal_suffixes", dayNum, []string{"24th", "1st", "2nd", "3rd", "24"}, []string{"3x", "24er", "first"}},
		{"weekday_suffixes", every, []string{"samstags", "mondays", "freitags"}, []string{"glas", "samstag", "ibus"}},
		{"not_days", func(s string) bool { return !asksDay(s) }, []string{"Guten Morgen, habt ihr Ibu?", "guten morgen"}, []string{"habt ihr morgen auf?", "Guten Tag, und morgen?"}},
		{"of", ofGone, []string{"2 packungen von ibu", "2x of ibu", "2 packungen vom ibu", "2x ibu"}, []string{"2 packungen vonibu", "2 packungen aus ibu"}},
		{"of", re(lx.eachFirstRe), []string{"je zwei vom cetirizin und loperamid", "each 2 of cetirizin and loperamid"}, []string{"je zwei cetirizin und loperamid", "je zwei aus cetirizin"}},
		{"size_suffixes", lx.numeric, []string{"600er", "50er", "600"}, []string{"peter", "er", "600mg"}},
		{"size_suffixes", lx.packWord, []string{"er"}, []string{"ibuprofen", "ern"}},
		{"pack_refs", lx.packWord, []string{"packung", "pack", "one"}, []string{"ibuprofen", "packungsbeilage"}},
		{"not_maker", re(lx.notMakerRe), []string{"ibu 400, aber bitte nicht von ratiopharm", "kein hexal", "not from sandoz", "no teva"}, []string{"ibu 400 von ratiopharm", "ibu 400 nichts weiter"}},
		{"pzn_labels", pznLabel, []string{"PZN 0123 4562", "pzn 0123-4562"}, []string{"nr 0123 4562", "pz 0123 4562"}},
	} {
		for _, s := range c.yes {
			if !c.fires(s) {
				t.Errorf("[words] %s: %q does not trigger it, want it to", c.list, s)
			}
		}
		for _, s := range c.no {
			if c.fires(s) {
				t.Errorf("[words] %s: %q triggers it, want it not to", c.list, s)
			}
		}
	}
	if m := lx.notMakerRe.FindStringSubmatch("kein hexal pharma"); m == nil || m[1] != "hexal pharma" { // [words] maker_tail
		t.Errorf("notMakerRe on %q = %q, want the maker %q", "kein hexal pharma", m, "hexal pharma")
	}
	if got := lx.timesWords("zweimal ibu"); got != "2 mal ibu" {
		t.Errorf("timesWords = %q, want %q", got, "2 mal ibu")
	}
	if got := lx.TrimSizeSuffix("400er"); got != "400" || !slices.Contains(lx.List("size_suffixes"), "er") {
		t.Errorf("TrimSizeSuffix(400er) = %q, want 400", got)
	}
}

package nlu

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func lexicon(t testing.TB) *Lexicon {
	t.Helper()
	lx, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

// describe writes a meaning in the corpus's notation: "-" for none, else
// the hits in order, "!x" negated, "x=" the whole message.
func describe(m Meaning) string {
	if len(m.Hits) == 0 {
		return "-"
	}
	var parts []string
	for _, h := range m.Hits {
		s := string(h.Intent)
		if h.Negated {
			s = "!" + s
		}
		if h.Alone {
			s += "="
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// TestCorpus reads every line of testdata/corpus.txt and compares.
func TestCorpus(t *testing.T) {
	lx := lexicon(t)
	f, err := os.Open("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	lines, guards := 0, 0
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, want, ok := strings.Cut(line, " | ")
		if !ok {
			t.Fatalf("corpus.txt:%d: no \" | \" in %q", n, line)
		}
		lines++
		if want = strings.TrimSpace(want); want == "-" || strings.HasPrefix(want, "!") {
			guards++
		}
		if got := describe(lx.Parse(text)); got != want {
			t.Errorf("corpus.txt:%d: %q reads as %q, want %q", n, text, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d lines, %d of them guards (no intent or a negated one)", lines, guards)
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"Hallooo!!! 😀":          "halo",
		"Öffnungszeiten":        "oefnungszeiten",
		"Oeffnungszeiten":       "oefnungszeiten",
		"Straße":                "strase",
		"Allergie-Nasenspray":   "alergie nasenspray",
		"don't":                 "don t",
		"Ibuprofen 400mg, 20St": "ibuprofen 400mg 20st",
		"":                      "",
	} {
		if got := strings.Join(Words(in), " "); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPhraseFilesAreChecked: a phrase file with an unknown intent, an
// empty or a doubled entry is refused, naming the file.
func TestPhraseFilesAreChecked(t *testing.T) {
	for name, file := range map[string]string{
		"unknown intent": "[refill]\nphrases = [\"nachfüllen\"]\n",
		"empty entry":    "[cancel]\nphrases = [\"!!\"]\n",
		"twice":          "[cancel]\nphrases = [\"stornieren\", \"Stornieren\"]\n",
		"unknown key":    "[cancel]\nwords = [\"stornieren\"]\n",
		"not TOML":       "[cancel\n",
		"two words":      "[polite]\nphrases = [\"bitte sehr\"]\n",
		"no number":      "[numbers]\nzwei = [\"zwei\"]\n",
		"no month":       "[months]\n13 = [\"smarch\"]\n",
		"unknown list":   "[words]\nfiller = [\"und\"]\n",
		"no weekday":     "[weekdays]\n7 = [\"someday\"]\n",
		"no offset":      "[days]\nmorgen = [\"morgen\"]\n",
	} {
		if err := lexicon(t).add("xx", []byte(file)); err == nil || !strings.Contains(err.Error(), "phrases/xx.toml") {
			t.Errorf("%s: %v, want an error naming the file", name, err)
		}
	}
}

// TestWordListsAndTables checks the [words] lists and the tables of days,
// weekdays, places and forms, in both languages and their spellings, and
// that repeated letters count there ("all" is no "al", a maker's name).
func TestWordListsAndTables(t *testing.T) {
	lx := lexicon(t)
	for _, c := range []struct {
		list, word string
		want       bool
	}{
		{"fillers", "für", true}, {"fillers", "fuer", true}, {"fillers", "all", true}, {"fillers", "al", false},
		{"lead", "bloß", true}, {"lead", "bloss", true}, {"strength_units", "µg", true}, {"strength_units", "i.e", true},
		{"count_words", "Stück", true}, {"count_words", "pcs", true}, {"small_talk", "Tschüss", true},
		{"small_talk", "ibuprofen", false}, {"product_asks", "habt ihr", true}, {"product_asks", "do you have", true},
	} {
		if got := lx.In(c.list, c.word); got != c.want {
			t.Errorf("In(%s, %q) = %v, want %v", c.list, c.word, got, c.want)
		}
	}
	if !lx.InLang("en", "language", "please") || lx.InLang("de", "language", "please") {
		t.Errorf("language lists: 'please' is English only")
	}
	if f, n := lx.Form(Spelled("ibuprofen drops"), 1); f != "tropfen" || n != 1 {
		t.Errorf("Form(drops) = %q, %d", f, n)
	}
	if f, n := lx.Form(Spelled("otriven nasal spray"), 1); f != "nasenspray" || n != 2 {
		t.Errorf("Form(nasal spray) = %q, %d", f, n)
	}
	if d, n := lx.Day(Spelled("habt ihr übermorgen offen"), 2); d != 2 || n != 1 {
		t.Errorf("Day(übermorgen) = %d, %d", d, n)
	}
	if d, n := lx.Day(Spelled("the day after tomorrow"), 1); d != 2 || n != 3 {
		t.Errorf("Day(day after tomorrow) = %d, %d", d, n)
	}
	if d, n := lx.Weekday(Spelled("Sonnabend"), 0); d != 6 || n != 1 {
		t.Errorf("Weekday(Sonnabend) = %d, %d", d, n)
	}
	if p, ok := lx.Ordinal("letzte"); !ok || p != 0 {
		t.Errorf("Ordinal(letzte) = %d, %v", p, ok)
	}
	if _, ok := lx.Ordinal("zwei"); ok {
		t.Errorf("zwei is a number, not a place")
	}
}

func FuzzParse(f *testing.F) {
	lx := lexicon(f)
	f.Add("bitte nicht löschen, aber stornieren")
	f.Add("Hallooo 😀 was kostet das???")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, text string) {
		m := lx.Parse(text)
		for _, h := range m.Hits {
			if h.Clause < 0 || (!h.Alone && h.Clause >= len(m.Clauses)) {
				t.Fatalf("hit %+v outside the %d clauses", h, len(m.Clauses))
			}
		}
		m.Without(Delete)
	})
}

// TestWithoutKeepsTheRestAsWritten: what is left after the clause of an
// intent is the customer's own text, decimal commas and all.
func TestWithoutKeepsTheRestAsWritten(t *testing.T) {
	lx := lexicon(t)
	for in, want := range map[string]string{
		"bitte nicht löschen, ich brauche Grippostad C und Xylometazolin 0,1 %": "ich brauche Grippostad C und Xylometazolin 0,1 %",
		"Löschen":                           "",
		"Ibuprofen 400, aber nicht löschen": "Ibuprofen 400",
		"Nasenspray 2,5 ml":                 "Nasenspray 2,5 ml",
	} {
		if got := strings.TrimSpace(lx.Parse(in).Without(Delete)); got != want {
			t.Errorf("%q without the delete clause: %q, want %q", in, got, want)
		}
	}
}

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
	} {
		if err := lexicon(t).add("xx", []byte(file)); err == nil || !strings.Contains(err.Error(), "phrases/xx.toml") {
			t.Errorf("%s: %v, want an error naming the file", name, err)
		}
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

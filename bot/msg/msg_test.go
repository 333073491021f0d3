package msg

import (
	"flag"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt")

// flat reads a message file into ID -> plural form -> text.
func flat(t *testing.T, lang string) map[ID]map[string]string {
	t.Helper()
	src, err := Source(lang)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(src, &raw); err != nil {
		t.Fatalf("%s.toml: %v", lang, err)
	}
	out := map[ID]map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			switch v := v.(type) {
			case string:
				if slices.Contains([]string{"one", "other", "zero", "two", "few", "many"}, k) && prefix != "" {
					if out[ID(prefix)] == nil {
						out[ID(prefix)] = map[string]string{}
					}
					out[ID(prefix)][k] = v
					continue
				}
				out[ID(join(prefix, k))] = map[string]string{"other": v}
			case map[string]any:
				walk(join(prefix, k), v)
			}
		}
	}
	walk("", raw)
	return out
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

var field = regexp.MustCompile(`\{\{\s*\.(\w+)`)

func fields(forms map[string]string) []string {
	var out []string
	for _, s := range forms {
		for _, m := range field.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, m[1]) {
				out = append(out, m[1])
			}
		}
	}
	sort.Strings(out)
	return out
}

// ownFields are messages whose languages take different fields: a date is
// "01.12." in German and "1 Dec" in English.
var ownFields = map[ID]bool{"day.date": true}

// TestBothLanguagesSayTheSame checks that German and English hold the same
// IDs, each with the same template fields, and that the bundle loaded them
// all.
func TestBothLanguagesSayTheSame(t *testing.T) {
	de, en := flat(t, "de"), flat(t, "en")
	for id, forms := range de {
		other, ok := en[id]
		if !ok {
			t.Errorf("%s: in de.toml, not in en.toml", id)
			continue
		}
		if a, b := fields(forms), fields(other); !slices.Equal(a, b) && !ownFields[id] {
			t.Errorf("%s: fields %v in German, %v in English", id, a, b)
		}
		if !Known(id) {
			t.Errorf("%s: in the files, not in the bundle", id)
		}
	}
	for id := range en {
		if _, ok := de[id]; !ok {
			t.Errorf("%s: in en.toml, not in de.toml", id)
		}
	}
	if len(de) < 100 {
		t.Errorf("only %d messages read: the walk misses some", len(de))
	}
}

// TestUnknownIDsShow checks the fallback a missing ID gets.
func TestUnknownIDsShow(t *testing.T) {
	if got := Text("de", "no.such.message", nil); got != "[no.such.message]" {
		t.Errorf("unknown ID rendered %q", got)
	}
	if got := Text("fr", "delete.done", nil); got != Text("de", "delete.done", nil) {
		t.Errorf("another language rendered %q, want German", got)
	}
}

func TestListAndQuote(t *testing.T) {
	for _, c := range []struct {
		lang  string
		items []string
		list  string
		quote string
	}{
		{"de", []string{"200 mg"}, "200 mg", "„200 mg“"},
		{"de", []string{"200 mg", "400 mg", "600 mg"}, "200 mg, 400 mg und 600 mg", "„200 mg“, „400 mg“, „600 mg“"},
		{"en", []string{"a", "b"}, "a and b", `"a", "b"`},
	} {
		if got := List(c.lang, c.items); got != c.list {
			t.Errorf("List(%s, %q) = %q, want %q", c.lang, c.items, got, c.list)
		}
		if got := Quote(c.lang, c.items); got != c.quote {
			t.Errorf("Quote(%s, %q) = %q, want %q", c.lang, c.items, got, c.quote)
		}
	}
}

// TestPluralForms checks that a Count picks the form, in both languages.
func TestPluralForms(t *testing.T) {
	for _, c := range []struct{ lang, one, many string }{
		{"de", "in einer Minute", "in 3 Minuten"}, {"en", "in a minute", "in 3 minutes"},
	} {
		if got := Text(c.lang, "tablet.locked", Args{"Count": 1}); !strings.Contains(got, c.one) {
			t.Errorf("%s, one: %q", c.lang, got)
		}
		if got := Text(c.lang, "tablet.locked", Args{"Count": 3}); !strings.Contains(got, c.many) {
			t.Errorf("%s, three: %q", c.lang, got)
		}
		// A message without plural forms takes a Count of one as any other.
		if got := Text(c.lang, "import.fields", Args{"Count": 1}); strings.HasPrefix(got, "[") || !strings.Contains(got, "1") {
			t.Errorf("%s, import.fields with one: %q", c.lang, got)
		}
		// One product offered is answered yes or no, several by number.
		if one, two := Text(c.lang, "choose.number", Args{"Count": 1}), Text(c.lang, "choose.number", Args{"Count": 2}); strings.Contains(one, "1") || !strings.Contains(two, "2") {
			t.Errorf("%s, choose.number: one %q, two %q", c.lang, one, two)
		}
	}
}

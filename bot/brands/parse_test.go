package brands

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestExtendBroken: each way a pharmacy's file can be wrong is an error
// naming the file and the line, in German and English, and adds nothing.
func TestExtendBroken(t *testing.T) {
	s := mustDefault(t)
	for name, c := range map[string]struct {
		text string
		line int
		says string
	}{
		"toml":             {"[[brand]]\nname = \"Hausmarke\"\ningredients = [\"Ibuprofen\"\n", 3, "not valid TOML"},
		"unquoted":         {"# eigene Marken\n\n[[brand]]\nname = Hausmarke\n", 4, "not valid TOML"},
		"no name":          {"[[brand]]\nname = \"Eins\"\ningredients = [\"Ibuprofen\"]\n\n[[brand]]\ningredients = [\"Ibuprofen\"]\n", 5, "no letters or digits"},
		"no ingredient":    {"\n\n[[brand]]\nname = \"Hausmarke\"\n", 3, "ingredients is missing"},
		"unknown key":      {"[[brand]]\nname = \"Hausmarke\"\ningredient = \"Ibuprofen\"\n", 1, "unknown key \"ingredient\""},
		"wrong type":       {"[[brand]]\nname = \"Hausmarke\"\ningredients = \"Ibuprofen\"\n", 1, "wrong type"},
		"strength":         {"[[brand]]\nname = \"Hausmarke\"\ningredients = [\"Ibuprofen\"]\nstrength = \"forte\"\n", 1, "begins with a number"},
		"ambiguous of one": {"[[brand]]\nname = \"Hausmarke\"\ningredients = [\"Ibuprofen\"]\nambiguous = true\n", 1, "at least two"},
		"empty ingredient": {"[[brand]]\nname = \"Hausmarke\"\ningredients = [\" \"]\n", 1, "empty or too long ingredient"},
		"too many words":   {"[[brand]]\nname = \"a b c d e f g\"\ningredients = [\"Ibuprofen\"]\n", 1, "longer than 6 words"},
		"twice":            {"[[brand]]\nname = \"Haus-Marke\"\ningredients = [\"Ibuprofen\"]\n\n[[brand]]\nname = \"Hausmarke\"\ningredients = [\"Paracetamol\"]\n", 5, "is already on line 1"},
		"alias twice":      {"[[brand]]\nname = \"Eins\"\naliases = [\"Zwei\"]\ningredients = [\"Ibuprofen\"]\n[[brand]]\nname = \"Zwei\"\ningredients = [\"Ibuprofen\"]\n", 5, "already on line 1"},
		"other section":    {"[brand]\nname = \"Hausmarke\"\n", 1, "must be [[brand]] tables"},
		"top-level key":    {"version = 2\n[[brand]]\nname = \"Hausmarke\"\ningredients = [\"Ibuprofen\"]\n", 1, "unknown key \"version\""},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := s.Extend("marken.toml", []byte(c.text))
			var be *Error
			if !errors.As(err, &be) || got != nil {
				t.Fatalf("Extend = %v, %v; want an *Error", got, err)
			}
			if be.Line != c.line || !strings.Contains(be.En, c.says) {
				t.Fatalf("error %q: line %d, want line %d saying %q", err, be.Line, c.line, c.says)
			}
			msg := err.Error()
			if want := "marken.toml, Zeile " + strconv.Itoa(c.line) + ": "; !strings.HasPrefix(msg, want) || !strings.Contains(msg, " / marken.toml, line "+strconv.Itoa(c.line)+": ") {
				t.Fatalf("error %q, want it to begin %q and name the line in English too", msg, want)
			}
		})
	}
}

// TestExtendOverrides: a pharmacy's entry adds a brand, and one with a name
// (in any spelling) of a shipped brand takes that name over in all its
// spellings; the shipped entry keeps its other names, and the shipped set
// is left as it was.
func TestExtendOverrides(t *testing.T) {
	s := mustDefault(t)
	own := `# Hausmarken der Apotheke
[[brand]]
name = "Hustenfrei Stadtapotheke"
ingredients = ["Ambroxol"]
form = "Saft"

[[brand]]
name = "Nurofen Junior Saft"   # shipped as an alias of "Nurofen Junior Fiebersaft"
ingredients = ["Ibuprofen"]
form = "Saft"
strength = "20 mg/ml"

[[brand]]
name = "Benuron"
ingredients = ["Paracetamol"]
form = "Zäpfchen"
`
	ext, err := s.Extend("marken.toml", []byte(own))
	if err != nil {
		t.Fatal(err)
	}
	if ext.Len() != s.Len()+2 {
		t.Errorf("%d brands, want %d: three added, ben-u-ron replaced", ext.Len(), s.Len()+2)
	}
	if b, ok := ext.Lookup("hustenfrei stadtapotheke"); !ok || b.Ingredients[0] != "Ambroxol" || b.Form != "Saft" {
		t.Errorf("own brand: %+v, %v", b, ok)
	}
	if b, _ := ext.Lookup("nurofen junior saft"); b.Strength != "20 mg/ml" {
		t.Errorf("Nurofen Junior Saft = %+v, want the pharmacy's entry", b)
	}
	if b, ok := ext.Lookup("Nurofen Fiebersaft"); !ok || b.Strength != "" || b.Form != "Saft" {
		t.Errorf("Nurofen Fiebersaft = %+v, %v: the shipped entry keeps the names not taken", b, ok)
	}
	if b, _ := ext.Lookup("ben-u-ron"); b.Form != "Zäpfchen" {
		t.Errorf("ben-u-ron = %+v, want the pharmacy's Benuron", b)
	}
	if b, _ := s.Lookup("ben-u-ron"); b.Form != "" {
		t.Errorf("the shipped set changed: ben-u-ron = %+v", b)
	}
	if b, ok := ext.Lookup("Zyrtec"); !ok || b.Ingredients[0] != "Cetirizin" {
		t.Errorf("Zyrtec = %+v, %v: the other shipped brands stay", b, ok)
	}
}

// TestWithFile: the pharmacy's file by path; a missing or too large file
// is an error naming it.
func TestWithFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "marken.toml")
	os.WriteFile(good, []byte("[[brand]]\nname = \"Hausmarke\"\ningredients = [\"Ibuprofen\"]\n"), 0o600)
	if s, err := WithFile(good); err != nil || !has(s, "Hausmarke") || !has(s, "Zyrtec") {
		t.Fatalf("WithFile: %v", err)
	}
	if s, err := WithFile(""); err != nil || has(s, "Hausmarke") {
		t.Fatalf("WithFile(\"\"): %v", err)
	}
	big := filepath.Join(dir, "gross.toml")
	os.WriteFile(big, []byte(strings.Repeat("# x\n", maxFile/4+1)), 0o600)
	for _, path := range []string{filepath.Join(dir, "fehlt.toml"), big} {
		if _, err := WithFile(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("WithFile(%s) = %v, want an error naming it", path, err)
		}
	}
}

func has(s *Set, name string) bool {
	_, ok := s.Lookup(name)
	return ok
}

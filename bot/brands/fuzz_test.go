package brands

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzExtend: any file is read or refused with an *Error, never a panic;
// a file read makes a set in which each of its names finds its entry.
func FuzzExtend(f *testing.F) {
	f.Add([]byte("[[brand]]\nname = \"Hausmarke\"\naliases = [\"Haus-Marke 2\"]\ningredients = [\"Ibuprofen\"]\nstrength = \"400 mg\"\n"))
	f.Add([]byte("[[brand]]\nname = \"ß Ö\u0308\"\ningredients = [\"a\", \"b\"]\nambiguous = true\n[[brand]]\n"))
	f.Add([]byte("brand = [{name = \"x\", ingredients = [\"y\"]}]\n"))
	f.Add([]byte("[brand]\n"))
	f.Add(shipped[:2000])
	base := &Set{}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := base.Extend("f.toml", data)
		if err != nil {
			var be *Error
			if !errors.As(err, &be) || s != nil {
				t.Fatalf("Extend = %v, %v; want nil and an *Error", s, err)
			}
			return
		}
		for _, e := range s.entries {
			for _, n := range e.names {
				if b, ok := s.Lookup(n); !ok || b.Name == "" {
					t.Fatalf("Lookup(%q) = %v, %v after reading it", n, b, ok)
				}
			}
		}
	})
}

// FuzzFind: in any text, hits lie inside it, in order, without overlap,
// and each span looked up alone names the same brand.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"zweimal benuron und einmal zyrtec", "Dekristol 20.000 I.E.", "ASS100mg", "Vigantol O\u0308l",
		"1.000.000", "\xff\xfeÄ", "ben-u-ron-ben-u-ron", "Aspirin protect 100 300"} {
		f.Add(s)
	}
	set, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, h := range set.Find(text) {
			if h.Start < end || h.End <= h.Start || h.End > len(text) {
				t.Fatalf("span %d:%d after %d in %q", h.Start, h.End, end, text)
			}
			end = h.End
			span := text[h.Start:h.End]
			if !utf8.ValidString(text) {
				continue
			}
			if b, ok := set.Lookup(span); !ok || b.Name != h.Brand.Name {
				t.Fatalf("Find(%q) gave %q for %q, Lookup gives %q, %v", text, h.Brand.Name, span, b.Name, ok)
			}
		}
	})
}

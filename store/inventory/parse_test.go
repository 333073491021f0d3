package inventory

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const head = "pzn;name;strength;form;count;n_size;maker;rx;stock\n"

func TestParseGoodFile(t *testing.T) {
	in := head +
		"01234562;Ibuprofen AL;400 mg;Filmtabletten;20;N1;ALIUD;0;12\n" +
		"\n" +
		"27580899;\"Metformin; STADA\";1000 mg;Filmtabletten;180;n3;STADA;1;0\n"
	var calls []int
	ps, err := Parse(strings.NewReader(in), func(n int) { calls = append(calls, n) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d products, want 2", len(ps))
	}
	if p := ps[1]; p.PZN != "27580899" || p.Name != "Metformin; STADA" || !p.Rx || p.Stock != 0 || p.Count != 180 || p.NSize != "N3" {
		t.Fatalf("second product = %+v", p)
	}
	if p := ps[0]; p.Strength != "400 mg" || p.Form != "Filmtabletten" || p.Maker != "ALIUD" || p.Rx || p.Stock != 12 {
		t.Fatalf("first product = %+v", p)
	}
	if len(calls) == 0 {
		t.Fatal("progress never called")
	}
}

func TestParseBOMAndWindows1252(t *testing.T) {
	line := "01234562;Rheuma-Gel Wärme;5 %;Gel;100;;Müller & Söhne;0;3\n"
	enc, err := charmap.Windows1252.NewEncoder().String(head + line)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"bom": "\xef\xbb\xbf" + head + line, "windows-1252": enc} {
		ps, err := Parse(strings.NewReader(in), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ps[0].Name != "Rheuma-Gel Wärme" || ps[0].Maker != "Müller & Söhne" {
			t.Fatalf("%s: %+v", name, ps[0])
		}
	}
}

func TestParseBadLines(t *testing.T) {
	for _, c := range []struct {
		name, body string
		line       int
		field      string
	}{
		{"check digit", "01234563;X;;;1;;;0;1\n", 2, "pzn"},
		{"short pzn", "1234;X;;;1;;;0;1\n", 2, "pzn"},
		{"no name", "01234562;;;;1;;;0;1\n", 2, "name"},
		{"count", "01234562;X;;;zwanzig;;;0;1\n", 2, "count"},
		{"negative stock", "01234562;X;;;1;;;0;-1\n", 2, "stock"},
		{"rx", "01234562;X;;;1;;;ja;1\n", 2, "rx"},
		{"n size", "01234562;X;;;1;N4;;0;1\n", 2, "n_size"},
		{"fields", "01234562;X;;;1;;0;1\n", 2, ""},
		{"later line", "01234562;X;;;1;;;0;1\n27580899;Y;;;1;;;0;\n", 3, "stock"},
		{"duplicate", "01234562;X;;;1;;;0;1\n01234562;Y;;;1;;;0;1\n", 3, "pzn"},
		{"quotes", "01234562;X\"Y;;;1;;;0;1\n", 2, ""},
		{"too long", "01234562;" + strings.Repeat("x", 201) + ";;;1;;;0;1\n", 2, "name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps, err := Parse(strings.NewReader(head+c.body), nil)
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v (%d products), want a LineError", err, len(ps))
			}
			if le.Line != c.line || le.Field != c.field {
				t.Fatalf("line %d field %q (%v), want line %d field %q", le.Line, le.Field, le, c.line, c.field)
			}
			if ps != nil || le.Problem == "" || !strings.HasPrefix(le.Text("de"), "Zeile ") || !strings.HasPrefix(le.Text("en"), "Line ") {
				t.Fatalf("products %v, German %q, English %q", ps, le.Text("de"), le.Text("en"))
			}
		})
	}
}

// TestParseNamesEveryBadLine: a file with many bad lines names each of the
// first MaxReported and counts the rest; the good lines between them are not
// returned (nothing is half-imported).
func TestParseNamesEveryBadLine(t *testing.T) {
	body := head + "01234562;X;;;1;;;0;1\n" + // line 2: good
		"01234563;Y;;;1;;;0;1\n" + // line 3: check digit
		"27580899;Z;;;1;;;0;1\n" + // line 4: good
		"01234562;W;;;1;;;0;1\n" // line 5: duplicate of line 2
	for i := 0; i < MaxReported+10; i++ {
		body += "27580899;;;;1;;;0;1\n" // no name (each also a duplicate, but the name is checked first)
	}
	ps, err := Parse(strings.NewReader(body), nil)
	var bad *Errors
	if ps != nil || !errors.As(err, &bad) {
		t.Fatalf("products %d, err %v: want an Errors and no products", len(ps), err)
	}
	if len(bad.Lines) != MaxReported || bad.More != 12 {
		t.Fatalf("%d lines named, %d counted; want %d named and 12 counted", len(bad.Lines), bad.More, MaxReported)
	}
	if bad.Lines[0].Line != 3 || bad.Lines[0].Field != "pzn" || bad.Lines[1].Line != 5 || bad.Lines[1].Problem != "import.duplicate" || bad.Lines[2].Line != 6 || bad.Lines[2].Field != "name" {
		t.Fatalf("first named lines %v, %v, %v; want line 3 (pzn), 5 (duplicate), 6 (name)", bad.Lines[0], bad.Lines[1], bad.Lines[2])
	}
	for lang, want := range map[string][]string{"de": {"Zeile 3, pzn", "Dazu 12 weitere fehlerhafte Zeilen.", "Es wurde nichts importiert."},
		"en": {"Line 3, pzn", "And 12 more bad lines.", "Nothing was imported."}} {
		texts := bad.Texts(lang)
		if len(texts) != MaxReported+2 || !strings.HasPrefix(texts[0], want[0]) || texts[MaxReported] != want[1] || texts[MaxReported+1] != want[2] {
			t.Errorf("%s: %d sentences, first %q, last two %q", lang, len(texts), texts[0], texts[len(texts)-2:])
		}
	}
}

func TestParseRefusesHeader(t *testing.T) {
	for _, in := range []string{"", "pzn;name\n", "name;pzn;strength;form;count;n_size;maker;rx;stock\n"} {
		var le *LineError
		if _, err := Parse(strings.NewReader(in), nil); !errors.As(err, &le) || le.Line != 1 {
			t.Errorf("Parse(%q): err = %v, want a LineError on line 1", in, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(head + "01234562;Ibuprofen AL;400 mg;Filmtabletten;20;N1;ALIUD;0;12\n"))
	f.Add([]byte("\xef\xbb\xbf" + head + "27580899;\"a;b\";;;1;;;1;0\n"))
	f.Add([]byte(head + "0123\xe4562;\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := Parse(strings.NewReader(string(data)), nil)
		if err != nil && ps != nil {
			t.Fatal("products and an error")
		}
		for _, p := range ps {
			if p.Name == "" || p.Stock < 0 || p.Count < 0 || !p.PZN.Valid() {
				t.Fatalf("bad product accepted: %+v", p)
			}
		}
	})
}

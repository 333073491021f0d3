package pzn

import (
	"strings"
	"testing"
)

// TestLabels checks that labels.toml parses and that each of its entries
// does what its list says, in a sentence.
func TestLabels(t *testing.T) {
	lb, err := loadLabels()
	if err != nil {
		t.Fatal(err)
	}
	for p, kind := range lb.phrases {
		var text string
		want := found{"02330799", 0, Medium}
		switch kind {
		case pznLabel:
			text = p + " 0233 0799"
		case numberWord:
			text = "die " + p + " auf der packung ist 0233 0799"
		case packWord:
			text = "die nummer auf der " + p + " ist 02 33 07 99"
		case otherLabel, clauseBreak:
			text, want = "pzn "+p+" 02 33 07 99", found{}
			if kind == otherLabel {
				text = p + " 0233 0799"
			}
		}
		want.At = strings.Index(text, "02")
		if got := view(Find(text)); want.PZN == "" && len(got) > 0 || want.PZN != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("%q: Find(%q) = %+v, want %+v", p, text, got, want)
		}
	}
	for _, e := range lb.endings {
		if text := "Mitglieds" + e + " 27580899"; len(Find(text)) > 0 {
			t.Errorf("ending %q: Find(%q) found a PZN", e, text)
		}
	}
}

func TestParseLabelsRejects(t *testing.T) {
	const rest = "\nnumber = [\"nr\"]\npack = [\"box\"]\nother_endings = [\"nummer\"]\nbreaks = [\"und\"]\n"
	tests := []struct{ name, file string }{
		{"not toml", "pzn = ["},
		{"unknown key", "pzn = [\"pzn\"]\nother = [\"tel\"]\nlabel = [\"x\"]" + rest},
		{"empty list", "pzn = []\nother = [\"tel\"]" + rest},
		{"twice", "pzn = [\"pzn\"]\nother = [\"pzn\"]" + rest},
		{"upper case", "pzn = [\"PZN\"]\nother = [\"tel\"]" + rest},
		{"four words", "pzn = [\"a b c d\"]\nother = [\"tel\"]" + rest},
		{"double space", "pzn = [\"product  number\"]\nother = [\"tel\"]" + rest},
	}
	if _, err := parseLabels("pzn = [\"pzn\"]\nother = [\"tel\"]" + rest); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if lb, err := parseLabels(tt.file); err == nil || lb != nil {
				t.Fatalf("parseLabels = %v, %v; want an error", lb, err)
			}
		})
	}
}

func TestWordsBefore(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Kunden-Nr.: 1", []string{"Nr", "Kunden"}},
		{"ÜBER die Rückruf-Nummer 1", []string{"Nummer", "Rückruf", "die", "ÜBER"}},
		{"a b c d e f g 1", []string{"g", "f", "e", "d", "c"}},
		{"PZN 1, bitte 1", []string{"bitte"}},
		{"Menge 3 Nr 1", []string{"Nr"}},
		{"1", nil},
	}
	for _, tt := range tests {
		words, n := wordsBefore(tt.text, len(tt.text)-1)
		if got := words[:n]; strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wordsBefore(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

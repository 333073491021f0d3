package engine

import (
	"testing"
	"time"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/internal/testsupport/stock"
)

// spanEngine is a dialog whose catalogue is stock.Small.
func spanEngine(t testing.TB) *dialog {
	lx := testLexicon(t)
	return &dialog{lx: lx, catalog: &catalogCache{cat: match.NewCatalog(stock.Small, lx.Lexicon), at: time.Now()}}
}

func TestNameSpan(t *testing.T) {
	e := spanEngine(t)
	for _, c := range []struct {
		text string
		long bool
		want string // "" when nothing in it reads as a name
	}{
		{"Stillhütchen", false, "Stillhütchen"}, // a short message is all about the product
		{"liebes apo team, ich war gestern beim arzt", true, ""},
		{"mensch ich hab heut echt n scheiß tag, auto springt nicht an", true, ""},
		{"wollte nur mal sagen dass die beratung letzte woche echt super war", true, ""},
		{"we're visiting magdeburg from dublin for the christmas market", true, ""},
		{"er wird im bus immer seekrank, habt ihr reisetabletten?", true, "reisetabletten"},
		{"meine wg hat grippe, könnt ihr 5x grippostad c zurücklegen oder falls nicht da", true, "grippostad c"},
		{"paracetamol 500. holen wir dann zusammen ab wenn sie vom training kommt", true, "paracetamol 500"},
		{"blasenpflaster 20 stück falls ihr habt", true, "blasenpflaster 20 stück"},
	} {
		got, ok := e.nameSpan(c.text, c.long)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("nameSpan(%q, %v) = %q, %v; want %q", c.text, c.long, got, ok, c.want)
		}
	}
}

func TestOnlyMakerWords(t *testing.T) {
	e := spanEngine(t)
	for text, want := range map[string]bool{
		"meine kollegin schwört auf ratiopharma": true, // near a maker's name, and no product
		"paracetamol von ratiopharm":             false,
		"gel von ratiopharm":                     false, // a form: a product of that maker
		"ich war gestern beim arzt":              false,
	} {
		if got := e.onlyMakerWords(text); got != want {
			t.Errorf("onlyMakerWords(%q) = %v, want %v", text, got, want)
		}
	}
}

// An age or a "tausend Dank" beside a product is no strength: "Cetirizin
// mit 12 mg haben wir nicht" would be harm.
func TestNumberOfSomeoneIsNoStrength(t *testing.T) {
	lx := testLexicon(t)
	for _, text := range []string{
		"zyrtec für meinen sohn, der ist 12 und niest",
		"cetirizin für die kleine, die ist 7",
		"meine oma wird 90, sie braucht vitamin d3",
		"loperamid al 2 mg fertig machen? tausend dank",
		"zyrtec for my son, he's 12",
		"cetirizine please, my daughter is 9",
	} {
		q := lx.ParseRequest(text)
		for _, n := range append(q.Numbers, q.Strength) {
			if n != "" && n != "2" {
				t.Errorf("parseRequest(%q): number %q read as a detail of the pack (numbers %v, strength %q)", text, n, q.Numbers, q.Strength)
			}
		}
	}
}

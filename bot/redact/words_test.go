package redact

import (
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	if _, err := compiled(); err != nil {
		t.Fatalf("words.toml: %v", err)
	}
	w, _ := loadWords(wordsFile)
	for _, name := range wordLists {
		if len(w.in(name)) == 0 {
			t.Errorf("words.toml: list %s is empty", name)
		}
	}
	for _, broken := range []string{
		"[de]\ntitels = [\"Herr\"]\n",                        // unknown list
		strings.Replace(wordsFile, `"Herr",`, `"",`, 1),      // empty entry
		strings.Replace(wordsFile, `"born", `, `"born, `, 1), // not TOML
		"[de]\ntitles = [\"Herr\"]\n",                        // lists missing: empty alternations
	} {
		if _, err := loadWords(broken); err == nil {
			t.Errorf("loadWords accepted a broken file:\n%.80s", broken)
		}
	}
}

// TestRedactWordLists gives each list of words.toml sentences that must
// trigger and sentences that must not.
func TestRedactWordLists(t *testing.T) {
	for _, c := range []struct{ list, in, want string }{
		{"titles", "Bitte für Herrn Meier zurücklegen", "Bitte für [Name] zurücklegen"},
		{"titles", "Mrs. Dalloway picks it up", "[Name] picks it up"},
		{"titles", "frau schulz holt es ab", "frau schulz holt es ab"}, // a title in lower case, a name too: no form of address
		{"titles", "Frauenmantel und Herrenschuhe", "Frauenmantel und Herrenschuhe"},
		{"name_intros", "Name: Petra Lang", "[Name]"},
		{"name_intros", "bitte auf meinen Namen, Kowalski", "bitte [Name]"},
		{"name_intros", "in the name of Jane Doe please", "[Name] please"},
		{"name_intros", "Wie ist der Name des Mittels?", "Wie ist der Name des Mittels?"},
		{"self_intros", "this is Anna Berg speaking", "[Name] speaking"},
		{"self_intros", "I'm Jane Doe", "[Name]"},
		{"self_intros", "This is Vitamin C, right?", "This is Vitamin C, right?"},
		{"not_names", "Ich bin Neu Hier", "Ich bin Neu Hier"},
		{"not_names", "I am New Here", "I am New Here"},
		{"not_names", "Ich bin Ärztin Weber", "Ich bin Ärztin Weber"}, // "Ärztin" in word form
		{"id_heads", "Kundenkarte Nr. 4711", "[Nummer]"},
		{"id_tails", "Versicherten-Nummer lautet 123456", "[Nummer]"},
		{"id_links", "membership number is 5541", "[Nummer]"},
		{"id_heads", "passport no. X1234567", "[Nummer]"},
		{"id_heads", "Kundennummer hab ich nicht dabei", "Kundennummer hab ich nicht dabei"},
		{"id_heads", "Passt, Nummer 2 bitte", "Passt, Nummer 2 bitte"},
		{"birth_labels", "geboren 3.4.61", "[Datum]"},
		{"birth_labels", "date of birth: 4/7/85", "[Datum]"},
		{"birth_labels", "Abholung am 4.7.85", "Abholung am 4.7.85"},
		{"street_ends", "Lindenallee 3", "[Adresse]"},
		{"street_ends", "Am Damm 12a", "[Adresse]"},
		{"street_ends", "Wegen 2 Packungen", "Wegen 2 Packungen"},
		{"phone_labels", "erreichbar unter 47902158", "erreichbar [Telefon]"},
		{"phone_labels", "reach me on 5550199", "[Telefon]"},
		{"phone_labels", "unter 500 mg bitte", "unter 500 mg bitte"},
		{"amount_units", "39104 Magdeburg", "[Ort]"},
		{"amount_units", "25000 Einheiten Heparin", "25000 Einheiten Heparin"},
		{"amount_units", "10000 IE Vitamin D", "10000 IE Vitamin D"},
	} {
		if got, _ := Redact(c.in, redactNow); got != c.want {
			t.Errorf("[%s] Redact(%q) = %q, want %q", c.list, c.in, got, c.want)
		}
	}
}

package redact

import (
	"strings"
	"testing"
	"time"
)

var redactNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func TestRedact(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"Meine KVNR ist A000500015", "Meine KVNR ist [Versichertennummer]"},
		{"KVNR a000500015.", "KVNR [Versichertennummer]."},
		// A KVNR whose check digit fails is still someone's number (issue
		// 29: a number the bot cannot place is never repeated).
		{"A000500016 hat die falsche Prüfziffer", "[Nummer] hat die falsche Prüfziffer"},
		{"IBAN DE89 3704 0044 0532 0130 00 bitte", "IBAN [IBAN] bitte"},
		{"de89370400440532013000", "[IBAN]"},
		{"DE89 3704 0044 0532 0130 01", "[IBAN]"}, // a typo in it: still an account
		{"AT61 1904 3002 3457 3201", "[IBAN]"},
		{"AT61 1904 3002 3457 3202", "AT61 1904 3002 3457 3202"},
		{"Mail: anna.schulz@example.de", "Mail: [E-Mail]"},
		{"Ruf an: 0391 1234567", "Ruf an: [Telefon]"},
		{"+49 171 2345678 oder 0049 (391) 123-4567", "[Telefon] oder [Telefon]"},
		{"geboren am 06.10.1963", "geboren am [Datum]"},
		{"Abholung am 03.12.2026?", "Abholung am 03.12.2026?"},
		{"Ich wohne Hegelstraße 112 in 39104 Magdeburg", "Ich wohne [Adresse] in [Ort]"},
		{"Otto-von-Guericke-Str. 72a", "[Adresse]"},
		{"Breiter Weg 5", "[Adresse]"},
		{"Bitte an Breiter Weg 5b schicken", "Bitte an [Adresse] schicken"},
		{"PZN 01234562 und 27580899, 2x Ibuprofen 400 mg 20 Stück", "PZN 01234562 und 27580899, 2x Ibuprofen 400 mg 20 Stück"},
		{"12500 Stück", "12500 Stück"},
		{"Ich bin Herr Müller, geboren am 3.4.1960", "Ich bin [Name], geboren am [Datum]"},
		{"Für Frau Anna Schulz-Weber bitte", "Für [Name] bitte"},
		{"Hallo, mein Name ist Jan Kowalski.", "Hallo, [Name]."},
		{"hi, my name is john", "hi, [Name]"},
		{"it's under the name Oliver Hampton", "it's [Name]"},
		{"ruft mich bitte zurück unter 47902158 wegen meiner bestellung", "ruft mich bitte zurück [Telefon] wegen meiner bestellung"},
		{"Handy: 0176 33 44 55 66", "Handy: [Telefon]"},
		{"Handy 1763344, Ibuprofen 400", "[Telefon], Ibuprofen 400"},
		{"call me at 555 0199 22", "[Telefon]"},
		{"Ibuprofen unter 400 mg gibt es?", "Ibuprofen unter 400 mg gibt es?"},
		{"unter 12 Jahren", "unter 12 Jahren"},
		{"bitte auf den Namen Brzoska zurücklegen", "bitte [Name] zurücklegen"},
		{"Ich heiße Özlem", "[Name]"},
		{"Ich bin Diabetiker und brauche Metformin", "Ich bin Diabetiker und brauche Metformin"},
		{"Ich bin Diabetiker Typ 2 und brauche Metformin", "Ich bin Diabetiker Typ 2 und brauche Metformin"},
		{"I am Type One diabetic", "I am Type One diabetic"},
		{"Ich bin Erika Mustermann-Schulz", "[Name]"},
		{"Herrenschuhe, Frauenmantel-Tee", "Herrenschuhe, Frauenmantel-Tee"},
		{"Wann habt ihr offen?", "Wann habt ihr offen?"},
		{"KVNR A 000 500 015", "KVNR [Versichertennummer]"},
		{"meine Nummer: A000-500-015", "meine Nummer: [Versichertennummer]"},
		{"A 000 500 016 (falsche Prüfziffer)", "A 000 500 016 (falsche Prüfziffer)"},
		{"geboren am 12/11/1979", "geboren am [Datum]"},
		{"geb. 4.7.85", "[Datum]"},
		{"born on 7/4/1985", "born on [Datum]"},
		{"Ich bin Erika Mustermann, ich brauche Ibu", "[Name], ich brauche Ibu"},
		{"Hallo, hier ist Jan Kowalski", "Hallo, [Name]"},
		{"I am John Smith", "[Name]"},
		{"Ich bin schwanger", "Ich bin schwanger"},
		{"Ibuprofen 2.5.10", "Ibuprofen 2.5.10"},
	} {
		got, _ := Redact(c.in, redactNow)
		if got != c.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestRedactReportsKinds(t *testing.T) {
	_, kinds := Redact("A000500015, anna@example.de, 0391 1234567", redactNow)
	want := map[Redaction]bool{RedactedKVNR: true, RedactedEmail: true, RedactedPhone: true}
	if len(kinds) != 3 {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	for _, k := range kinds {
		if !want[k] {
			t.Fatalf("kinds %v, want %v", kinds, want)
		}
	}
}

func TestValidKVNRAndIBAN(t *testing.T) {
	if !validKVNR("A000500015") || validKVNR("A000500014") {
		t.Error("KVNR check digit")
	}
	if !validIBAN("DE89370400440532013000") || validIBAN("DE89370400440532013001") || !validIBAN("GB82WEST12345698765432") || validIBAN("DE89") {
		t.Error("IBAN mod 97")
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"A000500015", "DE89 3704 0044 0532 0130 00", "x@y.de", "0391 1234567", "01.01.1990", "Hegelstraße 1", "39104 Magdeburg", "ä\xff",
		"00000 AA0000000000"} { // found by make test's fuzzing: the town's marker freed a phone number
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once, _ := Redact(s, redactNow)
		twice, more := Redact(once, redactNow)
		if twice != once || len(more) > 0 {
			t.Fatalf("Redact is not idempotent: %q -> %q -> %q (%v)", s, once, twice, more)
		}
		if strings.Contains(once, "@") && strings.Contains(s, "@") && emailRe().MatchString(once) {
			t.Fatalf("an e-mail address survived: %q", once)
		}
	})
}

func emailRe() interface{ MatchString(string) bool } {
	ps, _ := compiled()
	return ps[0].re
}

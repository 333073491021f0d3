package pzn

import (
	"reflect"
	"testing"
)

// found is a compact view of a Finding for table tests.
type found struct {
	PZN  PZN
	At   int
	Conf Confidence
}

func view(fs []Finding) []found {
	var out []found
	for _, f := range fs {
		out = append(out, found{f.PZN, f.Start, f.Confidence()})
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"space", "PZN 01234562", []found{{"01234562", 4, High}}},
		{"dash", "PZN-01234562", []found{{"01234562", 4, High}}},
		{"spaced dash", "PZN - 01234562", []found{{"01234562", 6, High}}},
		{"colon", "PZN: 01234562", []found{{"01234562", 5, High}}},
		{"lowercase", "pzn 27580899 bitte", []found{{"27580899", 4, High}}},
		{"en dash", "PZN – 27580899", []found{{"27580899", 8, High}}},
		{"no leading zero", "PZN 1580241", []found{{"01580241", 4, Medium}}},
		{"OCR O for 0", "PZN O1234562", []found{{"01234562", 4, Medium}}},
		{"OCR l, S, B", "PZN: 0l2345Bl", nil}, // corrected to 01234581: wrong check digit
		{"OCR S", "PZN 2758O8S9", nil},        // 27580859 fails: never guess
		{"OCR Z and I", "PZN IZ345678", []found{{"12345678", 4, Medium}}},
		{"label misread", "P2N 12345678", []found{{"12345678", 4, High}}},
		{"label blurred to PIN", "PIN 12345678", []found{{"12345678", 4, Medium}}},
		{"label blurred to PlN", "PlN: 12345678", []found{{"12345678", 5, Medium}}},
		{"pin inside a word", "SPIN 12345678", []found{{"12345678", 5, Low}}},
		{"other letter", "PEN 12345678", []found{{"12345678", 4, Low}}},
		{"split by OCR", "PZN 1234 5678", []found{{"12345678", 4, Medium}}},
		{"wrong check", "PZN 12345679", nil},
		{"never issued", "PZN 10000060", nil},
		{"bare", "Ich brauche 27580899 bitte", []found{{"27580899", 12, Low}}},
		{"bare at start and end", "27580899\n12345678", []found{{"27580899", 0, Low}, {"12345678", 9, Low}}},
		{"bare wrong check", "Bestellung 12345679", nil},
		{"bare 9 digits", "123456789", nil},
		{"bare with letters", "A12345678 12345678B", nil},
		{"bare OCR letters ignored", "O1234562", nil},
		{"phone", "Tel. 0391 12345678", nil},
		{"phone intl", "+4912345678", nil},
		{"decimal", "12345678,50 EUR", nil},
		{"date-like group", "12345678.2026", nil},
		{"labelled and bare", "PZN 01234562 und 27580899", []found{{"01234562", 4, High}, {"27580899", 17, Low}}},
		{"two labelled", "PZN 01234562, PZN: 27580899", []found{{"01234562", 4, High}, {"27580899", 19, High}}},
		{"word containing pzn", "APZN 12345678", []found{{"12345678", 5, Low}}},
		{"PZN glued", "PZN12345678", []found{{"12345678", 3, High}}},
		{"PZN then word", "PZN Ibuprofen", nil},
		{"number continues", "PZN 123456789", nil},
		{"umlaut neighbour", "ä12345678", nil},
		{"PZN in two groups", "hallo, ich hätte gern PZN 0260 1815, danke", []found{{"02601815", 27, Medium}}},
		{"PZN in pairs", "auf der packung steht PZN 07 60 18 95, danke", []found{{"07601895", 26, Medium}}},
		{"PZN dashed groups", "Could I order PZN-1114-7108?", []found{{"11147108", 18, Medium}}},
		{"PZN split into single digits", "PZN 1 2 3 4 5 6 7 8", nil},
		{"PZN split off its check digit", "PZN 0375286 4", nil},
		{"label words away", "die pzn ist 05472809, die hätte ich gern", []found{{"05472809", 12, High}}},
		{"label words away, grouped", "also die pzn lautet 0760 18 95 steht hinten", []found{{"07601895", 20, Medium}}},
		{"Pharmazentralnummer", "Pharmazentralnummer: 0233 0799", []found{{"02330799", 21, Medium}}},
		{"number beside a pack word", "die nummer auf der packung ist 00 83 01 67, bitte", []found{{"00830167", 31, Medium}}},
		{"product number", "could you reserve product number 03518192 for me", []found{{"03518192", 33, High}}},
		{"two groups of four unlabelled", "0487-5741 und 1118-6255 bitte", []found{{"04875741", 0, Low}, {"11186255", 14, Low}}},
		{"Nr. alone labels nothing", "Nr. 1866 6610 bitte", []found{{"18666610", 4, Low}}},
		{"pairs unlabelled", "bitte 02 33 07 99", nil},
		{"grouped run too long", "0233 0799 2 mal", nil},
		{"customer then product number", "my customer number is 12345678 and I'd like product number 07777418",
			[]found{{"07777418", 59, High}}},
		{"other label then PZN", "Kunden-Nr. 12345678, PZN 27580899", []found{{"27580899", 25, High}}},
		{"label belongs to the first number", "Kundennummer 123 und 27580899", []found{{"27580899", 21, Low}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := view(Find(tt.text)); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Find(%q) = %+v, want %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindOffsetsPointAtDigits(t *testing.T) {
	text := "Bitte PZN: 0375286 4 und PZN 27580899."
	for _, f := range Find(text) {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			t.Fatalf("bad offsets %d..%d", f.Start, f.End)
		}
		if got := text[f.Start : f.Start+1]; got < "0" || got > "9" {
			t.Fatalf("finding %s starts at %q, not a digit", f.PZN, got)
		}
	}
}

// TestFindNothing lists numbers that customers write in messages and that are
// not PZNs, although each has a fitting check digit.
func TestFindNothing(t *testing.T) {
	for _, text := range []string{
		"hallo meine kundennummer ist 12345678, ist mein rezept schon da?",
		"falls ihr das braucht, meine Kundennummer: 2758 0899",
		"Kunden-Nr.: 12345678",
		"KUNDENNUMMER 12345678",
		"RÜCKRUF: 5678 1239",
		"Kd.-Nr. 2758-0899",
		"Tel. 5678 1239",
		"Telefon: 56781239",
		"Handy 5678-1239",
		"ihr erreicht mich tagsüber unter 56781239, wollte nur wissen",
		"ruft mich bitte unter 56781239 an",
		"Rückruf bitte unter 5678 1239",
		"Fax 56781239",
		"faxnummer 0391 73429188",
		"hab letzte woche was bestellt, bestellnummer 27580899, ist das abholbereit?",
		"meine vorgangsnummer ist 12345678",
		"Auftragsnummer: 27580899",
		"Versichertennummer 2758 0899",
		"Chargennummer 27580899",
		"Ch.-B.: 27580899",
		"Zul.-Nr. 2758 0899",
		"my customer number is 12345678",
		"order number 27580899",
		"my phone number is 5678 1239",
		"call me on 56781239",
		"geb. 04112026",
		"mein rezept ist vom 04.11.2026",
		"Rezept vom 04 11 2026",
		"iban DE89 3704 0044 0532 0130 00",
		"ruft mich bitte zurück unter 0391 1234567",
	} {
		if got := Find(text); len(got) > 0 {
			t.Errorf("Find(%q) = %+v, want nothing", text, got)
		}
	}
}

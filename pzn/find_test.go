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

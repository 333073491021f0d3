package pzn

import (
	"errors"
	"strings"
	"testing"
)

// ifa builds an IFA payload from fields, joined by GS, with or without the envelope.
func ifa(envelope bool, fields ...string) string {
	body := strings.Join(fields, gs)
	if envelope {
		return "[)>" + rs + "06" + gs + body + rs + eot
	}
	return body
}

func TestParseDataMatrixIFA(t *testing.T) {
	want := Pack{PZN: "03752864", Batch: "12345ABCD", Serial: "12345ABCDEF98765", Expiry: Expiry{2015, 6, 0}, Format: "IFA"}
	tests := map[string]string{
		"domain example": "[)>\x1e06\x1d9N110375286414\x1d1T12345ABCD\x1dD150600\x1dS12345ABCDEF98765\x1e\x04",
		"no envelope":    ifa(false, "9N110375286414", "1T12345ABCD", "D150600", "S12345ABCDEF98765"),
		"other order":    ifa(true, "S12345ABCDEF98765", "D150600", "9N110375286414", "1T12345ABCD"),
		"with 16D":       ifa(true, "9N110375286414", "16D20140315", "1T12345ABCD", "D150600", "S12345ABCDEF98765"),
		"symbology id":   "]d2" + ifa(true, "9N110375286414", "1T12345ABCD", "D150600", "S12345ABCDEF98765"),
	}
	for name, payload := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParseDataMatrix(payload)
			if err != nil || got != want {
				t.Fatalf("ParseDataMatrix = %+v, %v; want %+v", got, err, want)
			}
		})
	}
	if e := want.Expiry.String(); e != "2015-06" {
		t.Errorf("Expiry.String = %q, want 2015-06", e)
	}
}

func TestParseDataMatrixIFAErrors(t *testing.T) {
	tests := map[string]struct {
		payload string
		want    error
	}{
		"bad PPN check":   {ifa(true, "9N110375286415", "1T1", "D150600", "S1"), ErrCheckDigit},
		"no product":      {ifa(true, "1T12345ABCD", "D150600", "S1"), ErrFormat},
		"repeated field":  {ifa(true, "9N110375286414", "1TA", "1TB"), ErrFormat},
		"bad month":       {ifa(true, "9N110375286414", "D151300"), ErrFormat},
		"bad day":         {ifa(true, "9N110375286414", "D150231"), ErrFormat},
		"long batch":      {ifa(true, "9N110375286414", "1T123456789012345678901"), ErrFormat},
		"two products":    {ifa(true, "9N110375286414", "8P04150123456782"), ErrFormat},
		"unknown DI":      {ifa(true, "9N110375286414", "ZZtop"), ErrFormat},
		"other agency":    {ifa(true, "9N120375286417"), ErrNotPZN},
		"oversized input": {ifa(true, "9N110375286414", "S"+strings.Repeat("x", 5000)), ErrFormat},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got, err := ParseDataMatrix(tt.payload); !errors.Is(err, tt.want) {
				t.Fatalf("ParseDataMatrix = %+v, %v; want error %v", got, err, tt.want)
			}
		})
	}
}

func TestParseDataMatrixGS1(t *testing.T) {
	want := Pack{PZN: "13832707", GTIN: "04150138327077", Serial: "10025126320434", Batch: "403751B", Expiry: Expiry{2027, 1, 31}, Format: "GS1"}
	tests := map[string]string{
		"with GS":         "0104150138327077" + "2110025126320434" + gs + "17270131" + "10403751B",
		"leading FNC1 GS": gs + "0104150138327077" + "2110025126320434" + gs + "17270131" + "10403751B",
		"without GS":      "0104150138327077" + "2110025126320434" + "17270131" + "10403751B",
		"batch first":     "0104150138327077" + "10403751B" + gs + "17270131" + "2110025126320434",
		"symbology id":    "]d2" + "0104150138327077" + "17270131" + "10403751B" + gs + "2110025126320434",
		"ISO 15434 05":    "[)>" + rs + "05" + gs + "0104150138327077" + "2110025126320434" + gs + "17270131" + "10403751B" + rs + eot,
	}
	for name, payload := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParseDataMatrix(payload)
			if err != nil || got != want {
				t.Fatalf("ParseDataMatrix = %+v, %v; want %+v", got, err, want)
			}
		})
	}
}

func TestParseDataMatrixGS1Errors(t *testing.T) {
	tests := map[string]struct {
		payload string
		want    error
	}{
		"NTIN check digit": {"0104150138327078" + "17270131", ErrFormat},
		"not an NTIN":      {"0104006381333931" + "17270131" + "10AB", ErrNotPZN},
		"bad expiry":       {"0104150138327077" + "17271331", ErrFormat},
		"unknown AI":       {"0104150138327077" + "99xyz", ErrFormat},
		"empty":            {"", ErrFormat},
		"only FNC1":        {gs, ErrFormat},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got, err := ParseDataMatrix(tt.payload); !errors.Is(err, tt.want) {
				t.Fatalf("ParseDataMatrix = %+v, %v; want error %v", got, err, tt.want)
			}
		})
	}
}

func TestParseBarcode(t *testing.T) {
	tests := []struct {
		sym  Symbology
		text string
		kind Kind
		pzn  PZN
	}{
		{Code39, "-27580899", KindPZN, "27580899"},
		{EAN13, "4150123456782", KindPZN, "12345678"},
		{DataMatrix, ifa(true, "9N110375286414", "1TB", "D270100", "S1"), KindPack, "03752864"},
		{DataMatrix, tokenJSON(validTask1), KindToken, ""},
		{QRCode, tokenJSON(validTask1), KindToken, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.sym), func(t *testing.T) {
			got, err := ParseBarcode(tt.sym, tt.text)
			if err != nil || got.Kind != tt.kind || got.PZN != tt.pzn {
				t.Fatalf("ParseBarcode = %+v, %v; want kind %d pzn %q", got, err, tt.kind, tt.pzn)
			}
		})
	}
	if _, err := ParseBarcode("CODE_128", "-27580899"); !errors.Is(err, ErrNotPZN) {
		t.Fatalf("CODE_128 err = %v, want ErrNotPZN", err)
	}
}

package pzn

import (
	"errors"
	"testing"
)

func TestCheckDigitVectors(t *testing.T) {
	tests := []struct {
		data string
		want int
	}{
		{"2758089", 9}, // IFA example: sum 174, 174 mod 11 = 9
		{"0123456", 2},
		{"1234567", 8},
		{"0012345", 8},
		{"0375286", 4},
	}
	for _, tt := range tests {
		t.Run(tt.data, func(t *testing.T) {
			got, err := CheckDigit(tt.data)
			if err != nil || got != tt.want {
				t.Fatalf("CheckDigit(%s) = %d, %v; want %d", tt.data, got, err, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    PZN
		wantErr error
	}{
		{"27580899", "27580899", nil},
		{"01234562", "01234562", nil},
		{"12345678", "12345678", nil},
		{"00123458", "00123458", nil},
		{"1234562", "01234562", nil}, // PZN7 / PZN8 printed without leading zero
		{"1580241", "01580241", nil},
		{"00000011", "", ErrCheckDigit}, // check must be 7
		{"00000017", "00000017", nil},
		{"10000060", "", ErrNotIssued}, // 1000006: check value would be 10
		{"12345679", "", ErrCheckDigit},
		{"1234567", "", ErrCheckDigit}, // padded to 01234567, whose check is 2
		{"", "", ErrFormat},
		{"123456", "", ErrFormat},
		{"123456789", "", ErrFormat},
		{"1234567a", "", ErrFormat},
		{"１２３４５６７８", "", ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if got != tt.want || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Parse(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestFromDataRejectsTen(t *testing.T) {
	if p, err := FromData("1000006"); !errors.Is(err, ErrNotIssued) {
		t.Fatalf("FromData(1000006) = %q, %v; want ErrNotIssued", p, err)
	}
	if p, err := FromData("2758089"); err != nil || p != "27580899" {
		t.Fatalf("FromData(2758089) = %q, %v; want 27580899", p, err)
	}
}

func TestFormatting(t *testing.T) {
	p := PZN("03752864")
	if got := p.Label(); got != "PZN 03752864" {
		t.Errorf("Label = %q", got)
	}
	if got := p.Code39(); got != "-03752864" {
		t.Errorf("Code39 = %q", got)
	}
	if !p.Valid() || PZN("03752865").Valid() || PZN("3752864").Valid() {
		t.Errorf("Valid is wrong for %q, 03752865 or the 7-digit form", p)
	}
}

func TestPPN(t *testing.T) {
	tests := []struct {
		pzn PZN
		ppn string
	}{
		{"03752864", "110375286414"}, // 1103752864 -> 3409 mod 97 = 14
		{"12345678", "111234567842"},
		{"27580899", "112758089923"},
	}
	for _, tt := range tests {
		t.Run(string(tt.pzn), func(t *testing.T) {
			if got := tt.pzn.PPN(); got != tt.ppn {
				t.Fatalf("PPN = %s, want %s", got, tt.ppn)
			}
			if got, err := ParsePPN(tt.ppn); err != nil || got != tt.pzn {
				t.Fatalf("ParsePPN(%s) = %s, %v; want %s", tt.ppn, got, err, tt.pzn)
			}
		})
	}
	for in, want := range map[string]error{
		"110375286415": ErrCheckDigit,
		"11037528641":  ErrFormat,
		"12ABCDEFGH":   ErrFormat,
	} {
		if _, err := ParsePPN(in); !errors.Is(err, want) {
			t.Errorf("ParsePPN(%q) err = %v, want %v", in, err, want)
		}
	}
}

func TestNTIN(t *testing.T) {
	tests := []struct {
		pzn    PZN
		gtin14 string
	}{
		{"12345678", "04150123456782"},
		{"03752864", "04150037528643"},
		{"13832707", "04150138327077"},
	}
	for _, tt := range tests {
		t.Run(string(tt.pzn), func(t *testing.T) {
			if got := tt.pzn.GTIN14(); got != tt.gtin14 {
				t.Fatalf("GTIN14 = %s, want %s", got, tt.gtin14)
			}
			for _, in := range []string{tt.gtin14, tt.gtin14[1:]} {
				if got, err := ParseGTIN(in); err != nil || got != tt.pzn {
					t.Fatalf("ParseGTIN(%s) = %s, %v; want %s", in, got, err, tt.pzn)
				}
			}
		})
	}
	for in, want := range map[string]error{
		"4150123456783":  ErrCheckDigit,
		"4006381333931":  ErrNotPZN, // a valid EAN-13 of an ordinary product
		"415012345678":   ErrFormat,
		"14150123456782": ErrFormat,
	} {
		if _, err := ParseGTIN(in); !errors.Is(err, want) {
			t.Errorf("ParseGTIN(%q) err = %v, want %v", in, err, want)
		}
	}
}

func TestParseCode39(t *testing.T) {
	tests := []struct {
		in      string
		want    PZN
		wantErr error
	}{
		{"-12345678", "12345678", nil},
		{"-27580899", "27580899", nil},
		{"12345678", "12345678", nil},
		{"PZN-12345678", "12345678", nil},
		{"-1234562", "01234562", nil}, // PZN7 barcode
		{"-12345679", "", ErrCheckDigit},
		{"-10000060", "", ErrNotIssued},
		{"-1234", "", ErrFormat},
		{"--12345678", "", ErrFormat},
		{"ABC", "", ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCode39(tt.in)
			if got != tt.want || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("ParseCode39(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

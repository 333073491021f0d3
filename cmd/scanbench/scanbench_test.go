package main

import (
	"testing"

	"github.com/apobot/apobot/pzn"
)

func TestParseZXing(t *testing.T) {
	out := []byte(`Text:       "-12345678"
Bytes:      2D 31 32 33 34 35 36 37 38
Format:     Code39
Identifier: ]A0

Text:       "<GS>0104150123456782"
Bytes:      1D 30 31 30 34 31 35 30 31 32 33 34 35 36 37 38 32
Format:     DataMatrix

Text:       "x"
Bytes:      78
Format:     PDF417
`)
	syms := parseZXing(out)
	if len(syms) != 2 {
		t.Fatalf("%d symbols, want 2 (PDF417 is not read): %+v", len(syms), syms)
	}
	if syms[0].Format != pzn.Code39 || syms[0].Text != "-12345678" {
		t.Errorf("first = %+v", syms[0])
	}
	if syms[1].Format != pzn.DataMatrix || syms[1].Text != "\x1d0104150123456782" {
		t.Errorf("second = %q, want the GS kept from the bytes", syms[1].Text)
	}
}

func TestTally(t *testing.T) {
	tr := truth{PZNs: []pzn.PZN{"12345678", "27580899"}, Tasks: []string{"160.000.006.394.157.15"}}
	var ta tally
	ta.add(tr, outcome{PZNs: []pzn.PZN{"12345678", "01234562"}, Maybe: []pzn.PZN{"27580899"}, Tasks: []string{"160.000.006.394.157.15"}})
	if ta.want != 3 || ta.certain != 2 || ta.any != 3 || ta.wrongCertain != 1 || ta.wrongMaybe != 0 {
		t.Fatalf("tally = %+v", ta)
	}
}

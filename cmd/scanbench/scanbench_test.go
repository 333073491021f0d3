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

func TestParseWasm(t *testing.T) {
	raw := []byte(`{"file":"a.png","ms":12.5,"symbols":[{"format":"PZN","hex":"2d3132333435363738"},{"format":"DataMatrix","hex":"1d30313034"},{"format":"PDF417","hex":"78"}]}
{"file":"b.png","ms":3,"symbols":[],"err":"Error: bad image"}
`)
	got, err := parseWasm(raw)
	if err != nil {
		t.Fatal(err)
	}
	a := got["a.png"]
	if a.ms != 12.5 || len(a.syms) != 2 || a.syms[0].Format != pzn.Code39 || a.syms[0].Text != "-12345678" || a.syms[1].Text != "\x1d0104" {
		t.Fatalf("a.png = %+v, want the PZN as Code 39 and the Data Matrix with its GS, no PDF417", a)
	}
	if b := got["b.png"]; b.err == "" || len(b.syms) != 0 {
		t.Fatalf("b.png = %+v, want its error", b)
	}
	if o := wasmOutcome("a.png", a); len(o.PZNs) != 1 || o.PZNs[0] != "12345678" {
		t.Fatalf("outcome %+v, want PZN 12345678", o)
	}
	if _, err := parseWasm([]byte("not json\n")); err == nil {
		t.Fatal("garbage parsed")
	}
}

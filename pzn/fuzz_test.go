package pzn

import (
	"strings"
	"testing"
)

// mustBeValid fails when a parser returned a PZN that is not check-digit valid.
func mustBeValid(t *testing.T, p PZN, err error) {
	t.Helper()
	if err == nil && !p.Valid() {
		t.Fatalf("returned invalid PZN %q", p)
	}
	if err != nil && p != "" {
		t.Fatalf("returned %q together with error %v", p, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"27580899", "1234562", "00000011", "10000060", "", "abcdefgh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		mustBeValid(t, p, err)
		if fast := validDigits([]byte(s)); fast != (err == nil && len(s) == 8) {
			t.Fatalf("validDigits(%q) = %v, Parse err = %v", s, fast, err)
		}
		p, err = ParseCode39(s)
		mustBeValid(t, p, err)
		p, err = ParsePPN(s)
		mustBeValid(t, p, err)
		p, err = ParseGTIN(s)
		mustBeValid(t, p, err)
	})
}

func FuzzParseDataMatrix(f *testing.F) {
	f.Add(ifa(true, "9N110375286414", "1T12345ABCD", "D150600", "S12345ABCDEF98765"))
	f.Add("0104150138327077" + "2110025126320434" + "17270131" + "10403751B")
	f.Add("]d2" + gs + "0104150138327077" + "10AB" + gs + "21CD")
	f.Add("[)>" + rs + "05" + gs + "71012345678" + rs + eot)
	f.Fuzz(func(t *testing.T, s string) {
		pack, err := ParseDataMatrix(s)
		mustBeValid(t, pack.PZN, err)
		if err == nil && (len(pack.Batch) > 20 || len(pack.Serial) > 20) {
			t.Fatalf("field too long: %+v", pack)
		}
	})
}

func FuzzParseToken(f *testing.F) {
	f.Add(tokenJSON(validTask1))
	f.Add(tokenJSON(validTask1, validTask2))
	f.Add(`{"urls":[]}`)
	f.Add(`{"urls":[1,2]}`)
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := ParseToken(s)
		if err != nil {
			if len(tok.Tasks) != 0 {
				t.Fatalf("tasks returned with error: %v", err)
			}
			return
		}
		if n := len(tok.Tasks); n < 1 || n > 3 {
			t.Fatalf("%d tasks accepted", n)
		}
		for _, task := range tok.Tasks {
			if _, err := ParseTaskID(string(task.ID)); err != nil {
				t.Fatalf("invalid task id %q accepted", task.ID)
			}
			if len(task.AccessCode.Reveal()) != 64 {
				t.Fatalf("access code of length %d accepted", len(task.AccessCode.Reveal()))
			}
		}
	})
}

func FuzzParseBarcode(f *testing.F) {
	f.Add("CODE_39", "-27580899")
	f.Add("DATA_MATRIX", tokenJSON(validTask1))
	f.Add("EAN_13", "4150123456782")
	f.Fuzz(func(t *testing.T, sym, text string) {
		b, err := ParseBarcode(Symbology(sym), text)
		switch {
		case err == nil && b.Kind == KindToken:
			if b.PZN != "" || len(b.Token.Tasks) == 0 {
				t.Fatalf("token with PZN %q and %d tasks", b.PZN, len(b.Token.Tasks))
			}
		case err == nil && b.Kind == 0:
			t.Fatalf("no kind for %q", text)
		default:
			mustBeValid(t, b.PZN, err)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"PZN 01234562", "PZN: O1234S62 und 27580899", "P2N 1234 5678", "PZN – 27580899", "\xe2\x80PZN\xc2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := -1
		for _, fd := range Find(s) {
			if !fd.PZN.Valid() {
				t.Fatalf("invalid PZN %q found", fd.PZN)
			}
			if fd.Start < 0 || fd.End > len(s) || fd.Start >= fd.End || fd.Start < last {
				t.Fatalf("bad offsets %d..%d after %d in %q", fd.Start, fd.End, last, s)
			}
			if !fd.Labelled && s[fd.Start:fd.End] != string(fd.PZN) {
				t.Fatalf("bare finding %q is not the text %q", fd.PZN, s[fd.Start:fd.End])
			}
			last = fd.End
		}
	})
}

func FuzzParseProduct(f *testing.F) {
	f.Add("Ibuprofen AL 400 mg Filmtabletten 20 St. N1")
	f.Add("ZacPac 40mg/1.000mg/500mg 42 Tbl. N2")
	f.Add("ARTELAC Augentropfen 2X10 ml")
	f.Fuzz(func(t *testing.T, s string) {
		p := ParseProduct(s)
		if p.Count < 0 || len(p.Name) > len(s) {
			t.Fatalf("implausible %+v from %q", p, s)
		}
		if p.Name != strings.TrimSpace(p.Name) {
			t.Fatalf("name %q not trimmed", p.Name)
		}
	})
}

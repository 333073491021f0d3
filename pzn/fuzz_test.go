package pzn

import (
	"fmt"
	"slices"
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
	for _, s := range []string{"PZN 01234562", "PZN: O1234S62 und 27580899", "P2N 1234 5678", "PZN – 27580899", "\xe2\x80PZN\xc2",
		"die nummer auf der packung ist 00 83 01 67", "0487-5741 und 1118-6255", "Kunden-Nr. 12345678, PZN 07 60 18 95",
		"ihr erreicht mich unter 5678 1239", "die pzn lautet\u00a00760 18 95"} {
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
			if span := s[fd.Start:fd.End]; !fd.Labelled && !unlabelledShape(span, fd.PZN) {
				t.Fatalf("unlabelled finding %q from %q: not 8 digits or two groups of four", fd.PZN, span)
			}
			last = fd.End
		}
	})
}

// unlabelledShape reports whether span is the PZN as eight digits, or as
// two groups of four joined by a space or dash.
func unlabelledShape(span string, p PZN) bool {
	if len(span) == 9 && (span[4] == ' ' || span[4] == '-') {
		span = span[:4] + span[5:]
	}
	return span == string(p)
}

// FuzzFindLabels writes a PZN in groups after each label of labels.toml,
// behind any text: after a PZN label it is found, after a label of another
// number it is not.
func FuzzFindLabels(f *testing.F) {
	f.Add("hallo,", uint16(0), uint32(2758089), uint8(0))
	f.Add("meine Kundennummer ist 1 und", uint16(7), uint32(233079), uint8(1))
	f.Add("", uint16(40), uint32(760189), uint8(2))
	lb, err := loadLabels()
	if err != nil {
		f.Fatal(err)
	}
	var pznLabels, others []string
	for p, kind := range lb.phrases {
		switch kind {
		case pznLabel:
			pznLabels = append(pznLabels, p)
		case otherLabel:
			others = append(others, p)
		}
	}
	slices.Sort(pznLabels)
	slices.Sort(others)
	f.Fuzz(func(t *testing.T, before string, pick uint16, data uint32, shape uint8) {
		p, err := FromData(fmt.Sprintf("%07d", data%10_000_000))
		if err != nil {
			return
		}
		d := string(p)
		number := [...]string{d, d[:4] + " " + d[4:], d[:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:], d[:4] + "-" + d[4:]}[shape%4]
		label := pznLabels[int(pick)%len(pznLabels)]
		text := before + " " + label + " " + number + " bitte"
		if got := Find(text); len(got) == 0 || got[len(got)-1].PZN != p || !got[len(got)-1].Labelled {
			t.Fatalf("Find(%q) = %+v, want %s labelled last", text, got, p)
		}
		label = others[int(pick)%len(others)]
		text = before + " " + label + " " + number + " bitte"
		for _, fd := range Find(text) {
			if fd.Start == len(before)+len(label)+2 {
				t.Fatalf("Find(%q) took the %q number for PZN %s", text, label, fd.PZN)
			}
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

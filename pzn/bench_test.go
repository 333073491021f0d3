package pzn

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// ocrLikeText builds n bytes of text shaped like OCR output of packs and
// prescriptions: words, numbers, labelled and bare PZNs, OCR slips. Deterministic.
func ocrLikeText(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"Ibuprofen", "AL", "400", "mg", "Filmtabletten", "20", "St.", "N1", "Packungsbeilage",
		"beachten", "Arzneimittel", "für", "Kinder", "unzugänglich", "aufbewahren", "Ch.-B.:", "verw.", "bis:",
		"12/2027", "Tel.", "0391", "1234567", "Rp.", "aut", "idem", "|", "—", "l0", "O", "mg/ml", "23,2"}
	pzns := []string{"PZN 01234562", "PZN-27580899", "PZN: 0375286 4", "P2N 1234567B", "12345678", "PZN O1234S62"}
	var b strings.Builder
	for b.Len() < n {
		if r.IntN(12) == 0 {
			b.WriteString(pzns[r.IntN(len(pzns))])
		} else {
			b.WriteString(words[r.IntN(len(words))])
		}
		if r.IntN(8) == 0 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	text := ocrLikeText(64 << 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(Find(text)) == 0 {
			b.Fatal("nothing found")
		}
	}
}

func BenchmarkParseProduct(b *testing.B) {
	line := "Ibuprofen AL 400 mg Filmtabletten 20 St. N1 PZN 01234562"
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if ParseProduct(line).Strength == "" {
			b.Fatal("no strength")
		}
	}
}

func BenchmarkParseDataMatrixGS1NoSeparators(b *testing.B) {
	payload := "0104150138327077" + "2110025126320434" + "17270131" + "10403751B"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDataMatrix(payload); err != nil {
			b.Fatal(err)
		}
	}
}

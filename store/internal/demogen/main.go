// Command demogen writes the demo pharmacy's inventory (store/demo_inventory.csv):
// about 240 products of common active ingredients, strengths, forms, pack
// sizes and makers, with fictitious but valid PZNs, prescription-only and
// over-the-counter, some out of stock. It is deterministic: run it again and
// the file does not change. Use: go generate ./store
package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/apobot/apobot/pzn"
)

type ingredient struct {
	name      string
	strengths []string
	form      string
	counts    []int
	rx        bool
	// rxWhen, when set, decides per pack: Ibuprofen above 400 mg,
	// Paracetamol above 10 g a pack, and the proton pump inhibitors but
	// for 20 mg in 14 need a prescription in Germany.
	rxWhen func(strength string, count int) bool
}

var ingredients = []ingredient{
	{"Ibuprofen", []string{"200 mg", "400 mg", "600 mg"}, "Filmtabletten", []int{10, 20, 50}, false,
		func(s string, _ int) bool { return s == "600 mg" }},
	{"Paracetamol", []string{"500 mg", "1000 mg"}, "Tabletten", []int{10, 20}, false,
		func(s string, c int) bool { return s == "1000 mg" && c > 10 }},
	{"Acetylsalicylsäure", []string{"100 mg", "500 mg"}, "Tabletten", []int{50, 100}, false, nil},
	{"Diclofenac", []string{"25 mg", "50 mg", "75 mg"}, "Retardtabletten", []int{20, 50, 100}, true, nil},
	{"Metformin", []string{"500 mg", "850 mg", "1000 mg"}, "Filmtabletten", []int{30, 120, 180}, true, nil},
	{"Ramipril", []string{"2,5 mg", "5 mg", "10 mg"}, "Tabletten", []int{20, 50, 100}, true, nil},
	{"Amlodipin", []string{"5 mg", "10 mg"}, "Tabletten", []int{20, 50, 100}, true, nil},
	{"Bisoprolol", []string{"2,5 mg", "5 mg", "10 mg"}, "Filmtabletten", []int{30, 50, 100}, true, nil},
	{"Simvastatin", []string{"20 mg", "40 mg"}, "Filmtabletten", []int{30, 50, 100}, true, nil},
	{"Atorvastatin", []string{"10 mg", "20 mg", "40 mg"}, "Filmtabletten", []int{30, 50, 100}, true, nil},
	{"Pantoprazol", []string{"20 mg", "40 mg"}, "magensaftresistente Tabletten", []int{14, 28, 56, 98}, true, otcSmallPPI},
	{"Omeprazol", []string{"20 mg", "40 mg"}, "Hartkapseln", []int{14, 30, 60, 100}, true, otcSmallPPI},
	{"Levothyroxin", []string{"50 µg", "75 µg", "100 µg"}, "Tabletten", []int{50, 100}, true, nil},
	{"Candesartan", []string{"8 mg", "16 mg"}, "Tabletten", []int{28, 56, 98}, true, nil},
	{"Torasemid", []string{"5 mg", "10 mg"}, "Tabletten", []int{30, 100}, true, nil},
	{"Amoxicillin", []string{"500 mg", "1000 mg"}, "Filmtabletten", []int{10, 20}, true, nil},
	{"Cetirizin", []string{"10 mg"}, "Filmtabletten", []int{20, 50, 100}, false, nil},
	{"Loratadin", []string{"10 mg"}, "Tabletten", []int{20, 50}, false, nil},
	{"Xylometazolin", []string{"0,05 %", "0,1 %"}, "Nasenspray", []int{10}, false, nil},
	{"Loperamid", []string{"2 mg"}, "Hartkapseln", []int{10, 20}, false, nil},
	{"Simeticon", []string{"85 mg"}, "Kautabletten", []int{20, 50}, false, nil},
	{"Magnesium", []string{"300 mg"}, "Brausetabletten", []int{20, 40}, false, nil},
	{"Vitamin D3", []string{"1000 I.E."}, "Tabletten", []int{50, 100}, false, nil},
	{"Salbutamol", []string{"0,1 mg/Hub"}, "Dosieraerosol", []int{200}, true, nil},
	{"Metoprolol", []string{"47,5 mg", "95 mg"}, "Retardtabletten", []int{30, 100}, true, nil},
	{"Sertralin", []string{"50 mg", "100 mg"}, "Filmtabletten", []int{20, 50, 100}, true, nil},
	{"Citalopram", []string{"20 mg"}, "Filmtabletten", []int{20, 50, 100}, true, nil},
	{"Prednisolon", []string{"5 mg", "20 mg"}, "Tabletten", []int{20, 50}, true, nil},
	{"Allopurinol", []string{"100 mg", "300 mg"}, "Tabletten", []int{50, 100}, true, nil},
	{"Hydrochlorothiazid", []string{"12,5 mg", "25 mg"}, "Tabletten", []int{30, 100}, true, nil},
	{"Macrogol", []string{"13,7 g"}, "Pulver zur Herstellung einer Lösung", []int{10, 30}, false, nil},
	{"Diclofenac-Natrium", []string{"1 %"}, "Gel", []int{50, 100}, false, nil},
}

// otcSmallPPI: Pantoprazol and Omeprazol 20 mg in 14 are sold without
// prescription.
func otcSmallPPI(s string, c int) bool { return !(s == "20 mg" && c == 14) }

var makers = []string{"ratiopharm", "STADA", "AL", "HEXAL", "1A Pharma", "Aristo", "Zentiva", "Sandoz", "AbZ", "Heumann"}

func main() {
	r := rand.New(rand.NewPCG(2026, 11))
	var b strings.Builder
	b.WriteString("pzn;name;strength;form;count;n_size;maker;rx;stock\n")
	seen := map[pzn.PZN]bool{}
	n := 0
	for _, in := range ingredients {
		for si, s := range in.strengths {
			for ci, c := range in.counts {
				for k := 0; k < 1+(si+ci+1)%2; k++ { // most products from two makers
					n += writeProduct(&b, r, seen, in, s, c, nSize(ci, len(in.counts)), makers[(n+si+ci+k*3)%len(makers)])
				}
			}
		}
	}
	if err := os.WriteFile("demo_inventory.csv", []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "demogen:", err)
		os.Exit(1)
	}
	fmt.Printf("demogen: %d products\n", n)
}

// writeProduct writes one line and returns 1.
func writeProduct(b *strings.Builder, r *rand.Rand, seen map[pzn.PZN]bool, in ingredient, strength string, count int, nsize, maker string) int {
	z := newPZN(r, seen)
	stock := r.IntN(12)
	if r.IntN(7) == 0 {
		stock = 0 // out of stock: to order
	}
	rx := "0"
	if in.rx && in.rxWhen == nil || in.rxWhen != nil && in.rxWhen(strength, count) {
		rx = "1"
	}
	fmt.Fprintf(b, "%s;%s %s;%s;%s;%d;%s;%s;%s;%d\n", z, in.name, maker, strength, in.form, count, nsize, maker, rx, stock)
	return 1
}

// newPZN draws a valid PZN not drawn before.
func newPZN(r *rand.Rand, seen map[pzn.PZN]bool) pzn.PZN {
	for {
		z, err := pzn.FromData(fmt.Sprintf("%07d", 1000000+r.IntN(8999999)))
		if err == nil && !seen[z] {
			seen[z] = true
			return z
		}
	}
}

// nSize gives the smallest pack N1, the largest N3, one in between N2.
func nSize(i, n int) string {
	switch {
	case n == 1:
		return ""
	case i == 0:
		return "N1"
	case i == n-1:
		return "N3"
	}
	return "N2"
}

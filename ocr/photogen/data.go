package photogen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/apobot/apobot/pzn"
)

// products are realistic pack lines; PZNs are drawn at random.
var products = []pzn.Product{
	{Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 20, Unit: "St", NSize: "N1", Maker: "AL"},
	{Name: "Ibuprofen-ratiopharm", Strength: "600 mg", Form: "Filmtabletten", Count: 50, Unit: "St", NSize: "N2", Maker: "ratiopharm"},
	{Name: "Pantoprazol Heumann", Strength: "40 mg", Form: "Tabletten", Count: 100, Unit: "St", NSize: "N3", Maker: "Heumann"},
	{Name: "Metformin STADA", Strength: "1000 mg", Form: "Filmtabletten", Count: 180, Unit: "St", NSize: "N3", Maker: "STADA"},
	{Name: "Ramipril HEXAL", Strength: "5 mg", Form: "Tabletten", Count: 50, Unit: "St", NSize: "N2", Maker: "Hexal"},
	{Name: "Amoxicillin AbZ", Strength: "1000 mg", Form: "Filmtabletten", Count: 20, Unit: "St", NSize: "N2", Maker: "AbZ"},
	{Name: "Simvastatin Aristo", Strength: "20 mg", Form: "Filmtabletten", Count: 30, Unit: "St", NSize: "N1", Maker: "Aristo"},
	{Name: "Paracetamol 1A Pharma", Strength: "500 mg", Form: "Tabletten", Count: 20, Unit: "St", NSize: "N1", Maker: "1A Pharma"},
	{Name: "Cetirizin Sandoz", Strength: "10 mg", Form: "Filmtabletten", Count: 20, Unit: "St", NSize: "N1", Maker: "Sandoz"},
	{Name: "Omeprazol Zentiva", Strength: "20 mg", Form: "Hartkapseln", Count: 60, Unit: "St", NSize: "N2", Maker: "Zentiva"},
	{Name: "Diclofenac PUREN", Strength: "75 mg", Form: "Retardtabletten", Count: 20, Unit: "St", NSize: "N1", Maker: "PUREN"},
	{Name: "Candesartan Zentiva", Strength: "16 mg", Form: "Tabletten", Count: 98, Unit: "St", NSize: "N3", Maker: "Zentiva"},
	{Name: "Bisoprolol Teva", Strength: "5 mg", Form: "Filmtabletten", Count: 100, Unit: "St", NSize: "N3", Maker: "Teva"},
	{Name: "Levothyroxin Winthrop", Strength: "75 µg", Form: "Tabletten", Count: 100, Unit: "St", NSize: "N3", Maker: "Winthrop"},
	{Name: "Nasenspray AL", Strength: "0,1 %", Form: "Nasenspray", Count: 10, Unit: "ml", Maker: "AL"},
}

var (
	firstNames = []string{"Anna", "Jonas", "Marie", "Lukas", "Sophie", "Felix", "Emma", "Paul", "Hannelore", "Günter"}
	lastNames  = []string{"Schulz", "Müller", "Schmidt", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Krüger", "Lehmann"}
	streets    = []string{"Breiter Weg", "Otto-von-Guericke-Str.", "Hegelstraße", "Leipziger Str.", "Halberstädter Str."}
	insurers   = []string{"AOK Sachsen-Anhalt", "Techniker Krankenkasse", "BARMER", "DAK-Gesundheit", "IKK gesund plus"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// randomPZN draws a valid PZN.
func randomPZN(r *rand.Rand) pzn.PZN {
	for {
		if p, err := pzn.FromData(fmt.Sprintf("%07d", r.IntN(10_000_000))); err == nil {
			return p
		}
	}
}

// randomTaskID draws a task id of flow type 160 with valid check digits.
func randomTaskID(r *rand.Rand) string {
	digits := fmt.Sprintf("160%012d", r.Int64N(1_000_000_000_000))
	rem := 0
	for _, c := range digits + "00" {
		rem = (rem*10 + int(c-'0')) % 97
	}
	cc := (98 - rem) % 97
	all := fmt.Sprintf("%s%02d", digits, cc)
	return strings.Join([]string{all[0:3], all[3:6], all[6:9], all[9:12], all[12:15], all[15:17]}, ".")
}

func randomHex(r *rand.Rand, n int) string {
	const hex = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = hex[r.IntN(16)]
	}
	return string(b)
}

// kvnr draws a health insurance number with a valid check digit (DOMAIN.md).
func kvnr(r *rand.Rand) string {
	letter := byte('A' + r.IntN(26))
	body := fmt.Sprintf("%02d%08d", letter-'A'+1, r.IntN(100_000_000))
	return string(letter) + body[2:] + fmt.Sprint(kvnrCheck(body))
}

// kvnrCheck is the KVNR check digit of the letter as two digits and the next
// eight: weights 1,2,1,2..., products summed digit by digit, modulo 10.
func kvnrCheck(body string) int {
	sum := 0
	for i, c := range body {
		p := int(c-'0') * (1 + i%2)
		sum += p/10 + p%10
	}
	return sum % 10
}

// productLine writes a product the way packs and prescriptions print it.
func productLine(p pzn.Product) string {
	parts := []string{p.Name, p.Strength, p.Form, fmt.Sprintf("%d %s", p.Count, p.Unit)}
	if p.NSize != "" {
		parts = append(parts, p.NSize)
	}
	return strings.Join(parts, " ")
}

package pzn

import (
	"regexp"
	"strings"
)

// Product is what a line of text says about a medicine.
type Product struct {
	Name     string `json:"name"`
	Strength string `json:"strength"` // canonical: "400 mg", "23,2 mg/g", "40 mg/1000 mg/500 mg"
	Form     string `json:"form"`     // canonical German name: "Filmtabletten"
	Count    int    `json:"count"`    // pieces, or the amount in Unit ("120" g)
	Unit     string `json:"unit"`     // "St", "g", "ml"
	NSize    string `json:"n_size"`   // N1, N2, N3, KTP, KA, NB
	Maker    string `json:"maker"`
}

// IsZero reports whether nothing was recognised.
func (p Product) IsZero() bool { return p == Product{} }

var (
	num      = `\d+(?:[.,]\d+)*`
	unitRE   = `mg|mcg|µg|μg|ug|g|ml|%|I\.\s?E\.?|IE|IU|mmol`
	strength = regexp.MustCompile(`(?i)(` + num + `)\s*(` + unitRE + `)((?:\s*/\s*(?:` + num + `\s*)?(?:` + unitRE + `))*)`)
	multi    = regexp.MustCompile(`(?i)(\d+)\s*[x×]\s*(` + num + `)\s*(ml|g|st\.?|stk\.?|stück)`)
	pieces   = regexp.MustCompile(`(?i)(\d+)\s*(stück|stueck|stk\.?|st\.?|pcs|pieces)`)
	// formCount is a count given as dosage-form units: "42 Tbl.", "20 Filmtabletten".
	formCount = regexp.MustCompile(`(?i)(\d+)\s*(filmtabletten|film-coated tablets|tabletten|tablets|tabl\.?|tbl\.?|kapseln|capsules|kaps\.?|kps\.?|beutel|btl\.?|ampullen|amp\.?|zäpfchen|supp\.?|pflaster|dragees)`)
	nSize     = regexp.MustCompile(`\b(N[1-3]|KTP|KA|NB)\b`)
)

// maxProductText bounds the text ParseProduct reads; a product line is short.
const maxProductText = 2048

// ParseProduct reads product details from one line of text, typed or from OCR:
// "Ibuprofen AL 400 mg Filmtabletten 20 St. N1". What it cannot find stays empty.
// PZNs in the text are skipped (use Find for them).
func ParseProduct(text string) Product {
	if len(text) > maxProductText {
		text = text[:maxProductText]
	}
	s := []byte(strings.Join(strings.Fields(text), " "))
	for _, f := range Find(string(s)) {
		blank(s, labelStart(s, f.Start), f.End)
	}
	var p Product
	cut := len(s)
	cut = min(cut, p.readNSize(s), p.readCounts(s), p.readStrengths(s))
	cut = min(cut, p.readForm(s))
	p.Maker = findMaker(string(s))
	p.Name = cleanName(string(s[:cut]))
	if p.Name == "" {
		p.Name = leftoverName(s)
	}
	return p
}

// labelStart widens a finding to include its "PZN" label and separators.
func labelStart(s []byte, start int) int {
	i := start
	for i > 0 && strings.IndexByte(" :-.=#", s[i-1]) >= 0 {
		i--
	}
	if i >= 3 {
		if label, _ := isLabel(string(s), i-3); label {
			return i - 3
		}
	}
	return start
}

// blank overwrites s[i:j] with spaces so later patterns skip it.
func blank(s []byte, i, j int) {
	for k := i; k < j; k++ {
		s[k] = ' '
	}
}

// letterAfter reports whether a letter directly follows position j: "100 Granulat"
// is no "100 g".
func letterAfter(s []byte, j int) bool {
	if j >= len(s) {
		return false
	}
	c := s[j]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func (p *Product) readNSize(s []byte) int {
	loc := nSize.FindSubmatchIndex(s)
	if loc == nil {
		return len(s)
	}
	p.NSize = string(s[loc[2]:loc[3]])
	blank(s, loc[0], loc[1])
	return loc[0]
}

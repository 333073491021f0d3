package ocr

import (
	"context"
	"strings"
	"unicode"

	"github.com/apobot/apobot/pzn"
)

// prescriptionMarkers are printed on every Muster 16 form.
var prescriptionMarkers = []string{"rp.", "aut idem", "muster 16", "krankenkasse", "versicherten", "leerräume"}

// interpret turns the lines of a page into findings. A labelled PZN becomes
// certain only when a second reading of its line gives the same number; every
// other number read from text is a maybe.
func (s *Scanner) interpret(ctx context.Context, res *Result, pg *page, pink bool) error {
	if pink || hasMarker(pg.lines) {
		res.Kind = KindPrescription
	}
	for _, l := range pg.lines {
		for _, f := range pzn.Find(l.Text) {
			certain := f.Labelled && s.confirmed(ctx, pg, l, f.PZN)
			res.addPZN(f.PZN, certain)
		}
	}
	if res.Kind == KindPrescription {
		res.Lines = medicationLines(pg.lines, res.PZNs)
	} else {
		res.Product = packProduct(pg.lines)
		if len(res.PZNs)+len(res.MaybePZNs) > 0 || !res.Product.IsZero() {
			res.Kind = KindPack
		}
	}
	return nil
}

// confirmed reads the line again and reports whether it gives the same PZN.
func (s *Scanner) confirmed(ctx context.Context, pg *page, l textLine, p pzn.PZN) bool {
	text, err := s.reread(ctx, pg, l.Box)
	if err != nil {
		return false
	}
	for _, f := range pzn.Find(text) {
		if f.Labelled && f.PZN == p {
			return true
		}
	}
	return false
}

func hasMarker(lines []textLine) bool {
	for _, l := range lines {
		t := strings.ToLower(l.Text)
		for _, m := range prescriptionMarkers {
			if strings.Contains(t, m) {
				return true
			}
		}
	}
	return false
}

// medicationLines keeps the lines that describe a medicine, each with the
// certain PZN printed on it or on the line below. Everything else on a
// prescription (the patient block, the doctor, the form's print) is dropped.
func medicationLines(lines []textLine, certain []pzn.PZN) []Line {
	var out []Line
	for i, l := range lines {
		p := pzn.ParseProduct(l.Text)
		if !isMedication(p) || len(out) == 3 {
			continue
		}
		line := Line{Product: p}
		for _, t := range lineAndNext(lines, i) {
			for _, f := range pzn.Find(t) {
				if f.Labelled && contains(certain, f.PZN) && line.PZN == "" {
					line.PZN = f.PZN
				}
			}
		}
		out = append(out, line)
	}
	return out
}

func lineAndNext(lines []textLine, i int) []string {
	if i+1 < len(lines) {
		return []string{lines[i].Text, lines[i+1].Text}
	}
	return []string{lines[i].Text}
}

// isMedication: a strength, or a form with a count or N-size, and a name.
func isMedication(p pzn.Product) bool {
	if letters(p.Name) < 3 {
		return false
	}
	return p.Strength != "" || p.Form != "" && (p.Count > 0 || p.NSize != "")
}

// packProduct merges what the lines of a pack say: the name from the first
// line that names something, the other details from wherever they are printed.
func packProduct(lines []textLine) pzn.Product {
	var out pzn.Product
	for _, l := range lines {
		p := pzn.ParseProduct(l.Text)
		if out.Name == "" && letters(p.Name) >= 4 && len(strings.Fields(p.Name)) <= 4 {
			out.Name = p.Name
		}
		out.Strength = firstOf(out.Strength, p.Strength)
		out.Form = firstOf(out.Form, p.Form)
		out.NSize = firstOf(out.NSize, p.NSize)
		out.Maker = firstOf(out.Maker, p.Maker)
		if out.Count == 0 {
			out.Count, out.Unit = p.Count, p.Unit
		}
	}
	return out
}

func firstOf(have, next string) string {
	if have != "" {
		return have
	}
	return next
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

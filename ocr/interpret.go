package ocr

import (
	"context"
	"image"
	"regexp"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"

	"github.com/apobot/apobot/pzn"
)

// prescriptionMarkers are printed on every Muster 16 form.
var prescriptionMarkers = []string{"rp.", "aut idem", "muster 16", "krankenkasse", "versicherten", "leerräume"}

// interpret turns the lines of a page into findings. A labelled PZN becomes
// certain only when a second reading of its line gives the same number; every
// other number read from text is a maybe.
func (j *job) interpret(ctx context.Context, pg *page, pink bool) {
	res := j.res
	if pink || hasMarker(pg.lines) {
		res.Kind = KindPrescription
	}
	doubt := false
	for _, l := range pg.lines {
		doubt = j.readLine(ctx, pg, l) || doubt
	}
	if doubt && !pg.field && ctx.Err() == nil {
		j.secondLook(ctx, pg)
	}
	if res.Kind == KindPrescription {
		res.Lines = medicationLines(pg.lines, res.PZNs)
	} else {
		res.Product = packProduct(pg.lines)
		if len(res.PZNs)+len(res.MaybePZNs) > 0 || !res.Product.IsZero() {
			res.Kind = KindPack
		}
	}
}

// rereads are the looks a labelled line gets again, in order, until two
// readings agree: enlarged crops of the sharp page and of the smoothed one,
// and last the sharp one read for digits only (the label's letters and the
// digits are all tesseract may choose from, which spares a blurred 8 from
// becoming a B).
var rereads = []struct {
	soft   bool
	scale  float64
	digits bool
}{{false, 1.5, false}, {true, 2.2, false}, {false, 2.2, false}, {false, 2.2, true}}

// digitsOnly is the whitelist of the digits look.
const digitsOnly = "PZNpzn0123456789 :-"

// readLine collects the PZNs of one line. A labelled number counts as certain
// when two readings of the line agree on it: the page reading and rereads of
// the line enlarged, made only while no number has two votes. A label whose
// number failed its check digit also earns rereads. Bare numbers, and labelled
// ones with one vote, are maybes.
func (j *job) readLine(ctx context.Context, pg *page, l textLine) (doubt bool) {
	res := j.res
	votes := map[pzn.PZN]int{}
	var box image.Rectangle
	for _, f := range pzn.Find(l.Text) {
		if !f.Labelled {
			res.addPZN(f.PZN, false)
			continue
		}
		votes[f.PZN]++
		box = box.Union(wordsBox(l, f.Start, f.End))
	}
	if len(votes) == 0 {
		at := labelAt(l.Text)
		if at < 0 {
			return false
		}
		box = wordsBox(l, at, at+14) // the label and what OCR made of the number
	}
	for _, look := range rereads {
		if topVotes(votes) >= 2 || ctx.Err() != nil {
			break
		}
		img := pg.img
		if look.soft {
			img = pg.soft
		}
		text, err := j.reread(ctx, img, box, look.scale, look.digits)
		if err != nil {
			break
		}
		for _, f := range pzn.Find(text) {
			if f.Labelled {
				votes[f.PZN]++
			}
		}
	}
	top := topVotes(votes)
	for p, v := range votes {
		res.addPZN(p, v >= 2 && v == top)
	}
	return top < 2
}

// secondLook reads the whole page again, binarized with a local threshold
// instead of smoothed: a reading independent enough to confirm a labelled
// number that the first reading and the rereads saw only once, and to find
// labelled numbers they missed (those stay maybes). A pack gets it (it
// confirms numbers on hard pack photos that no reread of the line does); a
// prescription form's field does not: on 240 generated prescriptions it
// confirmed nothing the rereads had not, and cost up to a second.
func (j *job) secondLook(ctx context.Context, pg *page) {
	res := j.res
	lines, err := j.readLines(ctx, binarize(pg.img), gosseract.PSM_AUTO)
	if err != nil {
		return
	}
	for _, l := range lines {
		for _, f := range pzn.Find(l.Text) {
			if f.Labelled {
				res.addPZN(f.PZN, contains(res.MaybePZNs, f.PZN))
			}
		}
	}
}

// wordsBox returns the box of the words of l that the text offsets [from, to)
// touch, together with the word before them (the label); the whole line's box
// when its words are unknown.
func wordsBox(l textLine, from, to int) image.Rectangle {
	if len(l.Words) == 0 {
		return l.Box
	}
	var box image.Rectangle
	off := 0
	for i, w := range l.Words {
		end := off + len(w.Text)
		if end > from && off < to {
			box = box.Union(w.Box)
			if i > 0 && box == w.Box {
				box = box.Union(l.Words[i-1].Box)
			}
		}
		off = end + 1
	}
	if box.Empty() {
		return l.Box
	}
	return box
}

func topVotes(votes map[pzn.PZN]int) int {
	top := 0
	for _, v := range votes {
		top = max(top, v)
	}
	return top
}

// labelAt returns where a PZN label, read right or not, starts in a line, or -1.
func labelAt(text string) int {
	if loc := pznLabel.FindStringIndex(text); loc != nil {
		return loc[0]
	}
	return -1
}

// pznLabel is "PZN" as OCR may misread it on a blurred photo ("P2N", "PIN",
// "PZM"). It only earns a line rereads; the number still needs its label
// read right, and its check digit, to count.
var pznLabel = regexp.MustCompile(`(?i)\bP[Z2IL17][NM]\b`)

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
		p.Name = trimJunk(p.Name)
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

// trimJunk drops what OCR makes of check boxes and frame lines before a
// name: tokens without two letters in a row ("| |", "2 U]").
func trimJunk(name string) string {
	fields := strings.Fields(name)
	for len(fields) > 0 && !hasWord(fields[0]) {
		fields = fields[1:]
	}
	return strings.Join(fields, " ")
}

func hasWord(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if run++; run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
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

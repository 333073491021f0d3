package ocr

import (
	"context"
	"image"
)

// The Muster 16 form is A6 landscape (148 × 105 mm). Its medication field
// ("Rp.") spans the width of the sheet below the patient and practice block:
// on the straightened sheet, between fieldTop and fieldBottom of its height
// (with a margin for a sheet found a little large or small). Reading it alone
// costs a third of reading the page, and the patient block, health data the
// scan must not return, is never read at all.
const (
	formAspectMin = 1.15 // 148/105 = 1.41, with room for a sheet found slightly off or in perspective
	formAspectMax = 1.7
	fieldTop      = 0.42
	fieldBottom   = 0.92
)

// formLong is the longer side a form is scaled to, smaller than paperLong:
// on 240 generated prescriptions (two seeds) tesseract read the field at
// 1500 pixels with a point more recall than at 1800, in three quarters of
// the time.
const formLong = 1500

// isFormShape reports whether a straightened sheet has the shape of the form.
func isFormShape(r image.Rectangle) bool {
	a := float64(r.Dx()) / float64(r.Dy())
	return a >= formAspectMin && a <= formAspectMax
}

// fieldOf is the medication field of an upright form of size r.
func fieldOf(r image.Rectangle) image.Rectangle {
	h := float64(r.Dy())
	return image.Rect(r.Min.X, r.Min.Y+int(h*fieldTop), r.Max.X, r.Min.Y+int(h*fieldBottom))
}

// readField reads the medication field of a straightened form. The sheet is
// first turned by where its ink is: the practice software prints every line
// from the left margin, so an upright form has its ink on the left. When the
// field, so turned, shows no PZN label, the form is read the other way up too
// and the better reading is kept.
func (j *job) readField(ctx context.Context, pg *page) (*page, error) {
	pg.field = true
	if inkMeanX(pg.soft) > 0.5 {
		pg = pg.turned()
	}
	return j.readTurns(ctx, pg, hasLabel)
}

// moveLines shifts the boxes of lines read from a crop into page coordinates.
func moveLines(lines []textLine, by image.Point) []textLine {
	for i := range lines {
		lines[i].Box = lines[i].Box.Add(by)
		for k := range lines[i].Words {
			lines[i].Words[k].Box = lines[i].Words[k].Box.Add(by)
		}
	}
	return lines
}

// hasLabel reports whether any line shows a PZN label, read right or not.
func hasLabel(lines []textLine) bool {
	for _, l := range lines {
		if labelAt(l.Text) >= 0 {
			return true
		}
	}
	return false
}

// inkMeanX is where the ink of g lies across it, from 0 (left edge) to 1.
func inkMeanX(g *image.Gray) float64 {
	small := fitWithin(g, 700)
	pts := inkPoints(small, 30000)
	if len(pts) == 0 {
		return 0.5
	}
	sum := 0.0
	for _, p := range pts {
		sum += p[0]
	}
	return sum / float64(len(pts)) / float64(small.Rect.Dx())
}

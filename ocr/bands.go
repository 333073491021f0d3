package ocr

import (
	"context"
	"image"

	"github.com/otiai10/gosseract/v2"
)

// tallLine reports whether tesseract's line is taller than print and made
// little sense: a barcode, often glued to the line of print beside it.
func tallLine(l textLine) bool {
	return l.Box.Dy() >= minCodeHeight && l.Conf < 60
}

// bandMargin is a line and a half of print on the page scaled to paperLong.
const bandMargin = 68

// minCodeHeight is the height, on a page scaled to paperLong, from which a
// "line" of text may be a barcode: about three lines of print.
const minCodeHeight = 100

// codesInPage looks for barcodes where tesseract found a tall line that made
// little sense: on the straightened, whitened page a code that blur and slant
// hid in the photo is often crisp again (two of the three packs missed on hard
// photos in scanbench).
func codesInPage(pg *page) []Symbol {
	var set symbolSet
	for _, l := range pg.lines {
		if !tallLine(l) {
			continue
		}
		r := l.Box.Inset(-l.Box.Dy() / 8)
		for _, img := range []*image.Gray{pg.soft, pg.img} {
			n := len(set.list)
			decodeRegion(img.SubImage(r.Intersect(img.Rect)).(*image.Gray), &set, barsFirst)
			if len(set.list) > n {
				break
			}
		}
	}
	return set.list
}

// readBands reads the print beside a barcode, which tesseract often glues to
// the bars or drops: each tall line, with a line and a half of margin above
// and below, is cut at its blank rows into bands, and the bands of print
// height are read on their own. The lines found are added to the page, in page
// coordinates.
func (j *job) readBands(ctx context.Context, pg *page) {
	var found []textLine
	for _, l := range pg.lines {
		if !tallLine(l) {
			continue
		}
		around := image.Rect(l.Box.Min.X, l.Box.Min.Y-bandMargin, l.Box.Max.X, l.Box.Max.Y+bandMargin)
		for _, band := range blankCuts(pg.soft, around) {
			if band.Dy() < 12 || band.Dy() >= minCodeHeight {
				continue // specks, and the bars themselves
			}
			lines, err := j.readLines(ctx, pg.soft.SubImage(band.Inset(-6).Intersect(pg.soft.Rect)).(*image.Gray), gosseract.PSM_SINGLE_BLOCK)
			if err != nil {
				return
			}
			found = append(found, lines...)
		}
	}
	pg.lines = append(pg.lines, found...)
}

// blankCuts splits box of g at its rows without ink into bands of rows that
// have some.
func blankCuts(g *image.Gray, box image.Rectangle) []image.Rectangle {
	box = box.Intersect(g.Rect)
	var out []image.Rectangle
	start := -1
	for y := box.Min.Y; y <= box.Max.Y; y++ {
		inked := y < box.Max.Y && rowInk(g, y, box.Min.X, box.Max.X)
		switch {
		case inked && start < 0:
			start = y
		case !inked && start >= 0:
			out = append(out, image.Rect(box.Min.X, start, box.Max.X, y))
			start = -1
		}
	}
	return out
}

// rowInk reports whether row y of g has dark pixels between x0 and x1.
func rowInk(g *image.Gray, y, x0, x1 int) bool {
	row := g.Pix[g.PixOffset(x0, y):g.PixOffset(x1, y)]
	n := 0
	for _, v := range row {
		if v < 128 {
			n++
		}
	}
	return n*200 > len(row) // more than half a percent
}

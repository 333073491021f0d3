package ocr

import (
	"context"
	"image"
	"strings"
	"time"
	"unicode"

	"github.com/otiai10/gosseract/v2"
)

// page is a photo prepared for tesseract (upright, stretched, scaled) and
// the lines read from it, in page coordinates; field: only a prescription
// form's medication field was read.
type page struct {
	img, soft *image.Gray // sharp, and smoothed and whitened; the same size
	lines     []textLine
	field     bool
}

// readText reads the printed text of a photo. The pink of a prescription is
// taken out by reading the red channel, where it is as light as the paper. The
// page is cut from its background, straightened and scaled. A prescription
// form found with its four corners is read in its medication field alone;
// anything else is read whole, and when that reading is poor, again upside
// down, and the better one is kept.
func (j *job) readText(ctx context.Context, p *Photo, pink bool) (*page, error) {
	start := time.Now()
	pg, form := preparePage(p, pink)
	j.res.timed(StagePage, start)
	start = time.Now()
	defer func() { j.res.timed(StageText, start) }()
	if form {
		return j.readField(ctx, pg)
	}
	return j.readPage(ctx, pg)
}

// preparePage cuts the sheet or pack from the photo, straightens and scales
// it. The page is read smoothed and whitened (sensor noise reads as specks of
// text); rereads of single lines also use the sharp image, a second,
// different look. form reports a prescription form found with its four
// corners and the form's shape: it is scaled to formLong.
func preparePage(p *Photo, pink bool) (pg *page, form bool) {
	src := p.Gray
	if pink {
		src = p.Red()
	}
	img, flat := isolatePaper(stretch(fitWithin(src, 2400)))
	img = rotate(img, textAngle(img))
	form = pink && flat && isFormShape(img.Rect)
	long := paperLong
	if form {
		long = formLong
	}
	sharp := scaleTo(img, long)
	return &page{img: sharp, soft: whiten(smooth(sharp))}, form
}

// readPage reads the whole page, and upside down when the first reading is
// not confident and shows no PZN label (a label read says the page is the
// right way up; on hard packs this spared a tenth of the time).
func (j *job) readPage(ctx context.Context, pg *page) (*page, error) {
	return j.readTurns(ctx, pg, func(lines []textLine) bool {
		score, conf := readingScore(lines)
		return conf >= 75 && score >= 20 || hasLabel(lines)
	})
}

// readTurns reads pg (its field alone when pg.field), and pg upside down when
// the first reading is not good enough, and keeps the better reading: at
// most two recognitions. Lines come back in page coordinates.
func (j *job) readTurns(ctx context.Context, pg *page, enough func([]textLine) bool) (*page, error) {
	best, bestScore := (*page)(nil), -1.0
	for _, turn := range []bool{false, true} {
		if turn {
			pg = pg.turned()
		}
		area := pg.soft.Rect
		if pg.field {
			area = fieldOf(area)
		}
		lines, err := j.readLines(ctx, pg.soft.SubImage(area).(*image.Gray), gosseract.PSM_AUTO)
		if err != nil {
			if best != nil {
				return best, nil // no reads left for the second try
			}
			return nil, err
		}
		lines = moveLines(lines, area.Min)
		if score, _ := readingScore(lines); score > bestScore {
			best, bestScore = &page{img: pg.img, soft: pg.soft, field: pg.field, lines: lines}, score
		}
		if enough(lines) {
			break
		}
	}
	return best, nil
}

// turned is the page upside down, not yet read.
func (pg *page) turned() *page {
	return &page{img: rotate180(pg.img), soft: rotate180(pg.soft), field: pg.field}
}

// paperLong is the longer side a sheet or pack is scaled to before reading:
// a Muster 16 form then prints its lines about 40 pixels tall.
const paperLong = 1800

// scaleTo scales img so that its longer side is about long pixels.
func scaleTo(img *image.Gray, long int) *image.Gray {
	k := float64(long) / float64(max(img.Rect.Dx(), img.Rect.Dy()))
	switch {
	case k > 1.15:
		return upscale(img, min(k, 3))
	case k < 0.6:
		return downscale(img, int(1/k+0.5))
	}
	return img
}

// readingScore rates a reading by the letters and digits of its confident
// words (garbage read from noise is plentiful but unsure), and returns the mean
// confidence of all words.
func readingScore(lines []textLine) (score, conf float64) {
	n := 0
	for _, l := range lines {
		for _, w := range l.Words {
			c := 0
			for _, r := range w.Text {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					c++
				}
			}
			if w.Conf >= 60 && c >= 2 {
				score += float64(c)
			}
			conf += w.Conf
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return score, conf / float64(n)
}

// reread reads the area around a number again from a crop of the page,
// enlarged: a second, largely independent reading to support the number;
// with digits, only the label's letters and digits may be read.
func (j *job) reread(ctx context.Context, pg *image.Gray, box image.Rectangle, scale float64, digits bool) (string, error) {
	m := box.Dy()/2 + 4
	crop := box.Inset(-m).Intersect(pg.Rect)
	if crop.Empty() {
		return "", nil
	}
	// A block, not a single line: the crop often catches a neighbouring line,
	// which throws tesseract's single-line mode off entirely.
	whitelist := ""
	if digits {
		whitelist = digitsOnly
	}
	lines, err := j.readBoxes(ctx, upscale(pg.SubImage(crop).(*image.Gray), scale), gosseract.PSM_SINGLE_BLOCK, gosseract.RIL_TEXTLINE, whitelist)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + " ")
	}
	return b.String(), nil
}

package ocr

import (
	"context"
	"image"
	"sort"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"
)

// page is a photo prepared for tesseract: upright, stretched, scaled so
// that words are about wordHeight pixels tall.
type page struct {
	img   *image.Gray
	lines []textLine
}

// wordHeight is the word-box height tesseract reads best (x-height ~20 px).
const wordHeight = 40

// readText reads the printed text of a photo. The pink of a prescription is
// taken out by reading the red channel, where it is as light as the paper.
func (s *Scanner) readText(ctx context.Context, p *Photo, pink bool) (*page, error) {
	src := p.Gray
	if pink {
		src = p.Red
	}
	img := stretch(fitWithin(src, 2400))
	img = rotate(img, textAngle(img))
	img, err := s.upright(ctx, img)
	if err != nil {
		return nil, err
	}
	lines, err := s.tess.read(ctx, img, gosseract.PSM_AUTO, gosseract.RIL_TEXTLINE)
	if err != nil {
		return nil, err
	}
	return &page{img: img, lines: lines}, nil
}

// upright decides between the image and its half turn (text lines are already
// horizontal) by reading the densest strip of text both ways, and scales the
// winner so that words have the height tesseract reads best.
func (s *Scanner) upright(ctx context.Context, img *image.Gray) (*image.Gray, error) {
	strip := densestStrip(img)
	best, bestScore, height := img, -1.0, 0
	for _, turn := range []bool{false, true} {
		cand, st := img, img.SubImage(strip).(*image.Gray)
		if turn {
			cand, st = rotate180(img), rotate180(st)
		}
		words, err := s.tess.read(ctx, st, gosseract.PSM_SINGLE_BLOCK, gosseract.RIL_WORD)
		if err != nil {
			return nil, err
		}
		if sc, h := wordScore(words); sc > bestScore {
			best, bestScore, height = cand, sc, h
		}
	}
	return rescale(best, height), nil
}

// rescale brings words of the measured height to about wordHeight pixels.
func rescale(img *image.Gray, height int) *image.Gray {
	if height == 0 {
		return img
	}
	k := float64(wordHeight) / float64(height)
	switch {
	case k > 1.3:
		return upscale(img, min(k, 2.5))
	case k < 0.6:
		return downscale(img, int(1/k))
	}
	return img
}

// densestStrip returns the horizontal band, a quarter of the height, that
// holds the most ink.
func densestStrip(img *image.Gray) image.Rectangle {
	h := img.Rect.Dy()
	rows := make([]int, h)
	for _, pt := range inkPoints(img, 60000) {
		rows[int(pt[1])]++
	}
	band := max(h/4, 1)
	best, sum, bestSum := 0, 0, -1
	for y := 0; y < h; y++ {
		sum += rows[y]
		if y >= band {
			sum -= rows[y-band]
		}
		if y >= band-1 && sum > bestSum {
			best, bestSum = y-band+1, sum
		}
	}
	return image.Rect(img.Rect.Min.X, img.Rect.Min.Y+best, img.Rect.Max.X, img.Rect.Min.Y+best+band)
}

// wordScore rates a reading: confident words of three or more letters and
// digits count by length. It also returns the median height of those words.
func wordScore(words []textLine) (score float64, height int) {
	var heights []int
	for _, w := range words {
		n := 0
		for _, r := range w.Text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
		if w.Conf >= 50 && n >= 3 {
			score += float64(n) * w.Conf / 100
			heights = append(heights, w.Box.Dy())
		}
	}
	if len(heights) == 0 {
		return score, 0
	}
	sort.Ints(heights)
	return score, heights[len(heights)/2]
}

// reread reads one line again from a crop of the page, enlarged, as a single
// line: a second, largely independent reading to support a number.
func (s *Scanner) reread(ctx context.Context, pg *page, box image.Rectangle) (string, error) {
	m := box.Dy()/2 + 4
	crop := box.Inset(-m).Intersect(pg.img.Rect)
	if crop.Empty() {
		return "", nil
	}
	lines, err := s.tess.read(ctx, upscale(pg.img.SubImage(crop).(*image.Gray), 1.5), gosseract.PSM_SINGLE_LINE, gosseract.RIL_TEXTLINE)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + " ")
	}
	return b.String(), nil
}

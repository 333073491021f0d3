package ocr

import (
	"image"
	"math/rand/v2"
	"testing"
)

// TestWhitenClearsNoisyPaperAndKeepsInk: a dim, noisy sheet with a stroke of
// print (4 pixels, as on a page scaled for reading) becomes white paper with
// the stroke still dark.
func TestWhitenClearsNoisyPaperAndKeepsInk(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	g := image.NewGray(image.Rect(0, 0, 400, 300))
	stroke := image.Rect(100, 140, 300, 144)
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			v := 150 + r.NormFloat64()*12 // paper in a dim kitchen
			if (image.Point{x, y}).In(stroke) {
				v = 50 + r.NormFloat64()*12
			}
			g.Pix[y*g.Stride+x] = clamp8(int32(v))
		}
	}
	w := whiten(smooth(g)) // as readText does
	paperWhite, paper, ink, inkDark := 0, 0, 0, 0
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			v := w.Pix[y*w.Stride+x]
			switch p := (image.Point{x, y}); {
			case p.In(stroke.Inset(1)): // its core; smoothing greys the edges
				ink++
				if v < 100 {
					inkDark++
				}
			case !p.In(stroke.Inset(-30)):
				paper++
				if v == 255 {
					paperWhite++
				}
			}
		}
	}
	if inkDark*100 < ink*95 {
		t.Errorf("%d of %d stroke pixels dark after whiten, want at least 95%%", inkDark, ink)
	}
	if paperWhite*100 < paper*95 {
		t.Fatalf("%d of %d paper pixels white after whiten, want at least 95%%", paperWhite, paper)
	}
}

package ocr

import (
	"image"
	"testing"

	"github.com/apobot/apobot/ocr/internal/geom"
)

// sheetPhoto draws a white 600×400 sheet, seen at a slant, on a dark table,
// with a black square near the sheet's top-left corner.
func sheetPhoto() *image.Gray {
	src := [4][2]float64{{0, 0}, {600, 0}, {600, 400}, {0, 400}}
	dst := [4][2]float64{{300, 120}, {880, 200}, {820, 640}, {240, 520}}
	inv, _ := geom.FromCorners(src, dst).Inverse()
	g := image.NewGray(image.Rect(0, 0, 1100, 800))
	for y := 0; y < 800; y++ {
		for x := 0; x < 1100; x++ {
			sx, sy := inv.Apply(float64(x)+0.5, float64(y)+0.5)
			v := uint8(60) // table
			if sx >= 0 && sy >= 0 && sx < 600 && sy < 400 {
				v = 240
				if sx >= 40 && sy >= 40 && sx < 140 && sy < 140 {
					v = 0
				}
			}
			g.Pix[y*g.Stride+x] = v
		}
	}
	return g
}

func TestIsolatePaperFlattensASlantedSheet(t *testing.T) {
	img, flat := isolatePaper(sheetPhoto())
	if !flat {
		t.Fatal("the sheet was not found with four corners")
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if min(w, h) < 300 || max(w, h) < 400 {
		t.Fatalf("flattened sheet is %dx%d, want about 600x400", w, h)
	}
	// The sheet may come out turned by quarter turns (text levelling turns it
	// back) but never mirrored or with table left: exactly one corner holds
	// the dark square, the three others are paper, and the square is followed
	// clockwise by the long side it was printed on.
	corners := []image.Point{{w / 7, h / 7}, {w - w/7, h / 7}, {w - w/7, h - h/7}, {w / 7, h - h/7}}
	dark := -1
	for i, p := range corners {
		if img.GrayAt(p.X, p.Y).Y < 60 {
			if dark >= 0 {
				t.Fatalf("corners %d and %d are both dark", dark, i)
			}
			dark = i
		} else if v := img.GrayAt(p.X, p.Y).Y; v < 200 {
			t.Errorf("corner %v = %d, want paper", p, v)
		}
	}
	if dark < 0 {
		t.Fatal("the dark square is in no corner")
	}
	next := corners[(dark+1)%4]
	from := corners[dark]
	long := max(abs(next.X-from.X), abs(next.Y-from.Y))
	short := max(abs(corners[(dark+3)%4].X-from.X), abs(corners[(dark+3)%4].Y-from.Y))
	if long < short {
		t.Fatal("the sheet came out mirrored")
	}
}

func abs(v int) int { return max(v, -v) }

func TestIsolatePaperKeepsAPhotoWithoutSheet(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 200, 100))
	if img, flat := isolatePaper(g); flat || img != g {
		t.Fatal("a uniform photo was cut")
	}
}

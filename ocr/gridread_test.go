package ocr

import (
	"image"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/datamatrix"
	"github.com/makiuchi-d/gozxing/datamatrix/encoder"
)

// encodeSquare returns the modules of a square Data Matrix of payload.
func encodeSquare(t *testing.T, payload string) *gozxing.BitMatrix {
	t.Helper()
	hints := map[gozxing.EncodeHintType]interface{}{
		gozxing.EncodeHintType_DATA_MATRIX_SHAPE: encoder.SymbolShapeHint_FORCE_SQUARE,
	}
	m, err := datamatrix.NewDataMatrixWriter().Encode(payload, gozxing.BarcodeFormat_DATA_MATRIX, 0, 0, hints)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFixedModuleMatchesEncoder checks the finder and alignment pattern the
// grid reader fits against symbols gozxing's encoder makes, one per region
// layout (1, 2×2, 4×4 and 6×6 data regions).
func TestFixedModuleMatchesEncoder(t *testing.T) {
	for _, n := range []int{20, 120, 500, 1400} {
		m := encodeSquare(t, strings.Repeat("x", n))
		size := m.GetWidth()
		checked := 0
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				fixed, dark := fixedModule(x, y, size)
				if !fixed {
					continue
				}
				checked++
				if m.Get(x, y) != dark {
					t.Fatalf("%d modules: module (%d,%d) dark=%v, want %v", size, x, y, m.Get(x, y), dark)
				}
			}
		}
		if checked < 4*size-4 {
			t.Fatalf("%d modules: only %d fixed modules checked", size, checked)
		}
	}
}

// renderSymbol draws m at module pixels per module, turned by deg degrees,
// on a grey page with a quiet zone, blurred and noisy like a hard photo.
func renderSymbol(m *gozxing.BitMatrix, module, deg float64, seed uint64) *image.Gray {
	size := m.GetWidth()
	side := int(float64(size)*module) + 80
	flat := image.NewGray(image.Rect(0, 0, side, side))
	for i := range flat.Pix {
		flat.Pix[i] = 200
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			mx, my := int((float64(x)-40)/module), int((float64(y)-40)/module)
			if mx >= 0 && my >= 0 && mx < size && my < size && m.Get(mx, my) {
				flat.Pix[y*side+x] = 40
			}
		}
	}
	img := smooth(smooth(rotate(flat, deg)))
	r := rand.New(rand.NewPCG(seed, 1))
	for i, v := range img.Pix {
		if v == 255 { // the corners rotate brought in: paper too
			v = 200
		}
		img.Pix[i] = clamp8(int32(v) + int32(r.NormFloat64()*18))
	}
	return img
}

func TestReadGridDecodesBlurredTurnedSymbol(t *testing.T) {
	payload := `{"urls":["Task/160.000.000.000.000.01/$accept?ac=` + strings.Repeat("7f", 32) + `"]}`
	m := encodeSquare(t, payload)
	for _, deg := range []float64{0, 13, 90, 200} {
		img := renderSymbol(m, 3, deg, uint64(deg))
		got, ok := readGrid(img)
		if !ok || got != payload {
			t.Errorf("turned %v°: readGrid = %q, %v; want the payload", deg, got, ok)
		}
	}
}

func TestReadGridRefusesNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	img := image.NewGray(image.Rect(0, 0, 200, 200))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	if got, ok := readGrid(img); ok {
		t.Fatalf("readGrid on noise = %q, want nothing", got)
	}
}

package photogen

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sync"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/datamatrix"
	"github.com/makiuchi-d/gozxing/datamatrix/encoder"
	"github.com/makiuchi-d/gozxing/oned"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// document is a flat, upright page or pack face before it is photographed.
type document struct {
	img   *image.RGBA
	faces map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

var (
	fontsOnce       sync.Once
	regular, boldTT *opentype.Font
	fontErr         error
)

func loadFonts() error {
	fontsOnce.Do(func() {
		if regular, fontErr = opentype.Parse(goregular.TTF); fontErr == nil {
			boldTT, fontErr = opentype.Parse(gobold.TTF)
		}
	})
	return fontErr
}

func newDocument(w, h int, bg color.Color) (*document, error) {
	if err := loadFonts(); err != nil {
		return nil, fmt.Errorf("photogen: fonts: %w", err)
	}
	d := &document{img: image.NewRGBA(image.Rect(0, 0, w, h)), faces: map[faceKey]font.Face{}}
	draw.Draw(d.img, d.img.Rect, image.NewUniform(bg), image.Point{}, draw.Src)
	return d, nil
}

// face returns a font face, made once per document (faces are not concurrency safe).
func (d *document) face(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	if f, ok := d.faces[k]; ok {
		return f
	}
	tt := regular
	if bold {
		tt = boldTT
	}
	f, err := opentype.NewFace(tt, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err) // the embedded Go fonts always load
	}
	d.faces[k] = f
	return f
}

// text draws s with its baseline at (x, y) and returns the x after it.
func (d *document) text(x, y int, size float64, bold bool, c color.Color, s string) int {
	dr := font.Drawer{Dst: d.img, Src: image.NewUniform(c), Face: d.face(size, bold), Dot: fixed.P(x, y)}
	dr.DrawString(s)
	return dr.Dot.X.Round()
}

func (d *document) rect(r image.Rectangle, c color.Color) {
	draw.Draw(d.img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// frame draws the outline of r, t pixels thick.
func (d *document) frame(r image.Rectangle, t int, c color.Color) {
	d.rect(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+t), c)
	d.rect(image.Rect(r.Min.X, r.Max.Y-t, r.Max.X, r.Max.Y), c)
	d.rect(image.Rect(r.Min.X, r.Min.Y, r.Min.X+t, r.Max.Y), c)
	d.rect(image.Rect(r.Max.X-t, r.Min.Y, r.Max.X, r.Max.Y), c)
}

// matrix draws a barcode's modules at (x, y), module pixels each, on white.
func (d *document) matrix(m *gozxing.BitMatrix, x, y, module, modH int) image.Rectangle {
	w, h := m.GetWidth(), m.GetHeight()
	area := image.Rect(x, y, x+w*module, y+h*modH)
	d.rect(area, color.White)
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			if m.Get(i, j) {
				d.rect(image.Rect(x+i*module, y+j*modH, x+(i+1)*module, y+(j+1)*modH), color.Black)
			}
		}
	}
	return area
}

// code39 draws a Code 39 barcode of text with the given narrow-bar width and height.
func (d *document) code39(text string, x, y, narrow, height int) (image.Rectangle, error) {
	m, err := oned.NewCode39Writer().Encode(text, gozxing.BarcodeFormat_CODE_39, 0, 1, nil)
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("photogen: code 39: %w", err)
	}
	return d.matrix(m, x, y, narrow, height), nil
}

// dataMatrix draws a square Data Matrix of payload with the given module size.
func (d *document) dataMatrix(payload string, x, y, module int) (image.Rectangle, error) {
	hints := map[gozxing.EncodeHintType]interface{}{
		gozxing.EncodeHintType_DATA_MATRIX_SHAPE: encoder.SymbolShapeHint_FORCE_SQUARE,
	}
	m, err := datamatrix.NewDataMatrixWriter().Encode(payload, gozxing.BarcodeFormat_DATA_MATRIX, 0, 0, hints)
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("photogen: data matrix: %w", err)
	}
	return d.matrix(m, x, y, module, module), nil
}

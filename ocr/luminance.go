package ocr

import (
	"errors"
	"image"

	"github.com/makiuchi-d/gozxing"
)

// grayLuminance feeds an *image.Gray to gozxing without copying it; gozxing's own
// image source converts pixel by pixel through image.Image.At.
type grayLuminance struct {
	gozxing.LuminanceSourceBase
	g *image.Gray
}

var _ gozxing.LuminanceSource = (*grayLuminance)(nil)

func newLuminance(g *image.Gray) *grayLuminance {
	return &grayLuminance{gozxing.LuminanceSourceBase{Width: g.Rect.Dx(), Height: g.Rect.Dy()}, g}
}

func (s *grayLuminance) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= s.Height {
		return nil, errors.New("ocr: row outside the image")
	}
	if len(row) < s.Width {
		row = make([]byte, s.Width)
	}
	off := s.g.PixOffset(s.g.Rect.Min.X, s.g.Rect.Min.Y+y)
	copy(row, s.g.Pix[off:off+s.Width])
	return row, nil
}

func (s *grayLuminance) GetMatrix() []byte {
	if s.g.Stride == s.Width && s.g.Rect.Min == (image.Point{}) {
		return s.g.Pix[:s.Width*s.Height]
	}
	m := make([]byte, s.Width*s.Height)
	for y := 0; y < s.Height; y++ {
		off := s.g.PixOffset(s.g.Rect.Min.X, s.g.Rect.Min.Y+y)
		copy(m[y*s.Width:], s.g.Pix[off:off+s.Width])
	}
	return m
}

func (s *grayLuminance) IsCropSupported() bool { return true }

func (s *grayLuminance) Crop(left, top, width, height int) (gozxing.LuminanceSource, error) {
	r := image.Rect(left, top, left+width, top+height).Add(s.g.Rect.Min)
	if !r.In(s.g.Rect) {
		return nil, errors.New("ocr: crop outside the image")
	}
	return newLuminance(s.g.SubImage(r).(*image.Gray)), nil
}

func (s *grayLuminance) IsRotateSupported() bool { return true }

func (s *grayLuminance) RotateCounterClockwise() (gozxing.LuminanceSource, error) {
	return newLuminance(rotate270(s.g)), nil
}

func (s *grayLuminance) RotateCounterClockwise45() (gozxing.LuminanceSource, error) {
	return nil, errors.New("ocr: 45 degree rotation not supported")
}

func (s *grayLuminance) Invert() gozxing.LuminanceSource { return gozxing.LuminanceSourceInvert(s) }

func (s *grayLuminance) String() string { return gozxing.LuminanceSourceString(s) }

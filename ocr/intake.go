package ocr

import (
	"image"

	"github.com/apobot/apobot/ocr/photo"
)

// Limits and errors of the intake (package photo); test with errors.Is.
const (
	MaxBytes  = photo.MaxBytes
	MaxPixels = photo.MaxPixels
)

var (
	ErrTooLarge    = photo.ErrTooLarge
	ErrUnsupported = photo.ErrUnsupported
	ErrCorrupt     = photo.ErrCorrupt
)

// Photo is a decoded, upright photo without metadata: luminance for barcodes
// and text, and (see Red) the red channel.
type Photo struct {
	Format string // "jpeg", "png", "webp"
	Gray   *image.Gray

	ycc         *image.YCbCr // the decoded JPEG or WebP, for Red and pinkness
	red         *image.Gray
	orientation int
}

// Red returns the upright red channel, in which the pink print of a paper
// prescription fades away while black text stays. For JPEG and WebP it is
// computed on first use: most photos never need it.
func (p *Photo) Red() *image.Gray {
	if p.red == nil {
		p.red = orient(redOf(p.ycc), p.orientation)
	}
	return p.red
}

// Decode checks and decodes an image held in memory (photo.Decode: size,
// format by its magic bytes, pixel count before any pixel is decoded), then
// turns it upright by its EXIF orientation. Nothing of the file's metadata
// survives.
func Decode(data []byte) (*Photo, error) {
	img, format, err := photo.Decode(data)
	if err != nil {
		return nil, err
	}
	p := &Photo{Format: format, orientation: photo.Orientation(format, data)}
	if m, ok := img.(*image.YCbCr); ok {
		p.ycc, p.Gray = m, orient(lumaOf(m), p.orientation)
		return p, nil
	}
	gray, red := channels(img)
	p.Gray, p.red = orient(gray, p.orientation), orient(red, p.orientation)
	return p, nil
}

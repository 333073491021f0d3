package ocr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image.DecodeConfig and image.Decode
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// Limits of what a customer may send. A phone photo is 2-6 MB and 12 megapixels.
const (
	MaxBytes  = 10 << 20
	MaxPixels = 40_000_000
	maxSide   = 20_000
)

// Errors of the intake; test with errors.Is. Their texts are safe to show.
var (
	ErrTooLarge    = errors.New("ocr: image too large")
	ErrUnsupported = errors.New("ocr: not a JPEG, PNG or WebP image")
	ErrCorrupt     = errors.New("ocr: image cannot be decoded")
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

// Decode checks and decodes an image held in memory: at most MaxBytes, one of
// JPEG, PNG or WebP by its magic bytes, at most MaxPixels by its header (checked
// before any pixel is decoded, so a decompression bomb costs microseconds), then
// decoded and turned upright by its EXIF orientation. Nothing of the file's
// metadata survives.
func Decode(data []byte) (*Photo, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(data), MaxBytes)
	}
	format := sniff(data)
	if format == "" {
		return nil, ErrUnsupported
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s header: %v", ErrCorrupt, format, err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, format, err)
	}
	p := &Photo{Format: format, orientation: orientation(format, data)}
	if m, ok := img.(*image.YCbCr); ok {
		p.ycc, p.Gray = m, orient(lumaOf(m), p.orientation)
		return p, nil
	}
	gray, red := channels(img)
	p.Gray, p.red = orient(gray, p.orientation), orient(red, p.orientation)
	return p, nil
}

func checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: image has no pixels", ErrCorrupt)
	}
	if w > maxSide || h > maxSide || w*h > MaxPixels {
		return fmt.Errorf("%w: %dx%d pixels, at most %d megapixels", ErrTooLarge, w, h, MaxPixels/1_000_000)
	}
	return nil
}

// sniff names the format by its magic bytes, not by what the sender claims.
func sniff(b []byte) string {
	switch {
	case len(b) >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff:
		return "jpeg"
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "png"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	}
	return ""
}

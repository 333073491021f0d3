// Package photo takes a customer's image file in: it checks it before any
// pixel is decoded (size, format by its magic bytes, pixel count, so a
// decompression bomb costs microseconds), reads its EXIF orientation, and
// makes the clean copy apobot stores (Clean): decoded, turned upright and
// encoded anew, without any of the file's metadata (location, camera,
// comments) and without anything that is not an image. Pure Go, in
// memory; it stores and logs nothing.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image.DecodeConfig and image.Decode
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// Limits of what a customer may send. A phone photo is 2-6 MB and 12
// megapixels; MaxPixels is what a 50-megapixel camera makes at full
// resolution (8160×6120), as bot.MaxPhotoPixels.
const (
	MaxBytes  = 10 << 20
	MaxPixels = 50_000_000
	maxSide   = 20_000
)

// Errors of the intake; test with errors.Is. Their texts are safe to show.
var (
	ErrTooLarge    = errors.New("photo: image too large")
	ErrUnsupported = errors.New("photo: not a JPEG, PNG or WebP image")
	ErrCorrupt     = errors.New("photo: image cannot be decoded")
)

// Check reads what can be known of data without decoding a pixel: its
// format ("jpeg", "png", "webp") and header. It fails for more than
// MaxBytes, another format, a broken header or more than MaxPixels.
func Check(data []byte) (format string, cfg image.Config, err error) {
	if len(data) > MaxBytes {
		return "", cfg, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(data), MaxBytes)
	}
	if format = Sniff(data); format == "" {
		return "", cfg, ErrUnsupported
	}
	if cfg, _, err = image.DecodeConfig(bytes.NewReader(data)); err != nil {
		return "", cfg, fmt.Errorf("%w: %s header: %v", ErrCorrupt, format, err)
	}
	return format, cfg, checkSize(cfg.Width, cfg.Height)
}

// Decode checks data and decodes it; the image is as stored, not yet upright.
func Decode(data []byte) (img image.Image, format string, err error) {
	if format, _, err = Check(data); err != nil {
		return nil, "", err
	}
	if img, _, err = image.Decode(bytes.NewReader(data)); err != nil {
		return nil, "", fmt.Errorf("%w: %s: %v", ErrCorrupt, format, err)
	}
	return img, format, nil
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

// Sniff names the format by its magic bytes, not by what the sender claims;
// "" for anything else.
func Sniff(b []byte) string {
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

package web

import (
	"bytes"
	"image"
	_ "image/jpeg" // header decoders for image.DecodeConfig
	_ "image/png"
	"net/http"

	_ "golang.org/x/image/webp"
)

// maxPixels matches the scanner's limit: a photo may not unpack to more.
const maxPixels = 40_000_000

var (
	errBomb      = &httpError{http.StatusRequestEntityTooLarge, "web.bomb", nil, nil}
	errTruncated = &httpError{http.StatusUnsupportedMediaType, "web.truncated", nil, nil}
)

// checkImage refuses, before anything is stored, a file that is no image by
// its bytes, whose header is broken, that would unpack to more than
// maxPixels (a decompression bomb), or that is cut off (a JPEG without its
// end marker, a PNG without its IEND chunk).
func checkImage(data []byte) error {
	kind := http.DetectContentType(data)
	if kind != "image/jpeg" && kind != "image/png" && kind != "image/webp" {
		return errNotImage
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return errTruncated
	}
	if cfg.Width*cfg.Height > maxPixels || cfg.Width > 20000 || cfg.Height > 20000 {
		return errBomb
	}
	switch kind {
	case "image/jpeg":
		if !bytes.Contains(data[max(0, len(data)-64):], []byte{0xFF, 0xD9}) {
			return errTruncated
		}
	case "image/png":
		if !bytes.Contains(data[max(0, len(data)-32):], []byte("IEND")) {
			return errTruncated
		}
	}
	return nil
}

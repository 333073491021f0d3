package web

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // header decoders for image.DecodeConfig
	_ "image/png"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	_ "golang.org/x/image/webp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
)

// maxPixels is the engine's limit: a photo may not unpack to more.
const maxPixels = engine.MaxPhotoPixels

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

// refusedPhoto answers a photo the engine did not take: 429 with
// Retry-After beyond the chat's photos a minute, 503 with Retry-After when
// the pixels being decoded fill the budget, 415 when it does not decode
// (nothing of it was stored).
func refusedPhoto(c echo.Context, err error) error {
	var many *engine.TooManyPhotos
	switch {
	case errors.As(err, &many):
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(many.RetryAfter.Seconds()))))
		return &httpError{http.StatusTooManyRequests, "photo.too_many", msg.Args{"Max": engine.PhotosPerChat}, nil}
	case errors.Is(err, engine.ErrPhotosBehind):
		c.Response().Header().Set("Retry-After", strconv.Itoa(retryPhotoAfter))
		return errPhotosBehind
	case bot.ErrorCode(err) == bot.EINVALID:
		return errTruncated
	}
	return err
}

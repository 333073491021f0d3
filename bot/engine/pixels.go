package engine

import (
	"bytes"
	"context"
	"image"
	"image/color"
	_ "image/jpeg" // header readers for image.DecodeConfig
	_ "image/png"
	"sync"

	_ "golang.org/x/image/webp"
	"golang.org/x/sync/semaphore"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// Pixels a photo may cost while it is decoded, cleaned and read.
const (
	// MaxPhotoPixels is the most one photo may have: what a phone with a
	// 50-megapixel camera makes at full resolution (8160×6120). Phones
	// store 12 megapixels by default; a larger photo is refused outright.
	MaxPhotoPixels = 50_000_000
	// DefaultPixelBudget is how many pixels are decoded at once, all
	// photos together: two photos of the largest size. A decoded pixel
	// costs up to 4 bytes (8 for a 16-bit PNG, counted twice), the reading
	// about as much again, and the collector lets garbage reach the live
	// size: 100 megapixels stay under 2 GB, far inside the 24 GiB machine,
	// and on its 2 cores more decoding at once would only wait longer.
	DefaultPixelBudget = 100_000_000
)

// errPhotoTooLarge refuses a photo above MaxPhotoPixels.
var errPhotoTooLarge = bot.Errorf(bot.EINVALID, "photo.too_many_pixels", msg.Args{"Max": MaxPhotoPixels / 1_000_000})

// pixelBudget is the pixels being decoded now, taken before a photo is
// decoded and given back when its pixels are no longer needed. A photo
// waits, first come first served, until its pixels are free.
type pixelBudget struct {
	sem  *semaphore.Weighted
	size int64
}

func newPixelBudget(size int64) *pixelBudget {
	if size <= 0 {
		size = DefaultPixelBudget
	}
	return &pixelBudget{sem: semaphore.NewWeighted(size), size: size}
}

// reserve waits until data's pixels are free, at most until ctx ends.
// A photo above MaxPhotoPixels fails with an EINVALID Error; one whose
// header cannot be read counts as the largest (its decoder will refuse it).
func (b *pixelBudget) reserve(ctx context.Context, data []byte) (release func(), err error) {
	n, err := pixelCost(data)
	if err != nil {
		return nil, err
	}
	n = min(n, b.size)
	if !b.sem.TryAcquire(n) { // free now: taken even when ctx is done
		if err := b.sem.Acquire(ctx, n); err != nil {
			return nil, err
		}
	}
	return sync.OnceFunc(func() { b.sem.Release(n) }), nil
}

// pixelCost reads an image's header only, never a pixel: its width times
// height, twice that for 16 bits a channel (decoded to 8 bytes a pixel).
func pixelCost(data []byte) (int64, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return MaxPhotoPixels, nil
	}
	n := int64(cfg.Width) * int64(cfg.Height)
	if n > MaxPhotoPixels {
		return 0, errPhotoTooLarge
	}
	switch cfg.ColorModel {
	case color.RGBA64Model, color.NRGBA64Model, color.Gray16Model:
		n *= 2
	}
	return n, nil
}

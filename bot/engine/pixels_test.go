package engine

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"runtime"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/ocr/photo"
	"github.com/apobot/apobot/ocr/photogen"
)

// smallPNG is a real w×h PNG; deep makes it 16 bits a channel.
func smallPNG(t *testing.T, w, h int, deep bool) []byte {
	t.Helper()
	var img image.Image = image.NewNRGBA(image.Rect(0, 0, w, h))
	if deep {
		img = image.NewNRGBA64(image.Rect(0, 0, w, h))
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lyingPNG is a decompression bomb: a PNG of a few hundred bytes whose
// header claims w×h pixels, which a decoder allocates before reading on.
func lyingPNG(w, h int) []byte {
	b := photogen.HugePNG(w, 1)
	binary.BigEndian.PutUint32(b[20:], uint32(h)) // IHDR: length, type, width, height
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestPixelBudgetReservesAndReleases: photos take their pixels until
// released; one that does not fit waits, and gets them once they are given
// back; a second release gives nothing back twice.
func TestPixelBudgetReservesAndReleases(t *testing.T) {
	b := newPixelBudget(250) // a 10×10 photo is 100 pixels
	ctx := t.Context()
	first, err := b.reserve(ctx, smallPNG(t, 10, 10, false))
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.reserve(ctx, smallPNG(t, 10, 10, false))
	if err != nil {
		t.Fatal(err)
	}
	full, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := b.reserve(full, smallPNG(t, 10, 10, false)); !errors.Is(err, context.Canceled) {
		t.Fatalf("a third 100 pixels in a budget of 250 with 200 taken: %v, want to wait", err)
	}
	got := make(chan error, 1)
	go func() {
		release, err := b.reserve(ctx, smallPNG(t, 10, 10, false))
		if err == nil {
			release()
		}
		got <- err
	}()
	first()
	first() // given back once only: the waiter gets first's pixels, not more
	if err := <-got; err != nil {
		t.Fatalf("the waiting photo after a release: %v", err)
	}
	if b.allFree() {
		t.Fatal("all pixels free while the second photo holds 100")
	}
	second()
	if !b.allFree() {
		t.Fatal("pixels still taken after every release")
	}
}

// TestPixelCostReadsTheHeaderOnly: the cost is width×height, twice that for
// 16 bits a channel, the largest for a file without a readable header; a
// photo above MaxPhotoPixels is refused from its header, so a bomb of a few
// hundred bytes claiming 10 gigapixels costs no decoding.
func TestPixelCostReadsTheHeaderOnly(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want int64
		err  bool
	}{
		{"8 bits", smallPNG(t, 30, 20, false), 600, false},
		{"16 bits", smallPNG(t, 30, 20, true), 1200, false},
		{"no image", []byte("\xff\xd8 not a jpeg"), MaxPhotoPixels, false},
		{"at the limit", lyingPNG(10_000, 5_000), MaxPhotoPixels, false},
		{"one row above", lyingPNG(10_000, 5_001), 0, true},
		{"bomb", lyingPNG(100_000, 100_000), 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := pixelCost(c.data)
			if got != c.want || (err != nil) != c.err || err != nil && bot.ErrorCode(err) != bot.EINVALID {
				t.Fatalf("cost %d, %v; want %d, refused %v", got, err, c.want, c.err)
			}
		})
	}
	bomb := lyingPNG(100_000, 100_000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := newPixelBudget(0).reserve(t.Context(), bomb)
	runtime.ReadMemStats(&after)
	if bot.ErrorCode(err) != bot.EINVALID || after.TotalAlloc-before.TotalAlloc > 1<<20 {
		t.Fatalf("a %d-byte bomb: %v after %d bytes allocated, want refused within 1 MB", len(bomb), err, after.TotalAlloc-before.TotalAlloc)
	}
}

// TestTakeInGivesThePixelsBack: the web chat's cleaning holds the photo's
// pixels and gives them back whether it succeeds, fails or panics (the web
// server recovers a panicking request, so nothing else would); with the
// budget taken it answers ErrPhotosBehind; a photo above MaxPhotoPixels
// and the seventh of a chat within a minute are refused before any
// decoding.
func TestTakeInGivesThePixelsBack(t *testing.T) {
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	var clean func([]byte) ([]byte, error)
	e := New(Config{Clean: func(b []byte) ([]byte, error) { return clean(b) }, Now: func() time.Time { return now }})
	e.photos.wait = 0
	in := func(key string, data []byte) *bot.Inbound { return &bot.Inbound{ChatKey: key, Photo: data} }
	pic := smallPNG(t, 10, 10, false)
	decoded := 0
	clean = func(b []byte) ([]byte, error) { decoded++; return photo.Clean(b) }
	if err := e.intake.takeIn(t.Context(), in("ok", pic)); err != nil || !e.PixelsAllFree() {
		t.Fatalf("cleaned: %v, pixels free %v", err, e.PixelsAllFree())
	}
	clean = func([]byte) ([]byte, error) { return nil, errors.New("broken") }
	if err := e.intake.takeIn(t.Context(), in("fails", pic)); bot.ErrorCode(err) != bot.EINVALID || !e.PixelsAllFree() {
		t.Fatalf("failed: %v, pixels free %v", err, e.PixelsAllFree())
	}
	clean = func([]byte) ([]byte, error) { panic("a decoder's bug") }
	func() {
		defer func() { recover() }()
		e.intake.takeIn(t.Context(), in("panics", pic))
	}()
	if !e.PixelsAllFree() {
		t.Fatal("pixels still taken after a panic in the cleaning")
	}
	clean = func(b []byte) ([]byte, error) { decoded++; return photo.Clean(b) }
	if err := e.intake.takeIn(t.Context(), in("bomb", lyingPNG(100_000, 100_000))); bot.ErrorCode(err) != bot.EINVALID || decoded != 1 {
		t.Fatalf("a bomb: %v after %d decodings, want refused before its decoding", err, decoded)
	}
	hold, _ := e.photos.pixels.reserve(t.Context(), lyingPNG(10_000, 5_000))
	hold2, _ := e.photos.pixels.reserve(t.Context(), lyingPNG(10_000, 5_000))
	if err := e.intake.takeIn(t.Context(), in("busy", pic)); !errors.Is(err, ErrPhotosBehind) || decoded != 1 {
		t.Fatalf("with the budget taken: %v after %d decodings, want ErrPhotosBehind", err, decoded)
	}
	hold()
	hold2()
	for i := range 4 { // "ok" sent one, "fails", "panics", "bomb" and "busy" one each
		if err := e.intake.takeIn(t.Context(), in("ok", pic)); err != nil {
			t.Fatalf("photo %d of the chat: %v", i+2, err)
		}
	}
	if err := e.intake.takeIn(t.Context(), in("ok", pic)); err != nil {
		t.Fatalf("photo 6 of the chat: %v", err)
	}
	var many *TooManyPhotos
	if err := e.intake.takeIn(t.Context(), in("ok", pic)); !errors.As(err, &many) || many.RetryAfter != PhotoWindow {
		t.Fatalf("photo 7 of the chat within the minute: %v, want TooManyPhotos after %v", err, PhotoWindow)
	}
	now = now.Add(PhotoWindow)
	if err := e.intake.takeIn(t.Context(), in("ok", pic)); err != nil || !e.PixelsAllFree() {
		t.Fatalf("a minute later: %v, pixels free %v", err, e.PixelsAllFree())
	}
}

// FuzzPixelCost: any bytes get a cost between one pixel and twice
// MaxPhotoPixels, or are refused as EINVALID exactly when their header
// claims more than MaxPhotoPixels; nothing panics.
func FuzzPixelCost(f *testing.F) {
	f.Add(lyingPNG(100_000, 100_000))
	f.Add(lyingPNG(10_000, 5_000))
	f.Add([]byte("\xff\xd8\xff\xe0"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := pixelCost(data)
		cfg, _, derr := image.DecodeConfig(bytes.NewReader(data))
		over := derr == nil && int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels
		switch {
		case err != nil && (bot.ErrorCode(err) != bot.EINVALID || !over):
			t.Fatalf("refused %v for a header of %dx%d (%v)", err, cfg.Width, cfg.Height, derr)
		case err == nil && (over || n < 1 || n > 2*MaxPhotoPixels):
			t.Fatalf("cost %d for a header of %dx%d (%v)", n, cfg.Width, cfg.Height, derr)
		}
	})
}

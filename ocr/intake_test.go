package ocr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/ocr/photo"
	"github.com/apobot/apobot/ocr/photogen"
)

// testImage is a picture whose top-left quarter is black.
func testImage(w, h int) *image.RGBA { return photogen.Marked(w, h) }

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation inserts an APP1 Exif segment with the given orientation
// (big-endian TIFF, one IFD entry) after the JPEG's SOI marker.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01")
	entry := make([]byte, 12)
	binary.BigEndian.PutUint16(entry[0:], 0x0112)
	binary.BigEndian.PutUint16(entry[2:], 3)
	binary.BigEndian.PutUint32(entry[4:], 1)
	binary.BigEndian.PutUint16(entry[8:], o)
	tiff = append(append(tiff, entry...), 0, 0, 0, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(append(out, app1...), seg...)
	return append(out, jpg[2:]...)
}

func TestDecodeFormats(t *testing.T) {
	webp, err := os.ReadFile("testdata/pack.webp") // photogen pack, easy, seed 7, converted by ImageMagick
	if err != nil {
		t.Fatal(err)
	}
	img := testImage(40, 30)
	for name, data := range map[string][]byte{"jpeg": encodeJPEG(t, img), "png": encodePNG(t, img), "webp": webp} {
		t.Run(name, func(t *testing.T) {
			p, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if p.Format != name || p.Gray.Rect.Empty() || p.Red().Rect != p.Gray.Rect {
				t.Fatalf("format %q, gray %v, red %v", p.Format, p.Gray.Rect, p.Red().Rect)
			}
		})
	}
}

func TestDecodeAppliesEXIFOrientation(t *testing.T) {
	base := encodeJPEG(t, testImage(40, 20))
	tests := []struct {
		o            uint16
		w, h         int
		darkX, darkY int // a pixel that must be dark after turning upright
	}{
		{1, 40, 20, 5, 5},
		{3, 40, 20, 35, 15}, // upside down
		{6, 20, 40, 15, 5},  // turned a quarter clockwise
		{8, 20, 40, 5, 35},  // a quarter counter-clockwise
	}
	for _, tt := range tests {
		p, err := Decode(withOrientation(base, tt.o))
		if err != nil {
			t.Fatalf("orientation %d: %v", tt.o, err)
		}
		if p.Gray.Rect.Dx() != tt.w || p.Gray.Rect.Dy() != tt.h {
			t.Fatalf("orientation %d: size %v, want %dx%d", tt.o, p.Gray.Rect, tt.w, tt.h)
		}
		if v := p.Gray.GrayAt(tt.darkX, tt.darkY).Y; v > 60 {
			t.Fatalf("orientation %d: pixel (%d,%d) = %d, want dark", tt.o, tt.darkX, tt.darkY, v)
		}
	}
}

// bombPNG is a valid PNG header claiming w×h pixels, with no pixel data.
func bombPNG(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	chunk := make([]byte, 8)
	binary.BigEndian.PutUint32(chunk, 13)
	copy(chunk[4:], "IHDR")
	out := append([]byte("\x89PNG\r\n\x1a\n"), chunk...)
	out = append(out, ihdr...)
	crc := make([]byte, 4)
	binary.BigEndian.PutUint32(crc, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	return append(out, crc...)
}

func TestDecodeRefuses(t *testing.T) {
	jpg := encodeJPEG(t, testImage(64, 64))
	tests := map[string]struct {
		data []byte
		want error
	}{
		"decompression bomb": {bombPNG(100000, 100000), ErrTooLarge},
		"51 megapixels":      {bombPNG(8000, 6376), ErrTooLarge},
		"a 50 MP camera":     {bombPNG(8160, 6120), ErrCorrupt}, // taken: only its missing data fails
		"over 10 MB":         {append(append([]byte{}, jpg...), make([]byte, MaxBytes)...), ErrTooLarge},
		"truncated JPEG":     {jpg[:len(jpg)/2], ErrCorrupt},
		"text":               {[]byte("hello, this is not a photo"), ErrUnsupported},
		"GIF":                {[]byte("GIF89a\x01\x00\x01\x00"), ErrUnsupported},
		"empty":              {nil, ErrUnsupported},
		"PNG magic only":     {[]byte("\x89PNG\r\n\x1a\n"), ErrCorrupt},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Decode(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if strings.Contains(name, "bomb") && time.Since(start) > time.Second {
				t.Fatalf("refusing a bomb took %v", time.Since(start))
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	img := testImage(24, 16)
	var jb, pb bytes.Buffer
	jpeg.Encode(&jb, img, nil)
	png.Encode(&pb, img)
	f.Add(jb.Bytes())
	f.Add(withOrientation(jb.Bytes(), 6))
	f.Add(pb.Bytes())
	if webp, err := os.ReadFile("testdata/pack.webp"); err == nil {
		f.Add(webp[:4096])
	}
	f.Add(bombPNG(30000, 30000))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if n := p.Gray.Rect.Dx() * p.Gray.Rect.Dy(); n == 0 || n > MaxPixels {
			t.Fatalf("decoded %v", p.Gray.Rect)
		}
	})
}

func FuzzOrientation(f *testing.F) {
	var jb bytes.Buffer
	jpeg.Encode(&jb, testImage(8, 8), nil)
	f.Add(withOrientation(jb.Bytes(), 6))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPEXIF\x08\x00\x00\x00MM\x00\x2a\x00\x00\x00\x08"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"jpeg", "webp", "png"} {
			if o := photo.Orientation(format, data); o < 1 || o > 8 {
				t.Fatalf("orientation %d", o)
			}
		}
	})
}

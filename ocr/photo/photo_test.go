package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/apobot/apobot/ocr/photogen"
)

func encodeJPEG(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCleanDropsMetadataAndTurnsUpright: a phone photo with a GPS block,
// taken turned (orientation 6), comes out upright, as JPEG, with nothing of
// the EXIF block left.
func TestCleanDropsMetadataAndTurnsUpright(t *testing.T) {
	sent := photogen.WithEXIF(encodeJPEG(t, photogen.Marked(64, 32)), 6)
	if !bytes.Contains(sent, []byte(photogen.GPSPlace)) || Orientation("jpeg", sent) != 6 {
		t.Fatal("the test photo lacks its GPS block or orientation")
	}
	clean, err := Clean(sent)
	if err != nil || Sniff(clean) != "jpeg" {
		t.Fatalf("clean: %q %v", Sniff(clean), err)
	}
	for _, meta := range [][]byte{[]byte(photogen.GPSPlace), []byte("Exif\x00\x00"), {0xff, 0xe1}} {
		if bytes.Contains(clean, meta) {
			t.Fatalf("the clean copy still holds %q", meta)
		}
	}
	img, err := jpeg.Decode(bytes.NewReader(clean))
	if err != nil {
		t.Fatal(err)
	}
	// Turned a quarter clockwise: 32×64, the black quarter now top right.
	if b := img.Bounds(); b.Dx() != 32 || b.Dy() != 64 {
		t.Fatalf("clean copy is %v, want 32×64 upright", b)
	}
	if r, _, _, _ := img.At(28, 4).RGBA(); r > 0x4000 {
		t.Fatal("the top right is not black: the photo was not turned")
	}
	if r, _, _, _ := img.At(4, 4).RGBA(); r < 0xc000 {
		t.Fatal("the top left is black: the photo was not turned")
	}
}

// TestCleanRefusesWhatIsNoImage: an HTML page, text, a cut-off JPEG and a
// PNG bomb are refused, each with its error.
func TestCleanRefusesWhatIsNoImage(t *testing.T) {
	jpg := encodeJPEG(t, photogen.Marked(40, 40))
	var bomb bytes.Buffer
	png.Encode(&bomb, image.NewGray(image.Rect(0, 0, 1, 1)))
	big := bomb.Bytes()
	binary.BigEndian.PutUint32(big[16:], 30000) // IHDR width and height
	binary.BigEndian.PutUint32(big[20:], 30000)
	binary.BigEndian.PutUint32(big[29:], crc32.ChecksumIEEE(big[12:29]))
	for name, tt := range map[string]struct {
		data []byte
		want error
	}{
		"HTML page":             {[]byte(`<html><head><meta http-equiv="refresh" content="0;url=https://example.org"></head></html>`), ErrUnsupported},
		"HTML in JPEG clothing": {append([]byte{0xff, 0xd8, 0xff}, []byte("<html><body>hi</body></html>")...), ErrCorrupt},
		"cut-off JPEG":          {jpg[:len(jpg)/2], ErrCorrupt},
		"PNG bomb":              {big, ErrTooLarge},
	} {
		if _, err := Clean(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", name, err, tt.want)
		}
	}
}

// TestCleanPNGStaysLossless: a PNG (a screenshot) is stored as PNG, pixel
// for pixel, without its text and EXIF chunks.
func TestCleanPNGStaysLossless(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, photogen.Marked(20, 10))
	raw := b.Bytes()
	// A tEXt chunk right after IHDR (8 + 25 bytes).
	chunk := makeChunk("tEXt", []byte("Comment\x00"+photogen.GPSPlace))
	sent := append(append(append([]byte{}, raw[:33]...), chunk...), raw[33:]...)
	clean, err := Clean(sent)
	if err != nil || Sniff(clean) != "png" {
		t.Fatalf("clean: %q %v", Sniff(clean), err)
	}
	if bytes.Contains(clean, []byte(photogen.GPSPlace)) {
		t.Fatal("the clean PNG keeps its text chunk")
	}
	img, err := png.Decode(bytes.NewReader(clean))
	if err != nil || img.Bounds().Dx() != 20 {
		t.Fatalf("clean PNG: %v %v", img, err)
	}
}

// makeChunk builds a PNG chunk with its CRC.
func makeChunk(kind string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(append(out, kind...), data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

// FuzzClean: whatever arrives, Clean refuses it with one of its errors or
// returns an image that decodes, with no EXIF block.
func FuzzClean(f *testing.F) {
	var jb, pb bytes.Buffer
	jpeg.Encode(&jb, photogen.Marked(24, 16), nil)
	png.Encode(&pb, photogen.Marked(24, 16))
	f.Add(photogen.WithEXIF(jb.Bytes(), 6))
	f.Add(pb.Bytes())
	f.Add([]byte("<html><meta http-equiv=refresh content=0></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		clean, err := Clean(data)
		if err != nil {
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if _, _, err := image.Decode(bytes.NewReader(clean)); err != nil || (Sniff(clean) != "jpeg" && Sniff(clean) != "png") {
			t.Fatalf("clean copy (%q) does not decode: %v", Sniff(clean), err)
		}
		if bytes.Contains(clean, []byte("Exif\x00\x00")) {
			t.Fatal("clean copy holds an EXIF block")
		}
	})
}

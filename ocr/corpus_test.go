package ocr

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir is the shared barcode photo corpus; tests skip without it.
const corpusDir = "../../shared/corpus"

// corpusWant are the per-set counts ZXingReader 1.4 decodes (corpus README).
var corpusWant = map[string]int{
	"zxing-code39-1": 4, "zxing-code39-3": 17, "zxing-datamatrix-1": 21, "zxing-datamatrix-2": 18,
	"zxing-datamatrix-3": 18, "zxing-ean13-3": 55, "zxing-qrcode-1": 20, "zxing-qrcode-3": 39,
	"zxingcpp-pzn": 1,
}

func TestCorpus(t *testing.T) {
	quality(t)
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not found at %s", corpusDir)
	}
	for set, want := range corpusWant {
		t.Run(set, func(t *testing.T) {
			t.Parallel()
			pngs, _ := filepath.Glob(filepath.Join(corpusDir, set, "*.png"))
			got := 0
			var missed []string
			for _, p := range pngs {
				if decodesTo(t, p) {
					got++
				} else {
					missed = append(missed, filepath.Base(p))
				}
			}
			t.Logf("%s: %d of %d decoded (reference %d); missed %v", set, got, len(pngs), want, missed)
			if got < want {
				t.Errorf("%s: decoded %d, want at least %d", set, got, want)
			}
		})
	}
}

func TestCorpusMustFail(t *testing.T) {
	quality(t)
	bad, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.png.error"))
	if len(bad) == 0 {
		t.Skip("no must-fail images in the corpus")
	}
	for _, p := range bad {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		photo, err := Decode(data)
		if err != nil {
			continue
		}
		if syms := readBarcodes(context.Background(), photo.Gray, func([]Symbol) bool { return false }); len(syms) > 0 {
			t.Errorf("%s decoded to %q, must not decode", filepath.Base(p), syms)
		}
	}
}

// decodesTo reports whether the image at p decodes to the text in its .txt file.
func decodesTo(t *testing.T, p string) bool {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(strings.TrimSuffix(p, ".png") + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	photo, err := Decode(data)
	if err != nil {
		t.Errorf("%s: %v", filepath.Base(p), err)
		return false
	}
	found := false
	readBarcodes(context.Background(), photo.Gray, func(syms []Symbol) bool {
		for _, s := range syms {
			found = found || s.Text == string(want)
		}
		return found
	})
	return found
}

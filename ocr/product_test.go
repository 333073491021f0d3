package ocr

import (
	"context"
	"testing"

	"github.com/apobot/apobot/ocr/photogen"
)

// TestReadProductBesideABarcode: a pack whose barcode answers Scan at once
// (without its text) still has its printed name, strength and size read
// when asked, as for a PZN the inventory does not know.
func TestReadProductBesideABarcode(t *testing.T) {
	quality(t)
	sc := newTestScanner(t)
	named := 0
	for seed := uint64(1); seed <= 3; seed++ {
		s := generate(t, photogen.Pack, photogen.Easy, seed)
		r, err := sc.Scan(context.Background(), s.JPEG)
		if err != nil || len(r.PZNs) == 0 {
			t.Fatalf("%s: scan %v %v", s.Name, r.PZNs, err)
		}
		p, err := sc.ReadProduct(context.Background(), s.JPEG)
		if err != nil {
			t.Fatal(err)
		}
		want := s.Products[0]
		if p.Strength != want.Strength || p.Form != want.Form || p.Count != want.Count {
			t.Errorf("%s: read %+v, want the printed %+v", s.Name, p, want)
		}
		switch p.Name {
		case want.Name:
			named++
		case "":
		default:
			t.Errorf("%s: name %q, want %q or none (a wrong name misleads the pharmacist)", s.Name, p.Name, want.Name)
		}
	}
	if named < 2 {
		t.Errorf("%d of 3 names read, want 2 or more", named)
	}
	if _, err := sc.ReadProduct(context.Background(), []byte("no image")); err == nil {
		t.Fatal("bytes that are no image gave a product")
	}
}

package ocr

import (
	"context"
	"testing"

	"github.com/apobot/apobot/ocr/photogen"
)

// benchScan scans the same generated photos of one kind over and over.
func benchScan(b *testing.B, k photogen.Kind, d photogen.Difficulty) {
	sc, err := New(Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer sc.Close()
	var photos [][]byte
	for seed := uint64(1); seed <= 4; seed++ {
		s, err := photogen.Generate(k, d, seed)
		if err != nil {
			b.Fatal(err)
		}
		photos = append(photos, s.JPEG)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := sc.Scan(context.Background(), photos[i%len(photos)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScanPackMedium(b *testing.B)     { benchScan(b, photogen.Pack, photogen.Medium) }
func BenchmarkScanErxTokenMedium(b *testing.B) { benchScan(b, photogen.ErxToken, photogen.Medium) }
func BenchmarkScanPrescriptionMedium(b *testing.B) {
	benchScan(b, photogen.Prescription, photogen.Medium)
}

func BenchmarkDecodeJPEG(b *testing.B) {
	s, err := photogen.Generate(photogen.Pack, photogen.Easy, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(s.JPEG)))
	for b.Loop() {
		if _, err := Decode(s.JPEG); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTextAngle(b *testing.B) {
	s, err := photogen.Generate(photogen.Prescription, photogen.Medium, 1)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Decode(s.JPEG)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		textAngle(p.Gray)
	}
}

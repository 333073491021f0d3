package geom

import (
	"math"
	"testing"
)

func TestFromCornersMapsCornersAndInverts(t *testing.T) {
	src := [4][2]float64{{0, 0}, {100, 0}, {100, 50}, {0, 50}}
	dst := [4][2]float64{{10, 20}, {120, 5}, {130, 90}, {5, 70}}
	h := FromCorners(src, dst)
	inv, ok := h.Inverse()
	if !ok {
		t.Fatal("not invertible")
	}
	for i := range src {
		x, y := h.Apply(src[i][0], src[i][1])
		if math.Hypot(x-dst[i][0], y-dst[i][1]) > 1e-6 {
			t.Fatalf("corner %d maps to (%f,%f), want %v", i, x, y, dst[i])
		}
		bx, by := inv.Apply(x, y)
		if math.Hypot(bx-src[i][0], by-src[i][1]) > 1e-6 {
			t.Fatalf("inverse of corner %d = (%f,%f), want %v", i, bx, by, src[i])
		}
	}
	if _, ok := (Homography{}).Inverse(); ok {
		t.Fatal("the zero map was inverted")
	}
}

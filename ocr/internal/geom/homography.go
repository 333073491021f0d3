// Package geom holds the plane geometry the scan pipeline and the photo
// generator share: projective maps (homographies) between quadrilaterals.
package geom

import "math"

// Homography is a projective map of the plane, row-major 3×3 with h[8] = 1.
type Homography [9]float64

// Apply maps the point (x, y).
func (h Homography) Apply(x, y float64) (float64, float64) {
	w := h[6]*x + h[7]*y + h[8]
	return (h[0]*x + h[1]*y + h[2]) / w, (h[3]*x + h[4]*y + h[5]) / w
}

// FromCorners solves for the homography that maps src[i] to dst[i].
func FromCorners(src, dst [4][2]float64) Homography {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := src[i][0], src[i][1], dst[i][0], dst[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	sol := solve(a)
	return Homography{sol[0], sol[1], sol[2], sol[3], sol[4], sol[5], sol[6], sol[7], 1}
}

// solve runs Gaussian elimination with partial pivoting on an 8×8 system.
func solve(a [8][9]float64) [8]float64 {
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r != c && a[c][c] != 0 {
				f := a[r][c] / a[c][c]
				for k := c; k < 9; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	var x [8]float64
	for i := range x {
		x[i] = a[i][8] / a[i][i]
	}
	return x
}

// Inverse returns the inverse map, false when h is singular.
func (h Homography) Inverse() (Homography, bool) {
	det := h[0]*(h[4]*h[8]-h[5]*h[7]) - h[1]*(h[3]*h[8]-h[5]*h[6]) + h[2]*(h[3]*h[7]-h[4]*h[6])
	if math.Abs(det) < 1e-12 {
		return Homography{}, false
	}
	inv := Homography{
		h[4]*h[8] - h[5]*h[7], h[2]*h[7] - h[1]*h[8], h[1]*h[5] - h[2]*h[4],
		h[5]*h[6] - h[3]*h[8], h[0]*h[8] - h[2]*h[6], h[2]*h[3] - h[0]*h[5],
		h[3]*h[7] - h[4]*h[6], h[1]*h[6] - h[0]*h[7], h[0]*h[4] - h[1]*h[3],
	}
	for i := range inv {
		inv[i] /= det
	}
	return inv, true
}

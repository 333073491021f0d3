package ocr

import (
	"image"
	"math"
	"sort"

	"github.com/apobot/apobot/ocr/internal/geom"
)

// quadOf finds the four corners of the sheet marked in a thumbnail mask (w
// wide): the convex hull of the sheet, then the quadrilateral with the largest
// area whose corners are extreme hull points in four perpendicular directions.
// ok is false when the sheet is not convincingly four-sided.
func quadOf(inside []bool, w int) (q [4][2]float64, ok bool) {
	hull := convexHull(maskPoints(inside, w))
	if len(hull) < 4 {
		return q, false
	}
	best := -1.0
	for deg := 0.0; deg < 90; deg += 2 {
		cand := extremes(hull, deg*math.Pi/180)
		if a := quadArea(cand); a > best {
			best, q = a, cand
		}
	}
	n := 0
	for _, in := range inside {
		if in {
			n++
		}
	}
	return q, best >= 0.85*float64(n) // a torn outline or a blob is no sheet
}

// maskPoints lists the corners of the mask's boundary pixels.
func maskPoints(inside []bool, w int) [][2]float64 {
	h := len(inside) / w
	var pts [][2]float64
	for i, in := range inside {
		x, y := i%w, i/w
		if in && (x == 0 || y == 0 || x == w-1 || y == h-1 || !inside[i-1] || !inside[i+1] || !inside[i-w] || !inside[i+w]) {
			pts = append(pts, [2]float64{float64(x), float64(y)}, [2]float64{float64(x + 1), float64(y + 1)},
				[2]float64{float64(x + 1), float64(y)}, [2]float64{float64(x), float64(y + 1)})
		}
	}
	return pts
}

// convexHull returns the hull in counter-clockwise order (monotone chain).
func convexHull(pts [][2]float64) [][2]float64 {
	sort.Slice(pts, func(i, j int) bool {
		return pts[i][0] < pts[j][0] || pts[i][0] == pts[j][0] && pts[i][1] < pts[j][1]
	})
	cross := func(o, a, b [2]float64) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	var hull [][2]float64
	for pass := 0; pass < 2; pass++ {
		start := len(hull)
		for _, p := range pts {
			for len(hull) >= start+2 && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
				hull = hull[:len(hull)-1]
			}
			hull = append(hull, p)
		}
		hull = hull[:len(hull)-1]
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	return hull
}

// extremes returns the hull points farthest along four directions a quarter
// turn apart, starting at angle a.
func extremes(hull [][2]float64, a float64) (q [4][2]float64) {
	for k := 0; k < 4; k++ {
		sin, cos := math.Sincos(a + float64(k)*math.Pi/2)
		best := math.Inf(-1)
		for _, p := range hull {
			if d := p[0]*cos + p[1]*sin; d > best {
				best, q[k] = d, p
			}
		}
	}
	return q
}

// quadArea is the area of a quadrilateral given in order (shoelace formula).
func quadArea(q [4][2]float64) float64 {
	s := 0.0
	for i := range q {
		j := (i + 1) % 4
		s += q[i][0]*q[j][1] - q[j][0]*q[i][1]
	}
	return math.Abs(s) / 2
}

// rectify warps the quadrilateral q (in g's pixels) onto an upright rectangle
// whose sides are the quadrilateral's mean side lengths: the sheet as if
// photographed straight from above.
func rectify(g *image.Gray, q [4][2]float64) *image.Gray {
	dist := func(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
	w := int((dist(q[0], q[1]) + dist(q[2], q[3])) / 2)
	h := int((dist(q[1], q[2]) + dist(q[3], q[0])) / 2)
	if w < 16 || h < 16 {
		return g
	}
	dst := [4][2]float64{{0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {0, float64(h)}}
	toSrc := geom.FromCorners(dst, q)
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sx, sy := toSrc.Apply(float64(x)+0.5, float64(y)+0.5)
			out.Pix[y*out.Stride+x] = sample(g, sx-0.5, sy-0.5)
		}
	}
	return out
}

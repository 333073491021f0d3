package ocr

import (
	"image"
	"math"
)

// inkPoints returns the coordinates of pixels clearly darker than their
// surroundings (strokes of print), found with a local-mean threshold on an
// integral image so that a dark table or a shadow does not count as ink.
func inkPoints(g *image.Gray, limit int) [][2]float64 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	at := func(x, y int) int { return int(g.Pix[g.PixOffset(g.Rect.Min.X+x, g.Rect.Min.Y+y)]) }
	mean := newSummedArea(w, h, at)
	var pts [][2]float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, area := mean.window(x, y, 7)
			if at(x, y)*area*100 < s*80 { // 20 % darker than the local mean
				pts = append(pts, [2]float64{float64(x), float64(y)})
			}
		}
	}
	if len(pts) > limit { // an even subsample keeps the estimate and bounds the time
		step := float64(len(pts)) / float64(limit)
		sub := make([][2]float64, 0, limit)
		for i := 0.0; int(i) < len(pts); i += step {
			sub = append(sub, pts[int(i)])
		}
		pts = sub
	}
	return pts
}

// textAngle estimates the direction of text lines in degrees, in [-90, 90): the
// angle at which projecting the ink onto the perpendicular gives the sharpest
// profile (lines of text make peaks, the gaps between them zeros).
func textAngle(g *image.Gray) float64 {
	small := fitWithin(g, 700)
	pts := inkPoints(small, 30000)
	if len(pts) < 50 {
		return 0
	}
	reach := small.Rect.Dx() + small.Rect.Dy()
	bins := make([]int, reach+2) // bins of 2 px over [-reach, reach]
	best, bestScore := 0.0, -1.0
	for a := -90.0; a < 90; a++ {
		if s := profileScore(pts, a, bins); s > bestScore {
			best, bestScore = a, s
		}
	}
	for a := best - 1; a <= best+1; a += 0.25 {
		if s := profileScore(pts, a, bins); s > bestScore {
			best, bestScore = a, s
		}
	}
	if best >= 90 {
		best -= 180
	}
	return best
}

// profileScore is the sum of squared bin counts of the projection at angle a.
// Points lie in the image, so projections fall within ±(maxX+maxY): a slice
// of bins, reused across angles, instead of a map.
func profileScore(pts [][2]float64, a float64, bins []int) float64 {
	sin, cos := math.Sincos(a * math.Pi / 180)
	clear(bins)
	off := len(bins) / 2
	for _, p := range pts {
		bins[off+int(math.Floor((-p[0]*sin+p[1]*cos)/2))]++
	}
	s := 0.0
	for _, n := range bins {
		s += float64(n * n)
	}
	return s
}

// rotate turns g around its centre so that a line at deg degrees (as textAngle
// measures it) becomes horizontal, on a canvas large enough to hold the whole
// image, filling the corners with white.
func rotate(g *image.Gray, deg float64) *image.Gray {
	if math.Abs(deg) < 0.2 {
		return g
	}
	sin, cos := math.Sincos(deg * math.Pi / 180)
	w, h := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	nw := int(math.Ceil(math.Abs(w*cos) + math.Abs(h*sin)))
	nh := int(math.Ceil(math.Abs(w*sin) + math.Abs(h*cos)))
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	cx, cy, ncx, ncy := w/2, h/2, float64(nw)/2, float64(nh)/2
	for y := 0; y < nh; y++ {
		for x := 0; x < nw; x++ {
			dx, dy := float64(x)+0.5-ncx, float64(y)+0.5-ncy
			sx, sy := cos*dx-sin*dy+cx, sin*dx+cos*dy+cy
			out.Pix[y*out.Stride+x] = sample(g, sx-0.5, sy-0.5)
		}
	}
	return out
}

// sample reads g at a fractional position (bilinear), white outside.
func sample(g *image.Gray, x, y float64) uint8 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < 0 || y0 < 0 || x0+1 >= g.Rect.Dx() || y0+1 >= g.Rect.Dy() {
		return 255
	}
	ax, ay := x-float64(x0), y-float64(y0)
	p := g.Pix[g.PixOffset(g.Rect.Min.X+x0, g.Rect.Min.Y+y0):]
	top := float64(p[0])*(1-ax) + float64(p[1])*ax
	bot := float64(p[g.Stride])*(1-ax) + float64(p[g.Stride+1])*ax
	return uint8(top*(1-ay) + bot*ay + 0.5)
}

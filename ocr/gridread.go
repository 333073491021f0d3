package ocr

import (
	"image"
	"math"
	"sort"

	"github.com/makiuchi-d/gozxing/datamatrix/decoder"

	"github.com/apobot/apobot/ocr/internal/geom"
)

// moduleSharpening are the amounts of deblur tried, in hundredths: blur
// leaks a module's ink into its neighbours, and at three pixels per module a
// light module between dark ones reads grey. (On a hard e-prescription photo,
// 100 cut the errors in the fixed pattern from 53 to 15 of about 1000.)
var moduleSharpening = []int{100, 40, 200}

// minModule is the smallest module, in pixels, the grid reader tries to
// sample.
const minModule = 1.5

// squareSizes are the module counts of square Data Matrix symbols (ECC 200).
var squareSizes = []int{10, 12, 14, 16, 18, 20, 22, 24, 26, 32, 36, 40, 44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132, 144}

// readGrid reads a Data Matrix in crop without gozxing's detector, which
// needs crisp edges to find the symbol's corners: the symbol is taken as the
// largest dark blob with its holes, its outline fitted with four corners, and
// the module count and turn are the ones under which the border best shows
// the solid L and the alternating timing edges. Then every module is sampled
// at its centre and the bits go to gozxing's decoder, whose Reed-Solomon
// correction copes with the modules blur got wrong. It returns the decoded
// text, or false. refine's coarse-to-fine steps also make up for an outline
// that blur made a pixel or two too large or small.
func readGrid(crop *image.Gray) (string, bool) {
	quads := symbolQuad(smooth(crop))
	if quads == nil {
		return "", false
	}
	// Modules are sampled from the unsmoothed crop: at three pixels per
	// module, smoothing blurs each into its neighbours.
	g := crop
	cut := innerCut(g, quads[0])
	for _, q := range quads {
		n, turn, score := gridFit(g, q, cut)
		if score < 0.7 {
			continue
		}
		q, _ = refine(g, q, n, turn, cut)
		for _, a := range moduleSharpening {
			res, err := decoder.NewDecoder().DecodeBoolMap(sampleGrid(g, q, n, turn, a))
			if err == nil {
				return res.GetText(), true
			}
		}
	}
	return "", false
}

// symbolQuad outlines the largest dark blob of g, with the gaps between its
// modules closed, by four corners: fitted to its sides first, then as the
// rough extremes (the fit can be pulled outward by a halo of blur); nil when
// there is no four-sided blob.
func symbolQuad(g *image.Gray) [][4][2]float64 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ink := binarize(g)
	dark := make([]bool, w*h)
	for i := range dark {
		dark[i] = ink.Pix[(i/w)*ink.Stride+i%w] == 0
	}
	r := max(1, min(w, h)/100)
	dark = morph(morph(dark, w, h, r, false), w, h, r, true) // closing
	best, bestN := largestComponent(dark, w, h)
	if best < 0 || bestN*20 < w*h {
		return nil
	}
	mask := sheetMask(dark, w, h, best)
	q, ok := quadOf(mask, w)
	if !ok {
		return nil
	}
	return [][4][2]float64{fitSides(maskPoints(mask, w), q), q}
}

// fitSides sharpens rough corners q of an outline: the outline's points along
// the middle of each side get a least-squares line, and the corners become
// where neighbouring lines cross. The extremes quadOf picks can sit a module
// or two off the true corner; a module grid needs better.
func fitSides(pts [][2]float64, q [4][2]float64) [4][2]float64 {
	var lines [4][3]float64 // a·x + b·y = c
	for i := range q {
		a, b := q[i], q[(i+1)%4]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l2 := dx*dx + dy*dy
		if l2 < 1 {
			return q
		}
		var side [][2]float64
		for _, p := range pts {
			t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
			d := math.Abs((p[0]-a[0])*dy-(p[1]-a[1])*dx) / math.Sqrt(l2)
			if t > 0.15 && t < 0.85 && d*d < l2/100 {
				side = append(side, p)
			}
		}
		if len(side) < 8 {
			return q
		}
		lines[i] = outermost(fitLine(side), side, centre(q))
	}
	out := q
	for i := range q {
		if p, ok := crossing(lines[(i+3)%4], lines[i]); ok {
			out[i] = p
		}
	}
	return out
}

// outermost moves line l, parallel, out to where the outermost tenth of pts
// lie. Along a timing edge the outline dips in at every light module; the
// edge itself is where the dark ones end.
func outermost(l [3]float64, pts [][2]float64, c [2]float64) [3]float64 {
	sign := 1.0
	if l[0]*c[0]+l[1]*c[1] > l[2] {
		sign = -1 // the centre is on the positive side: outward is negative
	}
	d := make([]float64, len(pts))
	for i, p := range pts {
		d[i] = sign * (l[0]*p[0] + l[1]*p[1] - l[2])
	}
	sort.Float64s(d)
	l[2] += sign * d[len(d)*9/10]
	return l
}

// centre is the mean of q's corners.
func centre(q [4][2]float64) [2]float64 {
	var c [2]float64
	for _, p := range q {
		c[0], c[1] = c[0]+p[0]/4, c[1]+p[1]/4
	}
	return c
}

// fitLine returns the line through pts with the least squared distances, as
// (a, b, c) with a·x + b·y = c and (a, b) of unit length.
func fitLine(pts [][2]float64) [3]float64 {
	var mx, my float64
	for _, p := range pts {
		mx, my = mx+p[0], my+p[1]
	}
	mx, my = mx/float64(len(pts)), my/float64(len(pts))
	var sxx, sxy, syy float64
	for _, p := range pts {
		dx, dy := p[0]-mx, p[1]-my
		sxx, sxy, syy = sxx+dx*dx, sxy+dx*dy, syy+dy*dy
	}
	// The line runs along the principal axis; its normal is perpendicular.
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	a, b := -math.Sin(theta), math.Cos(theta)
	return [3]float64{a, b, a*mx + b*my}
}

// crossing is where two lines meet; false when they are nearly parallel.
func crossing(l, m [3]float64) ([2]float64, bool) {
	det := l[0]*m[1] - l[1]*m[0]
	if math.Abs(det) < 1e-6 {
		return [2]float64{}, false
	}
	return [2]float64{(l[2]*m[1] - l[1]*m[2]) / det, (l[0]*m[2] - l[2]*m[0]) / det}, true
}

// innerCut is the grey level that best splits the inside of q into dark and
// light modules (Otsu over a 64×64 sampling of it).
func innerCut(g *image.Gray, q [4][2]float64) uint8 {
	const k = 64
	m := newModuleMap(q, k, 0)
	in := image.NewGray(image.Rect(0, 0, k, k))
	for y := 0; y < k; y++ {
		for x := 0; x < k; x++ {
			px, py := m.h.Apply(float64(x)+0.5, float64(y)+0.5)
			in.Pix[y*k+x] = sample(g, px-0.5, py-0.5)
		}
	}
	return otsu(in)
}

// gridFit returns the module count and quarter turn under which q best
// shows a Data Matrix's fixed pattern (finder and alignment lines), with the
// fraction of fixed modules that match. quadOf and fitSides give the corners
// clockwise on screen, as newModuleMap lays out the square, so a mirrored
// symbol need not be tried.
func gridFit(g *image.Gray, q [4][2]float64, cut uint8) (n, turn int, score float64) {
	side := math.Hypot(q[1][0]-q[0][0], q[1][1]-q[0][1])
	for _, size := range squareSizes {
		if float64(size)*minModule > side {
			break // modules too small to tell apart
		}
		for t := 0; t < 4; t++ {
			if s := patternScore(g, newModuleMap(q, size, t), cut); s > score {
				n, turn, score = size, t, s
			}
		}
	}
	return n, turn, score
}

// patternScore is the fraction of m's fixed modules that read as they must.
func patternScore(g *image.Gray, m moduleMap, cut uint8) float64 {
	ok, all := 0, 0
	for y := 0; y < m.n; y++ {
		for x := 0; x < m.n; x++ {
			if fixed, dark := fixedModule(x, y, m.n); fixed {
				all++
				if m.dark(g, x, y, cut) == dark {
					ok++
				}
			}
		}
	}
	return float64(ok) / float64(all)
}

// fixedModule says whether module (x, y) of an n×n symbol belongs to the
// fixed pattern and, if so, whether it is dark. Each data region is framed
// by a solid line left and below and an alternating line above and right.
func fixedModule(x, y, n int) (fixed, dark bool) {
	b := regionSide(n) + 2
	bx, by := x%b, y%b
	switch {
	case bx == 0 || by == b-1:
		return true, true
	case by == 0:
		return true, bx%2 == 0
	case bx == b-1:
		return true, by%2 == 1
	}
	return false, false
}

// regionSide is the side of a data region of a square symbol of n modules.
func regionSide(n int) int {
	switch {
	case n <= 26:
		return n - 2
	case n <= 52:
		return n/2 - 2
	case n <= 104:
		return n/4 - 2
	}
	return n/6 - 2
}

// refine moves q's corners a little at a time while the fixed pattern fits
// better: the fitted outline is off by up to the blur's width.
func refine(g *image.Gray, q [4][2]float64, n, turn int, cut uint8) ([4][2]float64, float64) {
	best := patternScore(g, newModuleMap(q, n, turn), cut)
	for step := 4.0; step >= 0.25; step /= 2 {
		for improved := true; improved; {
			improved = false
			for i := 0; i < 8; i++ {
				for _, d := range []float64{-step, step} {
					c := q
					c[i/2][i%2] += d
					if s := patternScore(g, newModuleMap(c, n, turn), cut); s > best {
						q, best, improved = c, s, true
					}
				}
			}
		}
	}
	return q, best
}

// sampleGrid reads every module, rows of columns, true for dark: a module is
// dark when darker than the mean of the modules around it, which follows
// shading across the symbol, after deblur by sharpen hundredths.
func sampleGrid(g *image.Gray, q [4][2]float64, n, turn, sharpen int) [][]bool {
	m := newModuleMap(q, n, turn)
	v := make([]int, n*n)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			v[y*n+x] = m.level(g, x, y)
		}
	}
	v = deblur(v, n, sharpen)
	mean := newSummedArea(n, n, func(x, y int) int { return v[y*n+x] })
	bits := make([][]bool, n)
	for y := range bits {
		bits[y] = make([]bool, n)
		for x := range bits[y] {
			s, c := mean.window(x, y, 3)
			bits[y][x] = v[y*n+x]*c < s
		}
	}
	return bits
}

// moduleMap maps module coordinates of an n×n symbol, turned by a quarter
// turns, to pixels of the image inside the quadrilateral.
type moduleMap struct {
	h geom.Homography
	n int
}

func newModuleMap(q [4][2]float64, n, turn int) moduleMap {
	f := float64(n)
	sq := [4][2]float64{{0, 0}, {f, 0}, {f, f}, {0, f}}
	var rot [4][2]float64
	for i := range sq {
		rot[i] = sq[(i+turn)%4]
	}
	return moduleMap{h: geom.FromCorners(rot, q), n: n}
}

// dark compares module (x, y)'s level with cut.
func (m moduleMap) dark(g *image.Gray, x, y int, cut uint8) bool {
	return m.level(g, x, y) < int(cut)
}

// level is the mean grey of module (x, y) at five points: its centre and four
// around it a quarter module away, which averages out sensor noise.
func (m moduleMap) level(g *image.Gray, x, y int) int {
	s := 0
	for _, d := range [5][2]float64{{0.5, 0.5}, {0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
		px, py := m.h.Apply(float64(x)+d[0], float64(y)+d[1])
		s += int(sample(g, px-0.5, py-0.5))
	}
	return s / 5
}

// deblur undoes a little of the blur between neighbouring modules: each level
// moves away from the mean of its four neighbours by a/100 of the difference.
func deblur(v []int, n, a int) []int {
	out := make([]int, len(v))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			s, c := 0, 0
			for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
				if xx, yy := x+d[0], y+d[1]; xx >= 0 && yy >= 0 && xx < n && yy < n {
					s, c = s+v[yy*n+xx], c+1
				}
			}
			out[y*n+x] = v[y*n+x] + a*(v[y*n+x]*c-s)/(100*c)
		}
	}
	return out
}

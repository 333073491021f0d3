package ocr

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing/datamatrix/decoder"

	"github.com/apobot/apobot/ocr/internal/geom"
)

// moduleSharpening are the amounts of deblur tried, in hundredths: blur
// leaks a module's ink into its neighbours, and at three pixels per module a
// light module between dark ones reads grey. (On a hard e-prescription photo,
// 100 cut the errors in the fixed pattern from 53 to 15 of about 1000.)
var moduleSharpening = []int{100, 40, 200}

// squareSizes are the module counts of square Data Matrix symbols (ECC 200).
var squareSizes = []int{10, 12, 14, 16, 18, 20, 22, 24, 26, 32, 36, 40, 44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132, 144}

// readGrid reads a Data Matrix in crop without gozxing's detector, which
// needs crisp edges to find the symbol's corners: the symbol is taken as the
// largest dark blob with its holes, its outline fitted with four corners, and
// the module count and turn are the ones under which the border best shows
// the solid L and the alternating timing edges. Then every module is sampled
// at its centre and the bits go to gozxing's decoder, whose Reed-Solomon
// correction copes with the modules blur got wrong. It returns the decoded
// text, or false.
func readGrid(crop *image.Gray) (string, bool) {
	q, ok := symbolQuad(smooth(crop))
	if !ok {
		return "", false
	}
	// Modules are sampled from the unsmoothed crop: at three pixels per
	// module, smoothing blurs each into its neighbours.
	g := crop
	cut := innerCut(g, q)
	for _, q := range jitter(q) {
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

// symbolQuad finds the four outer corners of the largest dark blob of g, with
// the gaps between its modules closed.
func symbolQuad(g *image.Gray) (q [4][2]float64, ok bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ink := binarize(g)
	dark := make([]bool, w*h)
	for i := range dark {
		dark[i] = ink.Pix[(i/w)*ink.Stride+i%w] == 0
	}
	r := max(1, min(w, h)/100)
	dark = morph(morph(dark, w, h, r, false), w, h, r, true) // closing
	seen := make([]bool, w*h)
	best, bestN := -1, 0
	for i := range dark {
		if dark[i] && !seen[i] {
			if _, n := component(dark, seen, w, h, i); n > bestN {
				best, bestN = i, n
			}
		}
	}
	if best < 0 || bestN*20 < w*h {
		return q, false
	}
	return quadOf(sheetMask(dark, w, h, best), w)
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

// jitter returns q and variants of it grown and shrunk by a pixel: the fitted
// outline can be off by the blur's width.
func jitter(q [4][2]float64) [][4][2]float64 {
	var cx, cy float64
	for _, p := range q {
		cx, cy = cx+p[0]/4, cy+p[1]/4
	}
	out := [][4][2]float64{q}
	for _, d := range []float64{-1, 1, -2} {
		var v [4][2]float64
		for i, p := range q {
			dx, dy := p[0]-cx, p[1]-cy
			l := max(1, math.Hypot(dx, dy))
			v[i] = [2]float64{p[0] + dx/l*d, p[1] + dy/l*d}
		}
		out = append(out, v)
	}
	return out
}

// gridFit returns the module count and quarter turn under which q best
// shows a Data Matrix's fixed pattern (finder and alignment lines), with the
// fraction of fixed modules that match.
func gridFit(g *image.Gray, q [4][2]float64, cut uint8) (n, turn int, score float64) {
	for _, size := range squareSizes {
		for t := 0; t < 8; t++ {
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
	for step := 1.0; step >= 0.25; step /= 2 {
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
// turns (4-7: mirrored), to pixels of the image inside the quadrilateral.
type moduleMap struct {
	h geom.Homography
	n int
}

func newModuleMap(q [4][2]float64, n, turn int) moduleMap {
	f := float64(n)
	sq := [4][2]float64{{0, 0}, {f, 0}, {f, f}, {0, f}}
	var rot [4][2]float64
	for i := range sq {
		if turn < 4 {
			rot[i] = sq[(i+turn)%4]
		} else { // mirrored: the outline was traced the other way round
			rot[i] = sq[(turn-i)%4]
		}
	}
	return moduleMap{h: geom.FromCorners(rot, q), n: n}
}

// dark samples the centre of module (x, y) and compares it with cut.
func (m moduleMap) dark(g *image.Gray, x, y int, cut uint8) bool {
	px, py := m.h.Apply(float64(x)+0.5, float64(y)+0.5)
	return sample(g, px-0.5, py-0.5) < cut
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

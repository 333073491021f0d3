package ocr

// summedArea is a summed-area table: the sum of any rectangle of a w×h grid of
// values in constant time, for local means and densities.
type summedArea struct {
	w, h int
	s    []int // (w+1)×(h+1), row 0 and column 0 are zero
}

func newSummedArea(w, h int, at func(x, y int) int) *summedArea {
	a := &summedArea{w: w, h: h, s: make([]int, (w+1)*(h+1))}
	for y := 0; y < h; y++ {
		row := 0
		for x := 0; x < w; x++ {
			row += at(x, y)
			a.s[(y+1)*(w+1)+x+1] = a.s[y*(w+1)+x+1] + row
		}
	}
	return a
}

// window returns the sum over the (2r+1)×(2r+1) window around (x, y), clipped
// to the grid, and how many cells it covers.
func (a *summedArea) window(x, y, r int) (sum, n int) {
	x0, x1 := max(0, x-r), min(a.w, x+r+1)
	y0, y1 := max(0, y-r), min(a.h, y+r+1)
	w := a.w + 1
	return a.s[y1*w+x1] - a.s[y0*w+x1] - a.s[y1*w+x0] + a.s[y0*w+x0], (y1 - y0) * (x1 - x0)
}

// boolValue counts a set cell as 1.
func boolValue(mask []bool, w int) func(x, y int) int {
	return func(x, y int) int {
		if mask[y*w+x] {
			return 1
		}
		return 0
	}
}

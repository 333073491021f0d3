package ocr

import (
	"image"
	"sort"
)

// candidateSide is the longest side of the thumbnail the candidate search runs on.
const candidateSide = 640

// candidates finds regions that look like barcodes: blobs of dense, fine
// black-and-white texture (Data Matrix, Code 39, QR), found on a thumbnail as
// connected areas where many pixels sit on sharp edges. Text blocks are found
// too; decoding them fails in milliseconds. Square ones first, then largest
// first, in g's coordinates, each with a margin of a third of its size.
func candidates(g *image.Gray) []candidate {
	k := max(1, (max(g.Rect.Dx(), g.Rect.Dy())+candidateSide-1)/candidateSide)
	small := downscale(g, k)
	w, h := small.Rect.Dx(), small.Rect.Dy()
	dense := open(denseMask(small), w, h, 5)
	var out []candidate
	seen := make([]bool, w*h)
	for i := range dense {
		if !dense[i] || seen[i] {
			continue
		}
		box, n := component(dense, seen, w, h, i)
		if box.Dx() < 6 || box.Dy() < 6 || n*2 < box.Dx()*box.Dy() {
			continue // specks, and sprawling shapes such as lines of text joined by a frame
		}
		m := max(box.Dx(), box.Dy()) / 3
		r := image.Rect(box.Min.X*k, box.Min.Y*k, box.Max.X*k, box.Max.Y*k).Inset(-m * k)
		square := box.Dx()*3 <= box.Dy()*4 && box.Dy()*3 <= box.Dx()*4
		out = append(out, candidate{r.Add(g.Rect.Min).Intersect(g.Rect), square})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].square != out[j].square {
			return out[i].square
		}
		return area(out[i].r) > area(out[j].r)
	})
	return out
}

// candidate is a region that may hold a barcode; square ones may be a Data Matrix.
type candidate struct {
	r      image.Rectangle
	square bool
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }

// denseMask marks thumbnail pixels in whose 9×9 neighbourhood at least a
// quarter of the pixels sit on a sharp edge: bars and modules are all edges,
// paper, print-free pack areas and tables have few.
func denseMask(small *image.Gray) []bool {
	small = stretch(small)
	w, h := small.Rect.Dx(), small.Rect.Dy()
	edges := newSummedArea(w, h, func(x, y int) int {
		if isEdge(small, x, y) {
			return 1
		}
		return 0
	})
	dense := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n, area := edges.window(x, y, 4)
			dense[y*w+x] = n*4 >= area
		}
	}
	return dense
}

// open removes from mask what is thinner than 2r+1 pixels (the outline of a
// sheet against the table, which would join every code on it into one blob)
// and keeps the rest at its size: an erosion followed by a dilation.
func open(mask []bool, w, h, r int) []bool {
	return morph(morph(mask, w, h, r, true), w, h, r, false)
}

// morph erodes (every pixel of the window set) or dilates (any set) a mask.
func morph(mask []bool, w, h, r int, erode bool) []bool {
	sum := newSummedArea(w, h, boolValue(mask, w))
	out := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n, area := sum.window(x, y, r)
			out[y*w+x] = erode && n == area || !erode && n > 0
		}
	}
	return out
}

// isEdge reports a grey-level step of at least 40 across (x, y).
func isEdge(g *image.Gray, x, y int) bool {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if x == 0 || y == 0 || x == w-1 || y == h-1 {
		return false
	}
	at := func(x, y int) int { return int(g.Pix[y*g.Stride+x]) }
	dx, dy := at(x+1, y)-at(x-1, y), at(x, y+1)-at(x, y-1)
	return dx >= 40 || dx <= -40 || dy >= 40 || dy <= -40
}

// component floods the 4-connected area of start and returns its box and size.
func component(mask, seen []bool, w, h, start int) (image.Rectangle, int) {
	stack := []int{start}
	seen[start] = true
	box := image.Rect(start%w, start/w, start%w+1, start/w+1)
	n := 0
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n++
		x, y := i%w, i/w
		box = box.Union(image.Rect(x, y, x+1, y+1))
		for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
			if j < 0 || j >= w*h || seen[j] || !mask[j] || (j == i-1 && x == 0) || (j == i+1 && x == w-1) {
				continue
			}
			seen[j] = true
			stack = append(stack, j)
		}
	}
	return box, n
}

// largestComponent returns a pixel of the largest 4-connected area of mask
// and its size; -1 when the mask is empty.
func largestComponent(mask []bool, w, h int) (start, size int) {
	seen := make([]bool, w*h)
	start = -1
	for i := range mask {
		if mask[i] && !seen[i] {
			if _, n := component(mask, seen, w, h, i); n > size {
				start, size = i, n
			}
		}
	}
	return start, size
}

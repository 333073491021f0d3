package ocr

import "image"

// paperSide is the longest side of the thumbnail the paper is found on.
const paperSide = 320

// isolatePaper finds the sheet or pack in a photo (the largest bright area,
// with the print inside it). When its outline has four corners it returns the
// sheet warped flat and upright (perspective removed); otherwise its bounding
// crop with everything around the sheet painted white. A wooden table reads as
// rows of garbage text and costs tesseract most of its time. The second result
// reports whether the sheet was found with four corners and flattened.
func isolatePaper(g *image.Gray) (img *image.Gray, flat bool) {
	k := max(1, (max(g.Rect.Dx(), g.Rect.Dy())+paperSide-1)/paperSide)
	small := downscale(g, k)
	w, h := small.Rect.Dx(), small.Rect.Dy()
	bright := make([]bool, w*h)
	cut := otsu(small)
	for i := range bright {
		bright[i] = small.Pix[(i/w)*small.Stride+i%w] > cut
	}
	best, bestN := largestComponent(bright, w, h)
	if best < 0 || bestN*10 < w*h { // no sheet worth the name: keep the photo
		return g, false
	}
	inside := sheetMask(bright, w, h, best)
	if q, ok := quadOf(inside, w); ok {
		for i := range q {
			q[i][0], q[i][1] = q[i][0]*float64(k), q[i][1]*float64(k)
		}
		return rectify(g, q), true
	}
	return paint(g, inside, w, k), false
}

// sheetMask marks the sheet: its bright component and every hole in it (the
// print), i.e. all that is not reachable from the border without crossing it.
func sheetMask(bright []bool, w, h, start int) []bool {
	sheet := make([]bool, w*h)
	component(bright, sheet, w, h, start) // marks the component in sheet
	outside := make([]bool, w*h)
	open := make([]bool, w*h)
	for i := range open {
		open[i] = !sheet[i]
	}
	for i := range open {
		x, y := i%w, i/w
		if open[i] && !outside[i] && (x == 0 || y == 0 || x == w-1 || y == h-1) {
			component(open, outside, w, h, i)
		}
	}
	inside := make([]bool, w*h)
	for i := range inside {
		inside[i] = !outside[i]
	}
	return inside
}

// paint crops g to the marked area (thumbnail scale k) and whitens the rest.
func paint(g *image.Gray, inside []bool, w, k int) *image.Gray {
	box := image.Rectangle{}
	for i, in := range inside {
		if in {
			box = box.Union(image.Rect(i%w, i/w, i%w+1, i/w+1))
		}
	}
	box = image.Rect(box.Min.X*k, box.Min.Y*k, box.Max.X*k, box.Max.Y*k).Intersect(image.Rect(0, 0, g.Rect.Dx(), g.Rect.Dy()))
	out := image.NewGray(image.Rect(0, 0, box.Dx(), box.Dy()))
	for y := 0; y < box.Dy(); y++ {
		src := g.Pix[g.PixOffset(g.Rect.Min.X+box.Min.X, g.Rect.Min.Y+box.Min.Y+y):]
		for x := 0; x < box.Dx(); x++ {
			tx, ty := min((box.Min.X+x)/k, w-1), min((box.Min.Y+y)/k, len(inside)/w-1)
			if inside[ty*w+tx] {
				out.Pix[y*out.Stride+x] = src[x]
			} else {
				out.Pix[y*out.Stride+x] = 255
			}
		}
	}
	return out
}

// otsu returns the grey level that best splits g into dark and bright.
func otsu(g *image.Gray) uint8 {
	var hist [256]int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for _, v := range g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):][:w] {
			hist[v]++
		}
	}
	total, sumAll := w*h, 0
	for v, c := range hist {
		sumAll += v * c
	}
	best, bestVar, wB, sumB := 0, -1.0, 0, 0
	for t := 0; t < 256; t++ {
		wB += hist[t]
		if wB == 0 || wB == total {
			continue
		}
		sumB += t * hist[t]
		mB, mF := float64(sumB)/float64(wB), float64(sumAll-sumB)/float64(total-wB)
		if v := float64(wB) * float64(total-wB) * (mB - mF) * (mB - mF); v > bestVar {
			best, bestVar = t, v
		}
	}
	return uint8(best)
}

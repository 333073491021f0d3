package ocr

import "image"

// stretch spreads g's grey levels so that the darkest 1 % become black and the
// brightest 2 % white: a photo in a dim kitchen reads like one in daylight.
func stretch(g *image.Gray) *image.Gray {
	var hist [256]int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for _, v := range g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):][:w] {
			hist[v]++
		}
	}
	lo, hi := percentile(&hist, w*h, 0.01), percentile(&hist, w*h, 0.98)
	if hi-lo < 16 {
		return g // nearly uniform: nothing to read, nothing to stretch
	}
	var lut [256]uint8
	for v := range lut {
		lut[v] = clamp8(int32((v - lo) * 255 / (hi - lo)))
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		src := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):][:w]
		dst := out.Pix[y*out.Stride:][:w]
		for x, v := range src {
			dst[x] = lut[v]
		}
	}
	return out
}

// percentile returns the grey level below which fraction p of n pixels lie.
func percentile(hist *[256]int, n int, p float64) int {
	target, sum := int(float64(n)*p), 0
	for v, c := range hist {
		if sum += c; sum > target {
			return v
		}
	}
	return 255
}

// isPinkForm reports whether a photo shows the pink paper of a Muster 16
// prescription: the brightest fifth of the photo (the paper) is clearly redder
// than grey. White paper, packs and tables fail one of the two tests.
func isPinkForm(p *Photo) bool {
	var hist [256]int
	n := 0
	each(p, func(g, _ uint8) { hist[g]++; n++ })
	cut := uint8(percentile(&hist, n, 0.8))
	bright, pink := 0, 0
	each(p, func(g, r uint8) {
		if g < cut || r == 0 {
			return
		}
		bright++
		if d := int(r) - int(g); d*100 >= int(r)*6 && d*100 <= int(r)*25 {
			pink++
		}
	})
	return bright > 0 && pink*100 >= bright*50
}

// each visits every fourth pixel in each direction with its grey and red
// values (orientation does not matter here, only the pairs).
func each(p *Photo, f func(g, r uint8)) {
	if p.ycc != nil {
		b := p.ycc.Rect
		for y := b.Min.Y; y < b.Max.Y; y += 4 {
			for x := b.Min.X; x < b.Max.X; x += 4 {
				f(p.ycc.Y[p.ycc.YOffset(x, y)], redAt(p.ycc, x, y))
			}
		}
		return
	}
	red := p.Red()
	w, h := p.Gray.Rect.Dx(), p.Gray.Rect.Dy()
	for y := 0; y < h; y += 4 {
		for x := 0; x < w; x += 4 {
			f(p.Gray.Pix[y*p.Gray.Stride+x], red.Pix[y*red.Stride+x])
		}
	}
}

// binarize turns g black and white with a local threshold: a pixel is ink
// when it is 15 % darker than the mean of its 31×31 neighbourhood.
func binarize(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	at := func(x, y int) int { return int(g.Pix[g.PixOffset(g.Rect.Min.X+x, g.Rect.Min.Y+y)]) }
	mean := newSummedArea(w, h, at)
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, n := mean.window(x, y, 15)
			if at(x, y)*n*100 >= s*85 {
				out.Pix[y*out.Stride+x] = 255
			}
		}
	}
	return out
}

// whiten evens out the paper: each pixel is compared with the mean of its
// neighbourhood (the paper's local brightness); what is within a few percent
// of it or lighter becomes white, darker pixels keep a grey level that grows
// with how much darker they are. Sensor noise on a dim sheet, which tesseract
// takes for specks of text, disappears while strokes keep their soft edges.
func whiten(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	at := func(x, y int) int { return int(g.Pix[g.PixOffset(g.Rect.Min.X+x, g.Rect.Min.Y+y)]) }
	mean := newSummedArea(w, h, at)
	out := image.NewGray(image.Rect(0, 0, w, h))
	r := max(8, min(w, h)/40)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, n := mean.window(x, y, r)
			// v/bg as a fraction: 1 at the paper's level, 0 at black.
			f := float64(at(x, y)*n) / float64(max(s, 1))
			out.Pix[y*out.Stride+x] = clamp8(int32((f - whitenLow) / (whitenHigh - whitenLow) * 255))
		}
	}
	return out
}

// whitenLow and whitenHigh are the fractions of the local paper brightness
// that become black and white.
const whitenLow, whitenHigh = 0.45, 0.95

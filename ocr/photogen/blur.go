package photogen

import (
	"image"
	"math"
)

// blur returns img blurred with a Gaussian of standard deviation sigma
// (pixels), applied as two one-dimensional passes; pixels past the border
// repeat the edge. The kernel reaches 3 sigma, where the curve is below 1 %.
func blur(img *image.RGBA, sigma float64) *image.RGBA {
	k := gaussKernel(sigma)
	return convolve(convolve(img, k, 1, 0), k, 0, 1)
}

// gaussKernel returns the normalised weights for offsets -r..r.
func gaussKernel(sigma float64) []float64 {
	r := int(math.Ceil(sigma * 3))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	return k
}

// convolve applies kernel k along the direction (dx, dy).
func convolve(src *image.RGBA, k []float64, dx, dy int) *image.RGBA {
	b := src.Rect
	w, h, r := b.Dx(), b.Dy(), len(k)/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var acc [4]float64
			for i, wt := range k {
				sx := min(max(x+(i-r)*dx, 0), w-1)
				sy := min(max(y+(i-r)*dy, 0), h-1)
				p := src.Pix[src.PixOffset(b.Min.X+sx, b.Min.Y+sy):]
				for c := range acc {
					acc[c] += wt * float64(p[c])
				}
			}
			o := out.Pix[out.PixOffset(x, y):]
			for c := range acc {
				o[c] = uint8(min(max(math.Round(acc[c]), 0), 255))
			}
		}
	}
	return out
}

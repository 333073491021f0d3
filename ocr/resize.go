package ocr

import "image"

// upscale enlarges g by factor k with bilinear interpolation. Small codes and
// small print decode better with more pixels per module or stroke.
func upscale(g *image.Gray, k float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, int(float64(w)*k), int(float64(h)*k)))
	const one = 1 << 8
	for y := 0; y < out.Rect.Dy(); y++ {
		fy := max(0, (float64(y)+0.5)/k-0.5)
		y0 := min(int(fy), h-1)
		y1, ay := min(y0+1, h-1), int((fy-float64(y0))*one)
		r0 := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y0):]
		r1 := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y1):]
		dst := out.Pix[y*out.Stride:]
		for x := 0; x < out.Rect.Dx(); x++ {
			fx := max(0, (float64(x)+0.5)/k-0.5)
			x0 := min(int(fx), w-1)
			x1, ax := min(x0+1, w-1), int((fx-float64(x0))*one)
			top := int(r0[x0])*(one-ax) + int(r0[x1])*ax
			bot := int(r1[x0])*(one-ax) + int(r1[x1])*ax
			dst[x] = uint8((top*(one-ay) + bot*ay + one*one/2) / (one * one))
		}
	}
	return out
}

// downscale shrinks g by the integer factor k, averaging k×k blocks.
func downscale(g *image.Gray, k int) *image.Gray {
	if k <= 1 {
		return g
	}
	w, h := g.Rect.Dx()/k, g.Rect.Dy()/k
	out := image.NewGray(image.Rect(0, 0, w, h))
	sums := make([]int, w)
	for y := 0; y < h; y++ {
		clear(sums)
		for dy := 0; dy < k; dy++ {
			row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y*k+dy):]
			for x := 0; x < w*k; x++ {
				sums[x/k] += int(row[x])
			}
		}
		for x := range sums {
			out.Pix[y*out.Stride+x] = uint8(sums[x] / (k * k))
		}
	}
	return out
}

// fitWithin shrinks g by the smallest integer factor that brings its longer
// side to at most limit pixels.
func fitWithin(g *image.Gray, limit int) *image.Gray {
	side := max(g.Rect.Dx(), g.Rect.Dy())
	return downscale(g, (side+limit-1)/limit)
}

// smooth averages each pixel with its 3×3 neighbourhood, taking the edge off
// sensor noise and JPEG blocks before binarization.
func smooth(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	rows := make([][]uint8, h)
	for y := range rows {
		rows[y] = g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):][:w]
	}
	for y := 0; y < h; y++ {
		y0, y1 := max(0, y-1), min(h-1, y+1)
		for x := 0; x < w; x++ {
			x0, x1 := max(0, x-1), min(w-1, x+1)
			s := 0
			for yy := y0; yy <= y1; yy++ {
				for xx := x0; xx <= x1; xx++ {
					s += int(rows[yy][xx])
				}
			}
			out.Pix[y*out.Stride+x] = uint8(s / ((y1 - y0 + 1) * (x1 - x0 + 1)))
		}
	}
	return out
}

// sharpen is an unsharp mask: it adds back 1.5 times the detail a double
// smoothing takes away, which puts edges back into a blurred code.
func sharpen(g *image.Gray) *image.Gray {
	b := smooth(smooth(g))
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		src := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):][:w]
		blur := b.Pix[y*b.Stride:][:w]
		for x, v := range src {
			out.Pix[y*out.Stride+x] = clamp8(int32(v) + (3*(int32(v)-int32(blur[x])))/2)
		}
	}
	return out
}

package ocr

import (
	"image"
	"image/color"
)

// channels returns the luminance and the red channel of img as gray images,
// for the formats that do not decode to YCbCr (see lumaOf and redOf). The
// common RGBA types take fast paths.
func channels(img image.Image) (gray, red *image.Gray) {
	b := img.Bounds()
	gray = image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	red = image.NewGray(gray.Rect)
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(gray.Pix[y*gray.Stride:y*gray.Stride+b.Dx()], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		copy(red.Pix, gray.Pix)
	case *image.NRGBA:
		from4(m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y), false, gray, red)
	case *image.RGBA:
		from4(m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y), true, gray, red)
	default:
		fromAny(img, gray, red)
	}
	return gray, red
}

// lumaOf returns JPEG's luminance plane as a gray image without copying it.
func lumaOf(m *image.YCbCr) *image.Gray {
	return &image.Gray{Pix: m.Y, Stride: m.YStride, Rect: m.Rect}
}

// redOf computes the red channel of a YCbCr image.
func redOf(m *image.YCbCr) *image.Gray {
	red := image.NewGray(image.Rect(0, 0, m.Rect.Dx(), m.Rect.Dy()))
	for y := 0; y < m.Rect.Dy(); y++ {
		row := red.Pix[y*red.Stride:]
		for x := 0; x < m.Rect.Dx(); x++ {
			row[x] = redAt(m, m.Rect.Min.X+x, m.Rect.Min.Y+y)
		}
	}
	return red
}

// redAt is the red value of one YCbCr pixel: R = Y + 1.402 (Cr - 128).
func redAt(m *image.YCbCr, x, y int) uint8 {
	return clamp8(int32(m.Y[m.YOffset(x, y)]) + (91881*(int32(m.Cr[m.COffset(x, y)])-128)+1<<15)>>16)
}

// from4 reads 8-bit RGBA pixels, straight or premultiplied, over white paper.
func from4(pix []uint8, stride, start int, premultiplied bool, gray, red *image.Gray) {
	w, h := gray.Rect.Dx(), gray.Rect.Dy()
	for y := 0; y < h; y++ {
		src := pix[start+y*stride : start+y*stride+4*w]
		dst := y * gray.Stride
		for x := 0; x < w; x++ {
			r, g, b, a := src[4*x], src[4*x+1], src[4*x+2], src[4*x+3]
			if premultiplied {
				r, g, b = r+(255-a), g+(255-a), b+(255-a)
			} else if a != 255 {
				r, g, b = blendWhite(r, a), blendWhite(g, a), blendWhite(b, a)
			}
			gray.Pix[dst+x] = luma(r, g, b)
			red.Pix[dst+x] = r
		}
	}
}

func luma(r, g, b uint8) uint8 {
	return uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 16)
}

func fromAny(img image.Image, gray, red *image.Gray) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := (y - b.Min.Y) * gray.Stride
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			// Transparent pixels count as white paper.
			r, g, bl := blendWhite(c.R, c.A), blendWhite(c.G, c.A), blendWhite(c.B, c.A)
			gray.Pix[row+x-b.Min.X] = luma(r, g, bl)
			red.Pix[row+x-b.Min.X] = r
		}
	}
}

func blendWhite(v, a uint8) uint8 {
	return uint8((uint32(v)*uint32(a) + 255*(255-uint32(a)) + 127) / 255)
}

func clamp8(v int32) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}

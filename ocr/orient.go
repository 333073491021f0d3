package ocr

import "image"

// orient turns g upright according to EXIF orientation o (1..8).
func orient(g *image.Gray, o int) *image.Gray {
	switch o {
	case 2:
		return transform(g, false, func(x, y, w, h int) (int, int) { return w - 1 - x, y })
	case 3:
		return rotate180(g)
	case 4:
		return transform(g, false, func(x, y, w, h int) (int, int) { return x, h - 1 - y })
	case 5:
		return transform(g, true, func(x, y, w, h int) (int, int) { return y, x })
	case 6:
		return rotate90(g)
	case 7:
		return transform(g, true, func(x, y, w, h int) (int, int) { return h - 1 - y, w - 1 - x })
	case 8:
		return rotate270(g)
	}
	return g
}

// rotate90 turns g a quarter clockwise.
func rotate90(g *image.Gray) *image.Gray {
	return transform(g, true, func(x, y, w, h int) (int, int) { return h - 1 - y, x })
}

// rotate180 turns g upside down.
func rotate180(g *image.Gray) *image.Gray {
	return transform(g, false, func(x, y, w, h int) (int, int) { return w - 1 - x, h - 1 - y })
}

// rotate270 turns g a quarter counter-clockwise.
func rotate270(g *image.Gray) *image.Gray {
	return transform(g, true, func(x, y, w, h int) (int, int) { return y, w - 1 - x })
}

// transform maps every source pixel (x, y) of a w×h image to its destination;
// swap says the destination is h×w.
func transform(g *image.Gray, swap bool, to func(x, y, w, h int) (int, int)) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	dw, dh := w, h
	if swap {
		dw, dh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		for x := 0; x < w; x++ {
			dx, dy := to(x, y, w, h)
			out.Pix[dy*out.Stride+dx] = row[x]
		}
	}
	return out
}

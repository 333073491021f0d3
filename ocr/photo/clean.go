package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
)

// jpegQuality keeps a re-encoded photo close to what was sent: barcodes and
// small print read as well from it as from the original.
const jpegQuality = 95

// Clean returns the copy of an image file that apobot stores: decoded (so a
// file that is no image is refused, not kept), turned upright by its EXIF
// orientation and encoded anew, a JPEG as JPEG and anything else as PNG,
// with no metadata at all.
func Clean(data []byte) ([]byte, error) {
	img, format, err := Decode(data)
	if err != nil {
		return nil, err
	}
	up := Upright(img, Orientation(format, data))
	var buf bytes.Buffer
	if format == "jpeg" {
		err = jpeg.Encode(&buf, up, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = png.Encode(&buf, up)
	}
	if err != nil {
		return nil, fmt.Errorf("photo: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// Upright turns img by EXIF orientation o (1..8); 1 returns img itself.
func Upright(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Rect, img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 { // 5..8 swap the sides
		dw, dh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := destination(o, x, y, w, h)
			copy(out.Pix[out.PixOffset(dx, dy):][:4], src.Pix[src.PixOffset(x, y):][:4])
		}
	}
	return out
}

// destination maps pixel (x, y) of a w×h image stored with EXIF
// orientation o to its upright place.
func destination(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // mirrored
		return w - 1 - x, y
	case 3: // upside down
		return w - 1 - x, h - 1 - y
	case 4: // mirrored upside down
		return x, h - 1 - y
	case 5: // mirrored along the main diagonal
		return y, x
	case 6: // a quarter clockwise
		return h - 1 - y, x
	case 7: // mirrored along the other diagonal
		return h - 1 - y, w - 1 - x
	default: // 8: a quarter counter-clockwise
		return y, w - 1 - x
	}
}

package ocr

import (
	"context"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/datamatrix"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/apobot/apobot/pzn"
)

// Symbol is one decoded barcode.
type Symbol struct {
	Format pzn.Symbology
	Text   string
}

// symbology maps gozxing's formats to the names pzn uses.
var symbology = map[gozxing.BarcodeFormat]pzn.Symbology{
	gozxing.BarcodeFormat_CODE_39:     pzn.Code39,
	gozxing.BarcodeFormat_DATA_MATRIX: pzn.DataMatrix,
	gozxing.BarcodeFormat_EAN_13:      pzn.EAN13,
	gozxing.BarcodeFormat_QR_CODE:     pzn.QRCode,
}

// readerSet names which readers to try, in order. gozxing readers keep state
// and are not safe to share, so each call makes its own.
type readerSet int

const (
	allReaders  readerSet = iota // whole images and tiles
	squareFirst                  // a square region: Data Matrix and QR first
	barsFirst                    // an elongated region: Code 39 and EAN-13 first
)

func readers(set readerSet) []gozxing.Reader {
	dm, qr := datamatrix.NewDataMatrixReader(), qrcode.NewQRCodeReader()
	c39, ean := oned.NewCode39Reader(), oned.NewEAN13Reader() // Code 39 without mod-43 check: PZN codes carry none
	switch set {
	case squareFirst:
		return []gozxing.Reader{dm, qr, c39}
	case barsFirst:
		return []gozxing.Reader{c39, ean, dm}
	}
	return []gozxing.Reader{dm, c39, ean, qr}
}

var tryHarder = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}

// binarizers turn luminance into black and white two ways: the hybrid one adapts
// to local light (shadows), the global one copes with low contrast and blur.
var binarizers = []func(gozxing.LuminanceSource) gozxing.Binarizer{
	gozxing.NewHybridBinarizer,
	gozxing.NewGlobalHistgramBinarizer,
}

// decodeRegion tries the readers with the hybrid binarizer and, when that
// finds nothing, with the global one; it adds what it finds to set.
func decodeRegion(g *image.Gray, set *symbolSet, which readerSet) {
	src := newLuminance(g)
	n := len(set.list)
	for _, newBin := range binarizers {
		bmp, err := gozxing.NewBinaryBitmap(newBin(src))
		if err != nil {
			continue
		}
		for _, r := range readers(which) {
			res, err := r.Decode(bmp, tryHarder)
			if err != nil {
				continue
			}
			if f, ok := symbology[res.GetBarcodeFormat()]; ok {
				set.add(Symbol{f, res.GetText()})
			}
		}
		if len(set.list) > n {
			return
		}
	}
}

// quickLooks is how many of tryCandidate's looks are the quick ones.
const quickLooks = 2

// extraThorough is how many further squares get every look after a first
// e-prescription code that needed them.
const extraThorough = 3

// smallSquare is the longest side under which a square region is also tried
// at three times its size.
const smallSquare = 400

// upscaleBelow is the longest side under which a region is also tried at twice
// its size: small photos and tiles of small codes decode better enlarged.
const upscaleBelow = 1000

// readBarcodes searches g for barcodes in passes, each only as long as done
// does not have what it wants: the regions that look like barcodes (after an
// e-prescription code, only square ones); the same on the sheet flattened; then
// the whole image and overlapping tiles, unless an e-prescription code was
// found already. gozxing's Data Matrix detector starts from the centre of
// what it is given, so a symbol off centre is found only in a crop around it.
func readBarcodes(ctx context.Context, g *image.Gray, done func([]Symbol) bool) []Symbol {
	var set symbolSet
	tryCandidates(ctx, g, &set, done)
	if !done(set.list) && !hasToken(set.list) && ctx.Err() == nil {
		// Flatten the sheet: a code seen at a slant becomes square again.
		// Whitened first: on hard pack photos (glare, dim light) the bars
		// decode there in tens of milliseconds where the plain sheet's
		// candidates fail after half a second.
		if sheet, flat := isolatePaper(stretch(g)); flat {
			tryCandidates(ctx, whiten(sheet), &set, done)
			if !done(set.list) && ctx.Err() == nil {
				tryCandidates(ctx, sheet, &set, done)
			}
		}
	}
	// The whole image and tiles, for a code the candidate search missed. A
	// small image's tiles are also tried enlarged; a large photo's are tried
	// once, on the photo shrunk to at most upscaleBelow pixels (on
	// 1600-pixel photos the tiles at full size cost two seconds and found
	// nothing the candidates had not).
	whole, enlarge := g, true
	if max(g.Rect.Dx(), g.Rect.Dy()) > upscaleBelow {
		whole, enlarge = fitWithin(g, upscaleBelow), false
	}
	for _, r := range regions(whole.Rect) {
		if ctx.Err() != nil || done(set.list) || hasToken(set.list) {
			break
		}
		tryRegion(whole, r, &set, enlarge)
	}
	return set.list
}

// tryCandidates decodes the regions of g that look like barcodes until done.
func tryCandidates(ctx context.Context, g *image.Gray, set *symbolSet, done func([]Symbol) bool) {
	foundToken, hardLook, extra := false, false, 0
	for _, c := range candidates(g) {
		if ctx.Err() != nil || done(set.list) {
			return
		}
		if foundToken && !c.square {
			continue // more e-prescription codes are square; bars are not
		}
		which := barsFirst
		if c.square {
			which = squareFirst
		}
		// After a first e-prescription code, the other regions get the quick
		// looks only: the printout's codes are alike, and most squares left
		// are text. Only when the first code needed the thorough looks do the
		// next largest squares get them too. (Every look for all regions of a
		// code's size found 87 instead of 81 % of the codes on hard printouts,
		// but doubled the median time per photo, 80 to 170 ms, in scanbench.)
		// The grid reader, cheaper, also reads the next largest squares.
		thorough := !foundToken || hardLook && c.square && extra < extraThorough
		grid := !foundToken || c.square && extra < extraThorough
		if foundToken && grid {
			extra++
		}
		look := tryCandidate(g.SubImage(c.r).(*image.Gray), set, which, thorough, grid)
		if !foundToken && hasToken(set.list) {
			foundToken, hardLook = true, look >= quickLooks
		}
	}
}

// tryRegion decodes a region as it is and, when small and enlarge allows,
// at twice its size.
func tryRegion(g *image.Gray, r image.Rectangle, set *symbolSet, enlarge bool) {
	tile := g.SubImage(r).(*image.Gray)
	n := len(set.list)
	decodeRegion(tile, set, allReaders)
	if len(set.list) == n && enlarge && max(r.Dx(), r.Dy()) <= upscaleBelow {
		decodeRegion(upscale(tile, 2), set, allReaders)
	}
}

// tryCandidate decodes a region that looks like a barcode as it is and with
// its sensor noise smoothed; when thorough, also turned so that its strongest
// lines (bars, the edges of a Data Matrix) are level, and small squares at
// three times their size. With grid, a square is also read module by module
// (readGrid) after the quick looks. Each small variant is also tried at twice
// its size. It stops at the first look that finds something and returns its
// index (quickLooks for the grid reader), or -1.
func tryCandidate(crop *image.Gray, set *symbolSet, which readerSet, thorough, grid bool) (look int) {
	n := len(set.list)
	var level *image.Gray // the crop turned level, made when first needed
	levelled := func() *image.Gray {
		if level == nil {
			level = rotate(crop, textAngle(crop))
		}
		return level
	}
	variants := []func() *image.Gray{
		func() *image.Gray { return crop },
		func() *image.Gray { return smooth(crop) },
	}
	if thorough {
		variants = append(variants, levelled, func() *image.Gray { return smooth(levelled()) })
	}
	if thorough && which == squareFirst && max(crop.Rect.Dx(), crop.Rect.Dy()) <= smallSquare {
		// A dense Data Matrix of 3-pixel modules decodes only at three times
		// its size (measured on hard e-prescription photos).
		variants = append(variants,
			func() *image.Gray { return upscale(crop, 3) },
			func() *image.Gray { return smooth(upscale(levelled(), 3)) },
			func() *image.Gray { return sharpen(upscale(levelled(), 2)) })
	}
	for i, v := range variants {
		if i == quickLooks && grid && which == squareFirst && gridLook(crop, set) {
			return i // before the slow looks: the modules sampled directly
		}
		img := v()
		decodeRegion(img, set, which)
		if len(set.list) == n && max(img.Rect.Dx(), img.Rect.Dy()) <= upscaleBelow {
			decodeRegion(upscale(img, 2), set, which)
		}
		if len(set.list) > n {
			return i
		}
	}
	if len(variants) == quickLooks && grid && which == squareFirst && gridLook(crop, set) {
		return quickLooks // the quick looks only, and then the grid reader
	}
	return -1
}

// gridLook reads crop module by module and adds what it decodes to set.
func gridLook(crop *image.Gray, set *symbolSet) bool {
	text, ok := readGrid(crop)
	if ok {
		set.add(Symbol{pzn.DataMatrix, text})
	}
	return ok
}

// hasToken reports whether an e-prescription token is among the symbols.
func hasToken(found []Symbol) bool {
	for _, s := range found {
		if len(s.Text) > 0 && s.Text[0] == '{' {
			return true
		}
	}
	return false
}

// regions lists the whole image and then tiles of halves and thirds, each
// overlapping its neighbours by half.
func regions(b image.Rectangle) []image.Rectangle {
	out := []image.Rectangle{b}
	for _, n := range []int{2, 3} {
		w, h := b.Dx()*2/(n+1), b.Dy()*2/(n+1)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				x, y := b.Min.X+j*w/2, b.Min.Y+i*h/2
				out = append(out, image.Rect(x, y, x+w, y+h).Intersect(b))
			}
		}
	}
	return out
}

// symbolSet keeps symbols in the order found, without repeats.
type symbolSet struct{ list []Symbol }

func (s *symbolSet) add(sym Symbol) {
	for _, have := range s.list {
		if have == sym {
			return
		}
	}
	s.list = append(s.list, sym)
}

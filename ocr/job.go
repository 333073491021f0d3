package ocr

import (
	"context"
	"errors"
	"image"

	"github.com/otiai10/gosseract/v2"
)

// maxReads bounds the tesseract recognitions one photo may cost. The work on a
// photo is a function of the photo alone, never of the time it took: a busy
// server answers later, not differently. The slowest generated and real photos
// need far fewer (scanbench prints the reads per kind).
const maxReads = 40

// errOutOfReads stops a photo's text work at maxReads; what was read counts.
var errOutOfReads = errors.New("ocr: read limit reached")

// job is the scan of one photo: the result it fills and the recognitions it
// has made.
type job struct {
	tess  *tesseract
	res   *Result
	reads int
}

// take counts one recognition, or refuses it past maxReads.
func (j *job) take() error {
	if j.reads >= maxReads {
		return errOutOfReads
	}
	j.reads++
	return nil
}

// readLines recognises g and returns its lines with their words.
func (j *job) readLines(ctx context.Context, g *image.Gray, psm gosseract.PageSegMode) ([]textLine, error) {
	if err := j.take(); err != nil {
		return nil, err
	}
	return j.tess.readLines(ctx, g, psm)
}

// readBoxes recognises g and returns its boxes at level, with an optional
// whitelist.
func (j *job) readBoxes(ctx context.Context, g *image.Gray, psm gosseract.PageSegMode, level gosseract.PageIteratorLevel, whitelist string) ([]textLine, error) {
	if err := j.take(); err != nil {
		return nil, err
	}
	return j.tess.read(ctx, g, psm, level, whitelist)
}

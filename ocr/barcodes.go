package ocr

import (
	"context"
	"time"
)

// ReadCodes decodes an image file held in memory and returns the barcodes
// that the scan's barcode search finds in it, up to the first: what a stock
// barcode reader reports for a photo of one code. Benchmarks compare it with
// other readers; the bot uses Scan.
func (s *Scanner) ReadCodes(ctx context.Context, data []byte) ([]Symbol, time.Duration, error) {
	release, err := s.turn(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer release()
	start := time.Now()
	photo, err := Decode(data)
	if err != nil {
		return nil, 0, err
	}
	syms := readBarcodes(ctx, fitWithin(photo.Gray, maxBarcodeSide), func(found []Symbol) bool { return len(found) > 0 })
	return syms, time.Since(start), ctx.Err()
}

package ocr

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// Options tune a Scanner; the zero value sizes everything to the machine.
type Options struct {
	// Workers is how many photos are scanned at once, each with its own
	// tesseract client; default: the number of cores.
	Workers int
	// Budget bounds the time spent on one photo's text; work not started by
	// then is skipped and the photo reports what it has. Default 6 s.
	Budget time.Duration
}

// Scanner reads photos. It is safe for concurrent use; at most Workers photos
// are worked on at once, others wait their turn (or their context).
type Scanner struct {
	tess   *tesseract
	slots  chan struct{}
	budget time.Duration
}

// New starts a scanner with its tesseract clients.
func New(opt Options) (*Scanner, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.Budget <= 0 {
		opt.Budget = 6 * time.Second
	}
	quietLeptonica()
	tess, err := newTesseract(opt.Workers)
	if err != nil {
		return nil, err
	}
	return &Scanner{tess: tess, slots: make(chan struct{}, opt.Workers), budget: opt.Budget}, nil
}

// Close frees the tesseract clients.
func (s *Scanner) Close() { s.tess.Close() }

// Scan decodes one image file held in memory and reads it. Intake errors wrap
// ErrTooLarge, ErrUnsupported or ErrCorrupt.
func (s *Scanner) Scan(ctx context.Context, data []byte) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.slots }()
	start := time.Now()
	photo, err := Decode(data)
	if err != nil {
		return nil, err
	}
	res, err := s.read(ctx, photo)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

package ocr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"
)

// Options tune a Scanner; the zero value sizes everything to the machine.
type Options struct {
	// Workers is how many photos are scanned at once, each with its own
	// tesseract client; default: the number of cores.
	Workers int
	// TimeLimit is a safety net, far above what the slowest photo needs: a
	// scan that takes longer fails with ErrTimeLimit (and is logged) rather
	// than answer with what it had. The work on a photo is bounded by counts,
	// not by time, so the answer never depends on how busy the machine is.
	// Default 60 s.
	TimeLimit time.Duration
}

// ErrTimeLimit says a scan ran past Options.TimeLimit.
var ErrTimeLimit = errors.New("ocr: scan ran past its time limit")

// Scanner reads photos. It is safe for concurrent use; at most Workers photos
// are worked on at once, others wait their turn (or their context).
type Scanner struct {
	tess  *tesseract
	slots chan struct{}
	limit time.Duration
}

// New starts a scanner with its tesseract clients.
func New(opt Options) (*Scanner, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.TimeLimit <= 0 {
		opt.TimeLimit = 60 * time.Second
	}
	quietLeptonica()
	tess, err := newTesseract(opt.Workers)
	if err != nil {
		return nil, err
	}
	return &Scanner{tess: tess, slots: make(chan struct{}, opt.Workers), limit: opt.TimeLimit}, nil
}

// turn waits for one of the Workers slots, at most until ctx ends; release
// gives it back.
func (s *Scanner) turn(ctx context.Context) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close frees the tesseract clients.
func (s *Scanner) Close() { s.tess.Close() }

// Scan decodes one image file held in memory and reads it. Intake errors wrap
// ErrTooLarge, ErrUnsupported or ErrCorrupt; a scan past the time limit fails
// with ErrTimeLimit.
func (s *Scanner) Scan(ctx context.Context, data []byte) (*Result, error) {
	start := time.Now()
	res := &Result{Kind: KindUnknown}
	j, err := s.work(ctx, "scan", data, res, func(ctx context.Context, j *job, p *Photo) error { return j.run(ctx, p) })
	if err != nil {
		return nil, err
	}
	res.Reads = j.reads
	res.Elapsed = time.Since(start)
	return res, nil
}

// work takes a scanner slot, decodes data (a stage of res) and runs do on
// the photo under the time limit. A photo's reads running out is not an
// error: what was read counts. The limit reached is logged (without
// content) and fails with ErrTimeLimit.
func (s *Scanner) work(ctx context.Context, what string, data []byte, res *Result, do func(context.Context, *job, *Photo) error) (*job, error) {
	release, err := s.turn(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	start := time.Now()
	photo, err := Decode(data)
	if err != nil {
		return nil, err
	}
	res.timed(StageDecode, start)
	limited, cancel := context.WithTimeoutCause(ctx, s.limit, ErrTimeLimit)
	defer cancel()
	j := &job{tess: s.tess, res: res}
	err = do(limited, j, photo)
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case limited.Err() != nil:
		slog.Warn("ocr: "+what+" stopped at its time limit", "limit", s.limit, "reads", j.reads, "stages", stageNames(res.Stages))
		return nil, fmt.Errorf("%s: %w", what, ErrTimeLimit)
	case err != nil && !errors.Is(err, errOutOfReads):
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return j, nil
}

package ocr

import (
	"context"
	"fmt"
	"image"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// textLine is one line tesseract read, with its box in the image it was given
// and, when read word by word, its words (Text joins them with spaces).
type textLine struct {
	Text  string
	Box   image.Rectangle
	Conf  float64
	Words []textLine
}

// tesseract is a pool of tesseract clients. A client costs tens of megabytes
// and a language load to create, and is not safe for concurrent use: each
// goroutine borrows one for a call and gives it back.
type tesseract struct {
	clients chan *gosseract.Client
}

// ThreadLimitEnv must be 1 in the environment the process starts with:
// tesseract's OpenMP reads it before any Go code runs, and without it every
// call spins a thread per core. apobot runs one call per core already, so the
// extra threads only fight each other (measured on 2 cores: a prescription
// took 5.3 s without it and 0.7 s with it). See ReexecWithThreadLimit.
const ThreadLimitEnv = "OMP_THREAD_LIMIT"

// newTesseract makes n clients for German and English and starts each on a
// blank image. A client's first recognition after its start reads
// differently from all later ones (measured: a pack's PZN line read on its
// own when first, glued to the barcode beside it when not); started this
// way, every photo gets the later behaviour, whatever the client read
// before it, and the start-up cost is paid here rather than by a customer.
func newTesseract(n int) (*tesseract, error) {
	made := make([]*gosseract.Client, 0, n)
	for i := 0; i < n; i++ {
		c, err := newClient()
		if err != nil {
			for _, m := range made {
				m.Close()
			}
			return nil, err
		}
		made = append(made, c)
	}
	t := &tesseract{clients: make(chan *gosseract.Client, n)}
	for _, c := range made {
		t.clients <- c
	}
	return t, nil
}

// newClient makes a client and runs it once on a blank image.
func newClient() (*gosseract.Client, error) {
	c := gosseract.NewClient()
	err := c.SetLanguage(Languages...)
	if err == nil {
		err = c.SetVariable("debug_file", "/dev/null") // tesseract's chatter stays off stderr
	}
	if err == nil {
		err = c.SetImageFromBytes(pgm(image.NewGray(image.Rect(0, 0, 16, 16))))
	}
	if err == nil {
		_, err = c.Text()
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("ocr: tesseract start: %w", err)
	}
	return c, nil
}

// Close frees every client; it waits for borrowed ones to come back.
func (t *tesseract) Close() {
	for i := 0; i < cap(t.clients); i++ {
		if c := <-t.clients; c != nil {
			c.Close()
		}
	}
}

// borrow runs f with a client of the pool, waiting for one at most until ctx ends.
func (t *tesseract) borrow(ctx context.Context, f func(*gosseract.Client) error) error {
	if err := ctx.Err(); err != nil {
		return err // out of time: start no new recognition
	}
	var c *gosseract.Client
	select {
	case c = <-t.clients:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { t.clients <- c }()
	return f(c)
}

// read recognises g with page segmentation psm and returns boxes at level.
// A whitelist, when not empty, limits the characters tesseract may read; the
// client is given back without it.
func (t *tesseract) read(ctx context.Context, g *image.Gray, psm gosseract.PageSegMode, level gosseract.PageIteratorLevel, whitelist string) ([]textLine, error) {
	var boxes []gosseract.BoundingBox
	err := t.borrow(ctx, func(c *gosseract.Client) (err error) {
		if whitelist != "" {
			if err := c.SetWhitelist(whitelist); err != nil {
				return fmt.Errorf("ocr: whitelist: %w", err)
			}
			defer c.SetWhitelist("")
		}
		boxes, err = recognise(c, g, psm, func() ([]gosseract.BoundingBox, error) { return c.GetBoundingBoxes(level) })
		return err
	})
	out := make([]textLine, 0, len(boxes))
	for _, b := range boxes {
		if s := strings.TrimSpace(b.Word); s != "" {
			out = append(out, textLine{Text: s, Box: b.Box, Conf: b.Confidence})
		}
	}
	return out, err
}

// readLines recognises g and returns its lines with their words.
func (t *tesseract) readLines(ctx context.Context, g *image.Gray, psm gosseract.PageSegMode) ([]textLine, error) {
	var boxes []gosseract.BoundingBox
	err := t.borrow(ctx, func(c *gosseract.Client) (err error) {
		boxes, err = recognise(c, g, psm, c.GetBoundingBoxesVerbose)
		return err
	})
	return joinLines(boxes), err
}

// joinLines groups words by block, paragraph and line number.
func joinLines(boxes []gosseract.BoundingBox) []textLine {
	var out []textLine
	last := [3]int{-1, -1, -1}
	for _, b := range boxes {
		w := strings.TrimSpace(b.Word)
		if w == "" {
			continue
		}
		key := [3]int{b.BlockNum, b.ParNum, b.LineNum}
		if key != last || len(out) == 0 {
			out = append(out, textLine{Box: b.Box})
			last = key
		}
		l := &out[len(out)-1]
		if l.Text != "" {
			l.Text += " "
		}
		l.Text += w
		l.Box = l.Box.Union(b.Box)
		l.Words = append(l.Words, textLine{Text: w, Box: b.Box, Conf: b.Confidence})
		l.Conf += (b.Confidence - l.Conf) / float64(len(l.Words))
	}
	return out
}

// recognise gives one image to a client and runs get on it.
func recognise(c *gosseract.Client, g *image.Gray, psm gosseract.PageSegMode, get func() ([]gosseract.BoundingBox, error)) ([]gosseract.BoundingBox, error) {
	if err := c.SetPageSegMode(psm); err != nil {
		return nil, fmt.Errorf("ocr: page mode: %w", err)
	}
	if err := c.SetImageFromBytes(pgm(g)); err != nil {
		return nil, fmt.Errorf("ocr: tesseract image: %w", err)
	}
	boxes, err := get()
	if err != nil {
		return nil, fmt.Errorf("ocr: tesseract: %w", err)
	}
	return boxes, nil
}

// pgm encodes g as a binary PGM, which leptonica reads from memory without
// compression work.
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	head := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	out := make([]byte, 0, len(head)+w*h)
	out = append(out, head...)
	for y := 0; y < h; y++ {
		off := g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y)
		out = append(out, g.Pix[off:off+w]...)
	}
	return out
}

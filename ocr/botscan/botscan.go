// Package botscan connects the photo scanner (ocr) to the conversation
// engine (bot): it turns an ocr.Result into bot.Findings. It holds no state
// and logs nothing.
package botscan

import (
	"context"
	"errors"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/pzn"
)

// Scanner lets the conversation engine use an ocr.Scanner: it translates a
// result into the bot's findings and the intake errors into EINVALID.
type Scanner struct{ OCR *ocr.Scanner }

// Scan reads one photo.
func (s Scanner) Scan(ctx context.Context, data []byte) (bot.Findings, error) {
	res, err := s.OCR.Scan(ctx, data)
	switch {
	case errors.Is(err, ocr.ErrTooLarge):
		return bot.Findings{}, bot.Errorf(bot.EINVALID, "photo.too_large", nil)
	case errors.Is(err, ocr.ErrUnsupported), errors.Is(err, ocr.ErrCorrupt):
		return bot.Findings{}, bot.Errorf(bot.EINVALID, "photo.cannot_open", nil)
	case err != nil:
		return bot.Findings{}, err
	}
	f := bot.Findings{Kind: string(res.Kind), PZNs: res.PZNs, MaybePZNs: res.MaybePZNs, Tasks: res.Tasks}
	if !res.Product.IsZero() {
		f.Products = append(f.Products, res.Product)
	}
	for _, l := range res.Lines {
		switch {
		case l.PZN != "" && !l.Product.IsZero():
			// The count is left out: on prescriptions tesseract reads
			// "100 St" as "180 St" often enough to mislead; the N size
			// and the PZN say the pack.
			p := l.Product
			p.Count, p.Unit = 0, ""
			printed(&f, l.PZN, p)
		case !l.Product.IsZero():
			f.Products = append(f.Products, l.Product)
		}
	}
	if len(res.PZNs) == 1 && !res.Product.IsZero() { // a pack's text names its one number
		printed(&f, res.PZNs[0], res.Product)
	}
	return f, nil
}

// printed records the details printed with the certain PZN z.
func printed(f *bot.Findings, z pzn.PZN, p pzn.Product) {
	if f.Printed == nil {
		f.Printed = map[pzn.PZN]pzn.Product{}
	}
	f.Printed[z] = p
}

// ReadProduct reads a pack's printed details (ocr.Scanner.ReadProduct).
func (s Scanner) ReadProduct(ctx context.Context, data []byte) (pzn.Product, error) {
	return s.OCR.ReadProduct(ctx, data)
}

var _ bot.ProductReader = Scanner{}

var _ bot.Scanner = Scanner{}

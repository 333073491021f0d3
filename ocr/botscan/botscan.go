// Package botscan connects the photo scanner (ocr) to the conversation
// engine (bot): it turns an ocr.Result into bot.Findings. It holds no state
// and logs nothing.
package botscan

import (
	"context"
	"errors"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/ocr"
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
		if l.PZN == "" && !l.Product.IsZero() {
			f.Products = append(f.Products, l.Product)
		}
	}
	return f, nil
}

var _ bot.Scanner = Scanner{}

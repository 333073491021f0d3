package main

import (
	"context"
	"errors"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/ocr"
)

// photoScanner lets the engine use the ocr scanner: it translates a result
// into the bot's findings and the intake errors into EINVALID.
type photoScanner struct{ s *ocr.Scanner }

func (p photoScanner) Scan(ctx context.Context, data []byte) (bot.Findings, error) {
	res, err := p.s.Scan(ctx, data)
	switch {
	case errors.Is(err, ocr.ErrTooLarge):
		return bot.Findings{}, bot.Errorf(bot.EINVALID, "Das Foto ist zu groß.", "The photo is too large.")
	case errors.Is(err, ocr.ErrUnsupported), errors.Is(err, ocr.ErrCorrupt):
		return bot.Findings{}, bot.Errorf(bot.EINVALID, "Das Bild lässt sich nicht öffnen.", "The image cannot be opened.")
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

var _ bot.Scanner = photoScanner{}

package ocr

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/apobot/apobot/pzn"
)

// maxBarcodeSide bounds the image the barcode search works on; codes on a phone
// photo of a pack keep several pixels per module at this size.
const maxBarcodeSide = 2000

// run reads a decoded photo: barcodes first, text only when the barcodes did
// not already answer. Each stage is timed into the result.
func (j *job) run(ctx context.Context, p *Photo) error {
	res := j.res
	start := time.Now()
	pink := isPinkForm(p)
	syms := readBarcodes(ctx, fitWithin(p.Gray, maxBarcodeSide), func(found []Symbol) bool {
		return pink || answered(found)
	})
	res.addSymbols(syms)
	res.timed(StageBarcodes, start)
	switch {
	case len(res.Tasks) > 0:
		res.Kind = KindErxToken
		return nil
	case len(res.PZNs) > 0 && !pink:
		res.Kind = KindPack
		return nil
	}
	pg, err := j.readText(ctx, p, pink)
	if err != nil {
		return err
	}
	if !pink {
		start = time.Now()
		res.addSymbols(codesInPage(pg))
		if len(res.PZNs) > 0 { // the bars, straightened, gave the number: as on the fast path
			res.Kind, res.Product = KindPack, packProduct(pg.lines)
			res.timed(StageBands, start)
			return ctx.Err()
		}
		j.readBands(ctx, pg)
		res.timed(StageBands, start)
	}
	start = time.Now()
	j.interpret(ctx, pg, pink)
	res.timed(StageRereads, start)
	return ctx.Err()
}

// answered reports whether the barcodes found so far say what is needed: a
// product number, or an e-prescription printout's collective code (the one
// with two or more tasks holds them all). A code with a single task may be
// one of several on the printout, so the search goes on through the other
// square regions, but not into tiles.
func answered(found []Symbol) bool {
	for _, sym := range found {
		b, err := pzn.ParseBarcode(sym.Format, sym.Text)
		if err == nil && (b.Kind != pzn.KindToken || len(b.Token.Tasks) >= 2) {
			return true
		}
	}
	return false
}

// addSymbols interprets barcodes through pzn and keeps the valid findings.
func (r *Result) addSymbols(syms []Symbol) {
	for _, sym := range syms {
		b, err := pzn.ParseBarcode(sym.Format, sym.Text)
		if err != nil {
			sym.Text = maskAccessCodes(sym.Text) // a damaged token still holds its secret
			r.Codes = append(r.Codes, sym)
			continue
		}
		switch b.Kind {
		case pzn.KindToken:
			r.Tasks = append(r.Tasks, b.Token.Tasks...)
			sym.Text = maskToken(b.Token)
		case pzn.KindPack:
			r.Packs = append(r.Packs, b.Pack)
		}
		if b.PZN != "" {
			r.addPZN(b.PZN, true)
		}
		r.Codes = append(r.Codes, sym)
	}
	r.Tasks = uniqueTasks(r.Tasks)
}

// maskToken rewrites a token's JSON with its access codes hidden.
func maskToken(t pzn.Token) string {
	urls := make([]string, len(t.Tasks))
	for i, task := range t.Tasks {
		urls[i] = `"Task/` + task.ID.String() + `/$accept?ac=` + task.AccessCode.String() + `"`
	}
	return `{"urls":[` + strings.Join(urls, ",") + `]}`
}

// accessCode finds what follows "ac=" in a token URL, valid or not.
var accessCode = regexp.MustCompile(`(?i)ac=[^"&,\]\s]*`)

// maskAccessCodes hides every access code in a code's text.
func maskAccessCodes(text string) string {
	return accessCode.ReplaceAllString(text, "ac="+pzn.AccessCode{}.String())
}

// uniqueTasks drops repeats: the collective code repeats every single one.
func uniqueTasks(ts []pzn.Task) []pzn.Task {
	var out []pzn.Task
	seen := map[pzn.TaskID]bool{}
	for _, t := range ts {
		if !seen[t.ID] {
			seen[t.ID] = true
			out = append(out, t)
		}
	}
	return out
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/pzn"
)

// peerOutcome adds the peer's timings when tesseract runs only if the
// barcode reader found nothing valid (the cheaper way to use the same tools).
type peerOutcome struct {
	outcome
	zxingMS float64
	tessMS  float64
	hadCode bool
}

// peerFormats maps ZXingReader's format names to pzn's.
var peerFormats = map[string]pzn.Symbology{"Code39": pzn.Code39, "DataMatrix": pzn.DataMatrix, "EAN-13": pzn.EAN13, "QRCode": pzn.QRCode}

// runPeer reads a photo with ZXingReader and the tesseract command line and
// applies the pzn rules: barcodes are certain, labelled text PZNs are taken as
// read (the peer has no second reading), bare numbers are maybes.
func runPeer(ctx context.Context, file string) peerOutcome {
	o := peerOutcome{outcome: outcome{File: file}}
	start := time.Now()
	zx, err := exec.CommandContext(ctx, "ZXingReader", file).Output()
	o.zxingMS = ms(time.Since(start))
	if err != nil && len(zx) == 0 {
		o.Err = "ZXingReader: " + err.Error()
	}
	o.hadCode = o.addCodes(parseZXing(zx))
	start = time.Now()
	cmd := exec.CommandContext(ctx, "tesseract", file, "-", "-l", "deu")
	cmd.Env = append(os.Environ(), ocr.ThreadLimitEnv+"=1")
	text, err := cmd.Output()
	o.tessMS = ms(time.Since(start))
	if err != nil {
		o.Err = "tesseract: " + err.Error()
	}
	for _, f := range pzn.Find(string(text)) {
		if f.Labelled {
			o.PZNs = appendNew(o.PZNs, f.PZN)
		} else if !contains(o.PZNs, f.PZN) {
			o.Maybe = appendNew(o.Maybe, f.PZN)
		}
	}
	o.MS = o.zxingMS + o.tessMS
	return o
}

// addCodes applies the pzn rules to a barcode reader's symbols: every valid
// one is certain. It reports whether any was valid.
func (o *outcome) addCodes(syms []ocr.Symbol) (valid bool) {
	for _, sym := range syms {
		b, err := pzn.ParseBarcode(sym.Format, sym.Text)
		if err != nil {
			continue
		}
		valid = true
		if b.PZN != "" {
			o.PZNs = appendNew(o.PZNs, b.PZN)
		}
		for _, t := range b.Token.Tasks {
			o.Tasks = append(o.Tasks, t.ID.String())
		}
	}
	return valid
}

// parseZXing reads ZXingReader's report: a "Bytes:" line (hex) and a "Format:"
// line per symbol. The bytes keep control characters the text line escapes.
func parseZXing(out []byte) []ocr.Symbol {
	var syms []ocr.Symbol
	var payload []byte
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "Bytes:"); ok {
			payload, _ = hex.DecodeString(strings.ReplaceAll(strings.TrimSpace(v), " ", ""))
		}
		if v, ok := strings.CutPrefix(line, "Format:"); ok {
			if f, known := peerFormats[strings.TrimSpace(v)]; known {
				syms = append(syms, ocr.Symbol{Format: f, Text: string(payload)})
			}
		}
	}
	return syms
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func appendNew(ps []pzn.PZN, p pzn.PZN) []pzn.PZN {
	if contains(ps, p) {
		return ps
	}
	return append(ps, p)
}

func contains(ps []pzn.PZN, p pzn.PZN) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

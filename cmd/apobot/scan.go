package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/pzn"
)

// scanLine is the JSON line `apobot scan --json` prints per image (README, "Command line").
type scanLine struct {
	File      string        `json:"file"`
	Kind      ocr.Kind      `json:"kind"`
	PZNs      []pzn.PZN     `json:"pzns"`
	MaybePZNs []pzn.PZN     `json:"maybe_pzns"`
	ErxTasks  []string      `json:"erx_tasks"`
	Codes     []scanCode    `json:"codes"`
	Product   pzn.Product   `json:"product"`
	Lines     []scanMedLine `json:"lines,omitempty"`
	MS        int64         `json:"ms"`
	Error     string        `json:"error"`
}

// scanMedLine is one medication line of a prescription, with its PZN when
// one was printed and read with certainty.
type scanMedLine struct {
	pzn.Product
	PZN pzn.PZN `json:"pzn,omitempty"`
}

type scanCode struct {
	Format string `json:"format"`
	Text   string `json:"text"` // access codes masked
}

func runScan(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "scan", "[--json] IMAGE...")
	asJSON := fs.Bool("json", false, "print one JSON line per image")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	sc, err := ocr.New(ocr.Options{})
	if err != nil {
		return err
	}
	defer sc.Close()
	failed := 0
	for _, line := range scanFiles(ctx, sc, fs.Args()) {
		if line.Error != "" {
			failed++
		}
		if err := printScan(e.stdout, line, *asJSON); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d images could not be read", failed, fs.NArg())
	}
	return nil
}

// scanFiles scans the files concurrently (the scanner bounds the work) and
// returns the lines in the order of the files.
func scanFiles(ctx context.Context, sc *ocr.Scanner, files []string) []scanLine {
	out := make([]scanLine, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = scanFile(ctx, sc, f)
		}()
	}
	wg.Wait()
	return out
}

func scanFile(ctx context.Context, sc *ocr.Scanner, file string) scanLine {
	line := scanLine{File: file, Kind: ocr.KindUnknown, PZNs: []pzn.PZN{}, MaybePZNs: []pzn.PZN{}, ErxTasks: []string{}, Codes: []scanCode{}}
	data, err := readImage(file)
	if err != nil {
		line.Error = err.Error()
		return line
	}
	res, err := sc.Scan(ctx, data)
	if err != nil {
		line.Error = err.Error()
		return line
	}
	fillLine(&line, res)
	return line
}

// readImage reads a file, refusing more than the intake accepts before reading it.
func readImage(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, ocr.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	return data, nil
}

func fillLine(line *scanLine, res *ocr.Result) {
	line.Kind, line.MS = res.Kind, res.Elapsed.Milliseconds()
	line.PZNs = append(line.PZNs, res.PZNs...)
	line.MaybePZNs = append(line.MaybePZNs, res.MaybePZNs...)
	for _, t := range res.Tasks {
		line.ErxTasks = append(line.ErxTasks, t.ID.String())
	}
	for _, c := range res.Codes {
		line.Codes = append(line.Codes, scanCode{string(c.Format), c.Text})
	}
	line.Product = res.Product
	for _, l := range res.Lines {
		line.Lines = append(line.Lines, scanMedLine{l.Product, l.PZN})
	}
	if line.Product.IsZero() && len(res.Lines) > 0 {
		line.Product = res.Lines[0].Product
	}
}

// printScan writes one line per image, JSON or for people.
func printScan(w io.Writer, line scanLine, asJSON bool) error {
	if asJSON {
		b, err := json.Marshal(line)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	if line.Error != "" {
		_, err := fmt.Fprintf(w, "%s: error: %s\n", line.File, line.Error)
		return err
	}
	parts := []string{string(line.Kind)}
	if len(line.PZNs) > 0 {
		parts = append(parts, "PZN "+join(line.PZNs))
	}
	if len(line.MaybePZNs) > 0 {
		parts = append(parts, "maybe PZN "+join(line.MaybePZNs))
	}
	if len(line.ErxTasks) > 0 {
		parts = append(parts, "e-prescription tasks "+strings.Join(line.ErxTasks, ", "))
	}
	_, err := fmt.Fprintf(w, "%s: %s (%d ms)\n", line.File, strings.Join(parts, "; "), line.MS)
	return err
}

func join(ps []pzn.PZN) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

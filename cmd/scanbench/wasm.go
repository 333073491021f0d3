package main

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/pzn"
)

// wasmScript is the Node program that runs zxing-wasm.
//
//go:embed zxingwasm.mjs
var wasmScript []byte

// wasmFormats maps zxing-wasm's format names to pzn's; zxing-cpp 3 names a
// Code 39 that holds a PZN "PZN".
var wasmFormats = map[string]pzn.Symbology{"Code39": pzn.Code39, "PZN": pzn.Code39, "DataMatrix": pzn.DataMatrix, "EAN13": pzn.EAN13, "QRCode": pzn.QRCode}

// wasmLine is what zxingwasm.mjs prints per image.
type wasmLine struct {
	File    string  `json:"file"`
	MS      float64 `json:"ms"`
	Symbols []struct {
		Format string `json:"format"`
		Hex    string `json:"hex"`
	} `json:"symbols"`
	Err string `json:"err"`
}

// wasmRead is one image read by zxing-wasm.
type wasmRead struct {
	ms   float64
	syms []ocr.Symbol
	err  string
}

// runWasm reads files with zxing-wasm in workers Node processes at once (the
// module is loaded once per process; only the reads are timed) and returns
// the reads by file. modules is the node_modules folder holding zxing-wasm.
func runWasm(ctx context.Context, modules string, files []string, workers int) (map[string]wasmRead, error) {
	script := filepath.Join(os.TempDir(), fmt.Sprintf("scanbench-zxingwasm-%d.mjs", os.Getpid()))
	if err := os.WriteFile(script, wasmScript, 0o600); err != nil {
		return nil, err
	}
	defer os.Remove(script)
	out := map[string]wasmRead{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		var mine []string
		for i := w; i < len(files); i += workers {
			mine = append(mine, files[i])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			reads, err := wasmProcess(ctx, script, modules, mine)
			mu.Lock()
			defer mu.Unlock()
			errs[w] = err
			for f, r := range reads {
				out[f] = r
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// wasmProcess runs one Node process over files.
func wasmProcess(ctx context.Context, script, modules string, files []string) (map[string]wasmRead, error) {
	cmd := exec.CommandContext(ctx, "node", script, modules)
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n") + "\n")
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("zxing-wasm: %w", err)
	}
	return parseWasm(raw)
}

// parseWasm reads zxingwasm.mjs's JSON lines.
func parseWasm(raw []byte) (map[string]wasmRead, error) {
	out := map[string]wasmRead{}
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l wasmLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("zxing-wasm output: %w", err)
		}
		r := wasmRead{ms: l.MS, err: l.Err}
		for _, s := range l.Symbols {
			b, _ := hex.DecodeString(s.Hex)
			if f, ok := wasmFormats[s.Format]; ok {
				r.syms = append(r.syms, ocr.Symbol{Format: f, Text: string(b)})
			}
		}
		out[l.File] = r
	}
	return out, sc.Err()
}

// wasmOutcome applies the pzn rules to zxing-wasm's symbols: barcodes only,
// all certain.
func wasmOutcome(file string, r wasmRead) outcome {
	o := outcome{File: file, MS: r.ms, Err: r.err}
	o.addCodes(r.syms)
	return o
}

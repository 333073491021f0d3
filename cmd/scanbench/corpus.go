package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/apobot/apobot/ocr"
)

// corpusImage is one real photo of the shared corpus and the text it holds.
type corpusImage struct {
	file, want string
}

// corpus decodes every set of the shared barcode corpus with apobot's
// barcode search, ZXingReader 1.4 and, when installed, zxing-wasm, and prints
// how many images each decodes to exactly the expected text, and their time.
func corpus(ctx context.Context, w io.Writer, dir, wasmModules string, workers int) error {
	sets, err := corpusSets(dir)
	if err != nil {
		return err
	}
	sc, err := ocr.New(ocr.Options{Workers: workers})
	if err != nil {
		return err
	}
	defer sc.Close()
	fmt.Fprintf(w, "\nshared corpus (%s): images decoded to the expected text, median ms\n", dir)
	fmt.Fprintf(w, "%-20s %6s | %-14s | %-14s | %-14s\n", "set", "images", "apobot", "ZXingReader", "wasm")
	var total [4]int
	for _, name := range sortedKeys(sets) {
		imgs := sets[name]
		var got [3]int
		var ms [3][]float64
		var files []string
		for _, im := range imgs {
			files = append(files, im.file)
		}
		var wasm map[string]wasmRead
		if wasmModules != "" {
			if wasm, err = runWasm(ctx, wasmModules, files, 1); err != nil {
				return err
			}
		}
		for _, im := range imgs {
			data, err := os.ReadFile(im.file)
			if err != nil {
				return err
			}
			syms, took, _ := sc.ReadCodes(ctx, data)
			ms[0] = append(ms[0], float64(took.Microseconds())/1000)
			got[0] += hit(syms, im.want)
			start := time.Now()
			zx, _ := exec.CommandContext(ctx, "ZXingReader", im.file).Output()
			ms[1] = append(ms[1], float64(time.Since(start).Microseconds())/1000)
			got[1] += hit(parseZXing(zx), im.want)
			if wasm != nil {
				ms[2] = append(ms[2], wasm[im.file].ms)
				got[2] += hit(wasm[im.file].syms, im.want)
			}
		}
		fmt.Fprintf(w, "%-20s %6d |", name, len(imgs))
		for i := range got {
			fmt.Fprintf(w, " %4d %8.0f |", got[i], quantile(ms[i], 0.5))
			total[i] += got[i]
		}
		fmt.Fprintln(w)
		total[3] += len(imgs)
	}
	fmt.Fprintf(w, "%-20s %6d | %4d %8s | %4d %8s | %4d %8s |\n", "all", total[3], total[0], "", total[1], "", total[2], "")
	return nil
}

// hit is 1 when a symbol holds exactly want.
func hit(syms []ocr.Symbol, want string) int {
	for _, s := range syms {
		if s.Text == want {
			return 1
		}
	}
	return 0
}

// corpusSets lists the corpus's images with their expected texts, by set.
func corpusSets(dir string) (map[string][]corpusImage, error) {
	pngs, err := filepath.Glob(filepath.Join(dir, "*", "*.png"))
	if err != nil {
		return nil, err
	}
	if len(pngs) == 0 {
		return nil, fmt.Errorf("no corpus images in %s", dir)
	}
	sets := map[string][]corpusImage{}
	for _, p := range pngs {
		want, err := os.ReadFile(p[:len(p)-len(".png")] + ".txt")
		if err != nil {
			continue
		}
		set := filepath.Base(filepath.Dir(p))
		sets[set] = append(sets[set], corpusImage{p, string(want)})
	}
	return sets, nil
}

func sortedKeys(m map[string][]corpusImage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

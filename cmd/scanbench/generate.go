package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/apobot/apobot/ocr/photogen"
	"github.com/apobot/apobot/pzn"
)

// truth is what a photo holds, kept beside the files in manifest.json.
type truth struct {
	File       string              `json:"file"`
	Kind       photogen.Kind       `json:"kind"`
	Difficulty photogen.Difficulty `json:"difficulty"`
	PZNs       []pzn.PZN           `json:"pzns"`
	Tasks      []string            `json:"tasks"`
}

// generate writes n photos and their manifest into dir, on every core. An
// empty kind or difficulty cycles through all of them.
func generate(dir string, n int, seed uint64, kind, diff string) ([]truth, error) {
	out := make([]truth, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = generateOne(dir, i, seed, kind, diff)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, writeManifest(dir, out)
}

func generateOne(dir string, i int, seed uint64, onlyKind, onlyDiff string) (truth, error) {
	kind := photogen.Kinds[i%len(photogen.Kinds)]
	d := photogen.Difficulties[(i/len(photogen.Kinds))%len(photogen.Difficulties)]
	if onlyKind != "" {
		kind = photogen.Kind(onlyKind)
	}
	if onlyDiff != "" {
		d = photogen.Difficulty(onlyDiff)
	}
	s, err := photogen.Generate(kind, d, seed+uint64(i))
	if err != nil {
		return truth{}, err
	}
	file := filepath.Join(dir, fmt.Sprintf("%04d-%s.jpg", i, s.Name))
	if err := os.WriteFile(file, s.JPEG, 0o600); err != nil {
		return truth{}, err
	}
	return truth{File: file, Kind: kind, Difficulty: d, PZNs: s.PZNs, Tasks: s.Tasks}, nil
}

func writeManifest(dir string, ts []truth) error {
	b, err := json.Marshal(ts)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o600)
}

func readManifest(dir string) ([]truth, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var ts []truth
	return ts, json.Unmarshal(b, &ts)
}

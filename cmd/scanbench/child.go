package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/pzn"
)

// outcome is what one pipeline made of one photo.
type outcome struct {
	File  string    `json:"file"`
	PZNs  []pzn.PZN `json:"pzns"`
	Maybe []pzn.PZN `json:"maybe"`
	Tasks []string  `json:"tasks"`
	MS    float64   `json:"ms"`
	Err   string    `json:"err,omitempty"`
	// Stages are apobot's milliseconds per pipeline stage, Reads its
	// tesseract recognitions.
	Stages map[string]float64 `json:"stages,omitempty"`
	Reads  int                `json:"reads,omitempty"`
	// Result is apobot's whole result without its timings: what `apobot
	// scan --json` prints of it, compared between an idle and a busy run.
	Result string `json:"result,omitempty"`
}

// runChild scans the manifest's photos with apobot's pipeline, workers at a
// time, and prints one JSON outcome per line, then "rss_kb N" (peak RSS).
func runChild(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("child", flag.ContinueOnError)
	dir := fs.String("dir", "", "photo folder")
	workers := fs.Int("workers", 2, "photos at once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ts, err := readManifest(*dir)
	if err != nil {
		return err
	}
	sc, err := ocr.New(ocr.Options{Workers: *workers})
	if err != nil {
		return err
	}
	defer sc.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	results := parallel(ctx, ts, *workers, func(t truth) outcome { return scanOne(ctx, sc, t.File) })
	enc := json.NewEncoder(w)
	for _, o := range results {
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "rss_kb %d\n", peakRSS())
	return nil
}

func scanOne(ctx context.Context, sc *ocr.Scanner, file string) outcome {
	o := outcome{File: file}
	data, err := os.ReadFile(file)
	if err != nil {
		o.Err = err.Error()
		return o
	}
	start := time.Now()
	res, err := sc.Scan(ctx, data)
	o.MS = float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		o.Err = err.Error()
		return o
	}
	o.PZNs, o.Maybe, o.Reads = res.PZNs, res.MaybePZNs, res.Reads
	o.Stages = map[string]float64{}
	for _, st := range res.Stages {
		o.Stages[st.Name] += float64(st.Elapsed.Microseconds()) / 1000
	}
	res.Elapsed, res.Stages = 0, nil
	if key, err := json.Marshal(res); err == nil {
		o.Result = string(key)
	}
	for _, t := range res.Tasks {
		o.Tasks = append(o.Tasks, t.ID.String())
	}
	return o
}

// parallel runs f over ts, n at a time, keeping the order.
func parallel(ctx context.Context, ts []truth, n int, f func(truth) outcome) []outcome {
	out := make([]outcome, len(ts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = f(ts[i])
			}
		}()
	}
	for i := range ts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// peakRSS reads the process's high-water mark of resident memory in KiB.
func peakRSS() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb
		}
	}
	return -1
}

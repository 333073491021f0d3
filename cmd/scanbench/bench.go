package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// bench generates the photos, runs both pipelines and prints the report.
func bench(ctx context.Context, o options, out io.Writer) error {
	dir := o.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "scanbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	start := time.Now()
	ts, err := generate(dir, o.n, o.seed, o.kind, o.diff)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	fmt.Fprintf(out, "generated %d photos (seed %d) in %.1f s\n", len(ts), o.seed, time.Since(start).Seconds())
	ours, rss, err := runApobot(ctx, dir, o.workers)
	if err != nil {
		return fmt.Errorf("apobot pipeline: %w", err)
	}
	r := results{ts: ts, ours: ours, rss: rss, workers: o.workers}
	if o.peer {
		r.stock = make([]peerOutcome, len(ts))
		parallel(ctx, ts, o.workers, func(t truth) outcome {
			i := indexOf(ts, t.File)
			r.stock[i] = runPeer(ctx, t.File)
			return r.stock[i].outcome
		})
	}
	if o.wasm != "" {
		if r.wasm, err = wasmOutcomes(ctx, o.wasm, ts, o.workers); err != nil {
			return err
		}
	}
	report(out, r)
	if o.load {
		if err := sameUnderLoad(ctx, out, dir, ours, o.workers); err != nil {
			return err
		}
	}
	if o.corpus != "" {
		return corpus(ctx, out, o.corpus, o.wasm, o.workers)
	}
	return nil
}

// wasmOutcomes reads every photo with zxing-wasm.
func wasmOutcomes(ctx context.Context, modules string, ts []truth, workers int) ([]outcome, error) {
	files := make([]string, len(ts))
	for i, t := range ts {
		files[i] = t.File
	}
	reads, err := runWasm(ctx, modules, files, workers)
	if err != nil {
		return nil, err
	}
	out := make([]outcome, len(ts))
	for i, f := range files {
		out[i] = wasmOutcome(f, reads[f])
	}
	return out, nil
}

// runApobot scans in a child process and returns its outcomes and peak RSS.
func runApobot(ctx context.Context, dir string, workers int) ([]outcome, int, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, err
	}
	cmd := exec.CommandContext(ctx, exe, "child", "-dir", dir, "-workers", fmt.Sprint(workers))
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, 0, err
	}
	var outs []outcome
	rss := 0
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "rss_kb "); ok {
			fmt.Sscan(v, &rss)
			continue
		}
		var o outcome
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			return nil, 0, err
		}
		outs = append(outs, o)
	}
	return outs, rss, sc.Err()
}

func indexOf(ts []truth, file string) int {
	for i, t := range ts {
		if t.File == file {
			return i
		}
	}
	return -1
}

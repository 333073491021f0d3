package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// sameUnderLoad scans the photos a second time while another process keeps
// every core busy, and reports whether every result is the same as in the
// first (idle) run, timings aside: a customer's answer must not depend on
// how busy the server is.
func sameUnderLoad(ctx context.Context, w io.Writer, dir string, idle []outcome, workers int) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	load := exec.CommandContext(ctx, exe, "busy")
	if err := load.Start(); err != nil {
		return err
	}
	defer load.Wait()
	busy, _, err := runApobot(ctx, dir, workers)
	stop()
	if err != nil {
		return fmt.Errorf("apobot pipeline under load: %w", err)
	}
	differ := 0
	var idleMS, busyMS float64
	for i := range idle {
		idleMS, busyMS = idleMS+idle[i].MS, busyMS+busy[i].MS
		if busy[i].Result != idle[i].Result || busy[i].Err != idle[i].Err {
			differ++
			fmt.Fprintf(w, "  differs under load: %s\n", filepath.Base(idle[i].File))
		}
	}
	fmt.Fprintf(w, "\nwith every core kept busy by another process: %d of %d results differ from the idle run (time %.2f× the idle run's)\n",
		differ, len(idle), busyMS/idleMS)
	return nil
}

// busy keeps every core busy until ctx ends or the process is killed.
func busy(ctx context.Context) {
	for range runtime.NumCPU() {
		go func() {
			for x := 0; ; x++ {
			}
		}()
	}
	<-ctx.Done()
}

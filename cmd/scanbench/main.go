// Command scanbench measures apobot's scan pipeline against its peers on
// generated photos: recall and wrong PZNs per kind and difficulty, median and
// p95 milliseconds per photo and kind, where apobot's time went (per stage),
// and peak memory while two photos are scanned at once. The peers are what a
// pharmacy could assemble from stock parts: zxing-cpp's ZXingReader 1.4 and
// the tesseract command line, with the same pzn rules; and zxing-cpp's newest
// reader (the npm package zxing-wasm, run by Node), barcodes only. It then
// scans the photos again while another process keeps every core busy and
// reports whether any result changed, and, with -corpus, decodes the shared
// corpus of real barcode photos with apobot and both barcode readers.
// `make bench` runs it.
//
// It generates the photos into a temporary folder, scans them in a child
// process (so its peak RSS is the pipeline's, not the generator's), runs the
// peers on the same files, and prints one report.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/apobot/apobot/ocr"
)

func main() {
	if err := ocr.ReexecWithThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, "scanbench:", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scanbench:", err)
		os.Exit(1)
	}
}

type options struct {
	n       int
	seed    uint64
	workers int
	peer    bool
	dir     string
	kind    string
	diff    string
	wasm    string // node_modules holding zxing-wasm; "": no second peer
	corpus  string // the shared barcode corpus; "": skipped
	load    bool   // scan again with every core busy and compare
}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "child" {
		return runChild(ctx, args[1:], out)
	}
	if len(args) > 0 && args[0] == "busy" {
		busy(ctx)
		return nil
	}
	var o options
	fs := flag.NewFlagSet("scanbench", flag.ContinueOnError)
	fs.IntVar(&o.n, "n", 300, "number of generated photos")
	fs.Uint64Var(&o.seed, "seed", 1, "first seed")
	fs.IntVar(&o.workers, "workers", 2, "photos scanned at once, by apobot and by the peer")
	fs.BoolVar(&o.peer, "peer", true, "also run the peer pipeline (ZXingReader + tesseract CLI)")
	fs.StringVar(&o.dir, "dir", "", "folder for the photos (default: a temporary folder, removed after)")
	fs.StringVar(&o.kind, "kind", "", "only this kind (pack, prescription, erx_token)")
	fs.StringVar(&o.diff, "difficulty", "", "only this difficulty (easy, medium, hard)")
	fs.StringVar(&o.wasm, "zxing-wasm", "", "node_modules folder with zxing-wasm: the second barcode peer (make bench installs it)")
	fs.StringVar(&o.corpus, "corpus", "", "the shared barcode corpus: decode its sets with apobot and the peers")
	fs.BoolVar(&o.load, "load", true, "scan the photos again with every core kept busy and compare the results")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return bench(ctx, o, out)
}

// Command apobot is the pre-order assistant for a community pharmacy: it serves
// the web chat, the messenger webhooks and the staff console, and has the
// subcommands a pharmacy's IT person needs.
//
// This is the only package that knows every other one; it reads configuration,
// sets up logging and wires the parts together.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/apobot/apobot/ocr"
)

func main() {
	// Before anything else: tesseract's OpenMP must start single-threaded.
	if err := ocr.ReexecWithThreadLimit(); err != nil {
		os.Stderr.WriteString("apobot: cannot restart with " + ocr.ThreadLimitEnv + "=1: " + err.Error() + "\n")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Command ackbench measures how fast apobot acknowledges text messages:
// it runs the real server (database, engine, echo) on loopback with a local
// WhatsApp API, Threema Gateway and Graph API, sends signed webhooks (MAC'd
// and end-to-end encrypted for Threema) and web chat messages at a fixed rate
// (open loop: latency counts from when a message was due, so a slow server
// cannot hide its queue), and reports p50/p99 acknowledgement latency, the
// rate achieved, and how long the engine took to answer everything.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	rate := flag.Int("rate", 200, "messages per second")
	duration := flag.Duration("duration", 10*time.Second, "how long to send")
	channel := flag.String("channel", "all", "whatsapp, threema, messenger, web, all, or photo (web chat photo uploads, read by the real scanner)")
	photoRate := flag.Int("photo-rate", 0, "with it, a photo run follows: uploads per second")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *rate, *duration, *channel); err != nil {
		fmt.Fprintln(os.Stderr, "ackbench:", err)
		os.Exit(1)
	}
	if *photoRate == 0 {
		return
	}
	if err := run(context.Background(), os.Stdout, *photoRate, *duration, "photo"); err != nil {
		fmt.Fprintln(os.Stderr, "ackbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, rate int, duration time.Duration, channel string) error {
	if rate <= 0 || duration <= 0 {
		return fmt.Errorf("rate and duration must be positive")
	}
	chans := []string{channel}
	if channel == "all" {
		chans = []string{"whatsapp", "threema", "messenger", "web"}
	}
	what := "text messages"
	if channel == "photo" {
		what = "photos (generated packs, prescriptions, e-prescription tokens)"
	}
	fmt.Fprintf(w, "ackbench: %d %s per second for %s on loopback, the server in this process\n", rate, what, duration)
	for _, ch := range chans {
		rep, err := measure(ctx, ch, rate, duration)
		if err != nil {
			return err
		}
		rep.print(w)
	}
	return nil
}

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

	"github.com/apobot/apobot/store/pgtest"
)

func main() {
	rate := flag.Int("rate", 200, "messages per second")
	duration := flag.Duration("duration", 10*time.Second, "how long to send")
	channel := flag.String("channel", "all", "whatsapp, threema, messenger, web, all, or photo (web chat photo uploads, read by the real scanner)")
	photoRate := flag.Int("photo-rate", 0, "with it, a photo run follows: uploads per second")
	database := flag.String("database", "sqlite", "sqlite, or postgres (a throwaway server, started here)")
	processes := flag.Int("processes", 1, "services on the one database, each with its connections and engine; messages go round them")
	flag.Parse()
	st := setup{postgres: *database == "postgres", processes: *processes}
	err := run(context.Background(), os.Stdout, *rate, *duration, *channel, st)
	if err == nil && *photoRate > 0 {
		err = run(context.Background(), os.Stdout, *photoRate, *duration, "photo", st)
	}
	pgtest.StopShared() // a server started for -database postgres
	if err != nil {
		fmt.Fprintln(os.Stderr, "ackbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, rate int, duration time.Duration, channel string, st setup) error {
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
	where := "SQLite"
	if st.postgres {
		where = "PostgreSQL"
	}
	fmt.Fprintf(w, "ackbench: %d %s per second for %s on loopback, %d service(s) on %s in this process\n", rate, what, duration, max(1, st.processes), where)
	for _, ch := range chans {
		rep, err := measure(ctx, ch, rate, duration, st)
		if err != nil {
			return err
		}
		rep.print(w)
	}
	return nil
}

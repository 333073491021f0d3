package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// report is one channel's run.
type report struct {
	channel    string
	n, failed  int
	later      int           // photos answered 503 "send it again later" (backpressure)
	sent       time.Duration // from the first message due to the last answer
	lat        []time.Duration
	answered   time.Duration   // until the engine had replied to every message
	drainAfter time.Duration   // of which after the last acknowledgement
	replies    int             // bot messages stored (web) or sent (WhatsApp)
	reply      []time.Duration // from a message due to its answer, sorted
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[min(len(ds)-1, int(p*float64(len(ds))))]
}

func (r report) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

func (r report) print(w io.Writer) {
	target := "met"
	if r.pct(0.99) >= 50*time.Millisecond || r.failed > 0 {
		target = "MISSED"
	}
	if r.channel == "photo" {
		target = "not a target for uploads"
	}
	fmt.Fprintf(w, "%-8s acknowledged %d/%d at %.0f msg/s: p50 %s, p99 %s, max %s (p99 < 50ms: %s)\n",
		r.channel, r.n-r.failed-r.later, r.n, float64(r.n)/r.sent.Seconds(), ms(r.pct(0.5)), ms(r.pct(0.99)), ms(r.lat[len(r.lat)-1]), target)
	if r.later > 0 {
		fmt.Fprintf(w, "%-8s %d of them asked to retry (503, scanner behind)\n", r.channel, r.later)
	}
	stored := r.n - r.failed - r.later
	if r.channel != "photo" && len(r.reply) > 0 {
		target := "met"
		if pct(r.reply, 0.99) >= 50*time.Millisecond || len(r.reply) < stored {
			target = "MISSED"
		}
		fmt.Fprintf(w, "%-8s replied to %d/%d: p50 %s, p99 %s, max %s (reply p99 < 50ms: %s)\n",
			r.channel, len(r.reply), stored, ms(pct(r.reply, 0.5)), ms(pct(r.reply, 0.99)), ms(r.reply[len(r.reply)-1]), target)
	}
	fmt.Fprintf(w, "%-8s all %d answered by the engine after %s (%.1f msg/s; %s after the last acknowledgement); %d replies\n",
		r.channel, stored, r.answered.Round(time.Millisecond), float64(stored)/r.answered.Seconds(), r.drainAfter.Round(time.Millisecond), r.replies)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func decodeJSON(res *http.Response, v any) error {
	defer res.Body.Close()
	return json.NewDecoder(res.Body).Decode(v)
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/retention"
)

// metrics are apobot's Prometheus counters: counts and durations only,
// labelled by route pattern, status, channel and outcome, never by content.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	received *prometheus.CounterVec
	scans    *prometheus.CounterVec
	read     *prometheus.CounterVec
	scanTime prometheus.Histogram
	purges   prometheus.Counter
	purged   *prometheus.CounterVec
}

func newMetrics(queueDepth func() int) *metrics {
	m := &metrics{reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "apobot_http_requests_total", Help: "HTTP requests by method, route pattern and status."},
			[]string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "apobot_http_request_duration_seconds", Help: "HTTP answer time by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}}, []string{"route"}),
		received: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "apobot_messages_received_total", Help: "Customer messages taken in, by channel; duplicate=true for redeliveries."},
			[]string{"channel", "duplicate"}),
		read: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "apobot_messages_understood_total",
			Help: "Typed customer messages by how much the bot could place: understood, partly (the rest handed to the pharmacist), not_understood."},
			[]string{"channel", "understood"}),
		scans: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "apobot_scans_total", Help: "Photos read, by outcome."}, []string{"outcome"}),
		scanTime: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "apobot_scan_duration_seconds", Help: "Time to read one photo.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2, 4, 8, 16}}),
		purges: prometheus.NewCounter(prometheus.CounterOpts{Name: "apobot_purges_total", Help: "Nightly purges run."}),
		purged: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "apobot_purged_total", Help: "What the purges removed or expired."}, []string{"what"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.received, m.read, m.scans, m.scanTime, m.purges, m.purged,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "apobot_queue_depth", Help: "Conversations waiting for a worker."},
			func() float64 { return float64(queueDepth()) }),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

// serveMetrics answers GET /metrics, and nothing else, on a listener of its
// own (APOBOT_METRICS_ADDR) until stop is called.
func serveMetrics(ctx context.Context, addr string, h http.Handler, log *slog.Logger) (stop func(), err error) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", h)
	return serveBeside(ctx, addr, envMetricsAddr, mux, log, "metrics on their own address")
}

// serveBeside serves h on a listener of its own at addr (the setting env
// names it) until stop is called; it says so in the log with what.
func serveBeside(ctx context.Context, addr, env string, h http.Handler, log *slog.Logger, what string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (%s): %w", addr, env, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go srv.Serve(ln)
	log.Info(what, "addr", ln.Addr().String())
	return func() {
		shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdownCtx)
	}, nil
}

func (m *metrics) request(method, route string, status int, took time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

func (m *metrics) purge(r retention.Report) {
	m.purges.Inc()
	for what, n := range r.Counts() {
		m.purged.WithLabelValues(what).Add(float64(n))
	}
}

// Received, Understood and Scanned make metrics the engine's bot.Observer.
func (m *metrics) Received(ch bot.Channel, duplicate bool) {
	m.received.WithLabelValues(string(ch), strconv.FormatBool(duplicate)).Inc()
}

func (m *metrics) Understood(ch bot.Channel, u bot.Understanding) {
	m.read.WithLabelValues(string(ch), string(u)).Inc()
}

func (m *metrics) Scanned(outcome string, took time.Duration) {
	m.scans.WithLabelValues(outcome).Inc()
	m.scanTime.Observe(took.Seconds())
}

var _ bot.Observer = (*metrics)(nil)

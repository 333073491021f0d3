package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/apobot/apobot/bot/engine"
)

// Names of the environment variables apobot reads.
const (
	envAddr    = "APOBOT_ADDR"
	envDataDir = "APOBOT_DATA_DIR"
	// envDatabaseURL names a PostgreSQL database (postgres://…, or _FILE);
	// unset, the database is SQLite in the data folder.
	envDatabaseURL = "APOBOT_DATABASE_URL"
	envLogLevel    = "APOBOT_LOG_LEVEL"
	// envScanQueue is how many photos may wait for the scanner before the
	// web chat asks for a retry (503 with Retry-After).
	envScanQueue = "APOBOT_SCAN_QUEUE"
	// envTrustedProxies lists the reverse proxies (addresses or CIDR
	// ranges) whose X-Forwarded-For and X-Forwarded-Proto are believed.
	envTrustedProxies = "APOBOT_TRUSTED_PROXIES"
	// envMetricsAddr moves /metrics to a listener of its own (such as
	// 127.0.0.1:9090), off the customers' port.
	envMetricsAddr = "APOBOT_METRICS_ADDR"
	// envMetricsToken is a Bearer token that /metrics on the customers'
	// port asks for (or _FILE); without it only this machine may read it.
	envMetricsToken = "APOBOT_METRICS_TOKEN"
	// envClaimLease is how long the chats a process was working on wait
	// after it died before another apobot process on the same PostgreSQL
	// database takes them up (a Go duration, 2s to 1h; default 1m).
	envClaimLease = "APOBOT_CLAIM_LEASE"
	// envChatIdle is how long a web chat token lives without a message from
	// its customer (a Go duration, 1s to 720h; default the retention's
	// abandoned_hours, 48h): then the page begins a new chat.
	envChatIdle = "APOBOT_CHAT_IDLE"
)

// config is what serve needs to start.
type config struct {
	Addr        string
	DataDir     string
	DatabaseURL string // "": SQLite in DataDir
	LogLevel    slog.Level
	ScanQueue   int
	Proxies     []*net.IPNet
	ClaimLease  time.Duration
	ChatIdle    time.Duration // 0: the retention's abandoned window

	MetricsAddr  string // "": /metrics on Addr
	MetricsToken string // "": /metrics on Addr for loopback clients only

	TLS tlsSettings // HTTPS on Addr, when on
}

// loadConfig reads the environment, applies defaults and validates.
func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		Addr:    valueOr(getenv(envAddr), ":8080"),
		DataDir: valueOr(getenv(envDataDir), "./data"),
	}
	var errs []error
	if err := c.LogLevel.UnmarshalText([]byte(valueOr(getenv(envLogLevel), "info"))); err != nil {
		errs = append(errs, fmt.Errorf("%s: want debug, info, warn or error, got %q", envLogLevel, getenv(envLogLevel)))
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("%s: want host:port such as :8080, got %q", envAddr, c.Addr))
	}
	if strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, fmt.Errorf("%s: must name a folder", envDataDir))
	}
	if url, err := secret(getenv, envDatabaseURL); err != nil {
		errs = append(errs, err)
	} else if url != "" && !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		errs = append(errs, fmt.Errorf("%s: want a postgres:// URL, or leave it unset for SQLite in the data folder", envDatabaseURL))
	} else {
		c.DatabaseURL = url
	}
	c.ScanQueue = engine.DefaultMaxPendingPhotos
	if v := strings.TrimSpace(getenv(envScanQueue)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			errs = append(errs, fmt.Errorf("%s: want a number from 1 to 10000, got %q", envScanQueue, v))
		}
		c.ScanQueue = n
	}
	c.ClaimLease = engine.DefaultClaimLease
	if v := strings.TrimSpace(getenv(envClaimLease)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 2*time.Second || d > time.Hour {
			errs = append(errs, fmt.Errorf("%s: want a duration from 2s to 1h such as 30s, got %q", envClaimLease, v))
		}
		c.ClaimLease = d
	}
	if v := strings.TrimSpace(getenv(envChatIdle)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 720*time.Hour {
			errs = append(errs, fmt.Errorf("%s: want a duration from 1s to 720h such as 24h, got %q", envChatIdle, v))
		}
		c.ChatIdle = d
	}
	proxies, err := parseProxies(getenv(envTrustedProxies))
	if err != nil {
		errs = append(errs, err)
	}
	c.Proxies = proxies
	c.MetricsAddr = strings.TrimSpace(getenv(envMetricsAddr))
	if _, port, err := net.SplitHostPort(c.MetricsAddr); c.MetricsAddr != "" && (err != nil || port == "") {
		errs = append(errs, fmt.Errorf("%s: want host:port such as 127.0.0.1:9090, got %q", envMetricsAddr, c.MetricsAddr))
	}
	if c.MetricsToken, err = secret(getenv, envMetricsToken); err != nil {
		errs = append(errs, err)
	}
	if c.TLS, err = loadTLS(getenv); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// parseProxies reads a list of addresses or CIDR ranges, separated by
// commas or spaces ("127.0.0.1, 10.0.0.0/8").
func parseProxies(v string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !strings.Contains(f, "/") {
			if ip := net.ParseIP(f); ip != nil {
				bits := 8 * len(ip.To16())
				if ip.To4() != nil {
					ip, bits = ip.To4(), 32
				}
				out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
				continue
			}
		}
		_, n, err := net.ParseCIDR(f)
		if err != nil {
			return nil, fmt.Errorf("%s: want addresses or ranges such as 127.0.0.1, 10.0.0.0/8, got %q", envTrustedProxies, f)
		}
		out = append(out, n)
	}
	return out, nil
}

func valueOr(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return strings.TrimSpace(v)
}

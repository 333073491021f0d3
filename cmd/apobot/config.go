package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot"
)

// Names of the environment variables apobot reads.
const (
	envAddr     = "APOBOT_ADDR"
	envDataDir  = "APOBOT_DATA_DIR"
	envLogLevel = "APOBOT_LOG_LEVEL"
	// envScanQueue is how many photos may wait for the scanner before the
	// web chat asks for a retry (503 with Retry-After).
	envScanQueue = "APOBOT_SCAN_QUEUE"
)

// config is what serve needs to start.
type config struct {
	Addr      string
	DataDir   string
	LogLevel  slog.Level
	ScanQueue int
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
	c.ScanQueue = bot.DefaultMaxPendingPhotos
	if v := strings.TrimSpace(getenv(envScanQueue)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			errs = append(errs, fmt.Errorf("%s: want a number from 1 to 10000, got %q", envScanQueue, v))
		}
		c.ScanQueue = n
	}
	return c, errors.Join(errs...)
}

func valueOr(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return strings.TrimSpace(v)
}

package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
)

// Names of the environment variables apobot reads.
const (
	envAddr     = "APOBOT_ADDR"
	envDataDir  = "APOBOT_DATA_DIR"
	envLogLevel = "APOBOT_LOG_LEVEL"
)

// config is what serve needs to start.
type config struct {
	Addr     string
	DataDir  string
	LogLevel slog.Level
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
	return c, errors.Join(errs...)
}

func valueOr(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return strings.TrimSpace(v)
}

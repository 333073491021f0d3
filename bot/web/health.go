package web

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// healthz answers 200 when the database answers, 503 otherwise. It carries no data.
func (s *Server) healthz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if s.cfg.DB != nil {
		if err := s.cfg.DB.Ping(ctx); err != nil {
			return unavailable(err)
		}
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// metrics serves the Prometheus counters (counts only), not to everyone on
// the customers' port: with a MetricsToken, to a request bearing it (401
// otherwise); without one, to clients on this machine only (404 to others,
// also behind a trusted proxy, where the client's own address counts).
func (s *Server) metrics(c echo.Context) error {
	if s.cfg.Metrics == nil {
		return echo.ErrNotFound
	}
	if s.cfg.MetricsToken != "" {
		token, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok || !sameToken(token, s.cfg.MetricsToken) {
			c.Response().Header().Set("WWW-Authenticate", "Bearer")
			return errMetricsToken
		}
	} else if ip := net.ParseIP(c.RealIP()); ip == nil || !ip.IsLoopback() {
		return echo.ErrNotFound
	}
	s.cfg.Metrics.ServeHTTP(c.Response(), c.Request())
	return nil
}

var errMetricsToken = &httpError{http.StatusUnauthorized, "web.metrics_token", nil, nil}

package web

import (
	"context"
	"net/http"
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

// metrics serves the Prometheus counters (counts only).
func (s *Server) metrics(c echo.Context) error {
	if s.cfg.Metrics == nil {
		return echo.ErrNotFound
	}
	s.cfg.Metrics.ServeHTTP(c.Response(), c.Request())
	return nil
}

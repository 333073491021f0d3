package web

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
)

// accessLog logs one line per request with the route pattern, never the URL: query
// strings carry verify tokens and chat tokens.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("method", c.Request().Method),
			slog.String("route", routeOf(c)),
			slog.Int("status", c.Response().Status),
			slog.Duration("duration", took))
		if s.cfg.ObserveRequest != nil {
			s.cfg.ObserveRequest(c.Request().Method, routeOf(c), c.Response().Status, took)
		}
		return nil
	}
}

// routeOf returns the matched route pattern, or a fixed word for unmatched paths.
func routeOf(c echo.Context) string {
	if p := c.Path(); p != "" && c.Response().Status != 404 {
		return p
	}
	return "unmatched"
}

// recoverPanic turns a panic in a handler into a 500 with a logged error, and
// keeps the server running.
func (s *Server) recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic in handler for %s: %v", routeOf(c), r)
			}
		}()
		return next(c)
	}
}

// secureHeaders sets headers every response gets. The CSP allows nothing from
// other origins and no inline script.
func secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "geolocation=(), microphone=(), camera=(self)")
		if isHTTPS(c) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}

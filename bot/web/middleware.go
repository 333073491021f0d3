package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// accessLog logs one line per request with the route pattern, never the URL: query
// strings carry verify tokens and chat tokens. Method and route are folded
// into fixed sets, so invented methods and paths cannot grow the metrics.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		method, route := methodOf(c.Request().Method), s.routeOf(c)
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("method", method),
			slog.String("route", route),
			slog.Int("status", c.Response().Status),
			slog.Duration("duration", took))
		if s.cfg.ObserveRequest != nil {
			s.cfg.ObserveRequest(method, route, c.Response().Status, took)
		}
		return nil
	}
}

// methodOf names a request's method, or OTHER for one HTTP does not define.
func methodOf(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}

// routeOf returns the matched route pattern, or "unmatched" for a path no
// route of apobot's serves.
func (s *Server) routeOf(c echo.Context) string {
	if p := c.Path(); s.patterns[p] && c.Response().Status != http.StatusNotFound {
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
				err = fmt.Errorf("panic in handler for %s: %v", s.routeOf(c), r)
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

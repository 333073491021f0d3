package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Pinger reports whether a dependency (the database) is usable.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Config wires a Server.
type Config struct {
	Logger *slog.Logger
	DB     Pinger
}

// Server is apobot's HTTP server.
type Server struct {
	echo *echo.Echo
	log  *slog.Logger
	db   Pinger
}

// New builds the server and its routes.
func New(cfg Config) *Server {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	s := &Server{echo: e, log: cfg.Logger, db: cfg.DB}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	e.HTTPErrorHandler = s.handleError
	s.routes()
	return s
}

// Handler returns the server as an http.Handler, for tests and custom listeners.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve answers requests on ln until ctx is done, then shuts down gracefully,
// letting requests in flight finish for up to 10 seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down http: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http: %w", err)
	}
	return nil
}

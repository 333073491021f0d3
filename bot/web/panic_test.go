package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestPanicBecomes500 lives inside the package: it adds a route that panics.
func TestPanicBecomes500(t *testing.T) {
	var logs strings.Builder
	srv, err := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv.echo.GET("/boom", func(echo.Context) error { panic("kaputt") })
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	res, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 500 {
		t.Fatalf("status = %d, want 500", res.StatusCode)
	}
	if res, err = http.Get(ts.URL + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("server unhealthy after a panic: %v", err)
	}
	res.Body.Close()
}

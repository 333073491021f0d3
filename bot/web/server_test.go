package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/store"
)

// newTestServer starts the real echo server over httptest with a fresh database.
func newTestServer(t *testing.T) (*httptest.Server, *store.DB, *safeBuilder) {
	t.Helper()
	h := newHarness(t, harnessOptions{})
	return h.ts, h.db, h.logs
}

func TestHealthz(t *testing.T) {
	ts, db, _ := newTestServer(t)
	res, err := http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]string
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || body["status"] != "ok" || len(body) != 1 {
		t.Fatalf("healthz = %d %v, want 200 {status: ok}", res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Fatalf("CSP = %q", csp)
	}
	db.Close()
	res, err = http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("healthz with closed database = %d, want 503", res.StatusCode)
	}
}

func TestUnknownRouteIsBilingualJSON(t *testing.T) {
	ts, _, logs := newTestServer(t)
	res, err := http.Get(ts.URL + "/nope?hub.verify_token=secret123")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Error map[string]string }
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 404 || body.Error["de"] == "" || body.Error["en"] == "" {
		t.Fatalf("got %d %v, want 404 with de and en", res.StatusCode, body)
	}
	if strings.Contains(logs.String(), "secret123") || strings.Contains(logs.String(), "/nope") {
		t.Fatalf("access log shows the URL: %s", logs.String())
	}
	if !strings.Contains(logs.String(), "status=404") {
		t.Fatalf("access log lacks the request: %s", logs.String())
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	srv := mustNew(t, web.Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz before shutdown: %v", err)
	}
	res.Body.Close()
	cancel()
	if err := testwait.Receive(t, "Serve to return after cancel", done); err != nil {
		t.Fatalf("Serve returned %v, want nil after shutdown", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

func TestStaticNameThatIsNoFileNameIs404(t *testing.T) {
	ts, _, logs := newTestServer(t)
	for _, path := range []string{"/static/%ff", "/static/a%00b", "/static/", "/static/chat.js/"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Fatalf("an odd static name logged an error:\n%s", logs.String())
	}
}

// TestSlowWebhookBodyIs408 sends a webhook whose body stops arriving: the
// server's read deadline ends it with 408, and no error line names the peer.
func TestSlowWebhookBodyIs408(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ts := httptest.NewUnstartedServer(h.server.Handler())
	ts.Config.ReadTimeout = 300 * time.Millisecond
	ts.Start()
	defer ts.Close()
	for _, path := range []string{"/webhooks/whatsapp", "/webhooks/telegram"} {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		// Ten bytes of a promised thousand, then nothing.
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: %s\r\nContent-Length: 1000\r\n\r\n{\"object\":", path, tgSecret)
		conn.SetReadDeadline(time.Now().Add(time.Minute))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		res.Body.Close()
		conn.Close()
		if res.StatusCode != http.StatusRequestTimeout {
			t.Errorf("%s with a stalled body: %d, want 408", path, res.StatusCode)
		}
	}
	if logs := h.logs.String(); strings.Contains(logs, "level=ERROR") || strings.Contains(logs, "127.0.0.1") {
		t.Fatalf("a slow body was logged as an error or with the peer's address:\n%s", logs)
	}
}

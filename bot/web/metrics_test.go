package web_test

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMetricsLabelsStayBounded floods the server with invented methods and
// paths: the labels requests are counted under stay a fixed, small set.
func TestMetricsLabelsStayBounded(t *testing.T) {
	var mu sync.Mutex
	labels := map[string]bool{}
	h := newHarness(t, harnessOptions{observe: func(method, route string, status int, _ time.Duration) {
		mu.Lock()
		labels[method+" "+route] = true
		mu.Unlock()
	}})
	for i := range 300 {
		method := fmt.Sprintf("X%dMETHOD", i)
		req, _ := http.NewRequest(method, fmt.Sprintf("%s/random/%d?x=%d", h.ts.URL, i, i), nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
		req, _ = http.NewRequest(method, h.ts.URL+"/chat/messages", nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
		if res, err := http.Get(fmt.Sprintf("%s/nope/%d", h.ts.URL, i)); err == nil {
			res.Body.Close()
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(labels) > 4 {
		t.Fatalf("900 odd requests made %d label pairs, want at most 4: %v", len(labels), labels)
	}
	for l := range labels {
		if strings.Contains(l, "METHOD") || strings.Contains(l, "random") || strings.Contains(l, "nope") {
			t.Fatalf("a label carries what the client invented: %q", l)
		}
	}
	if logs := h.logs.String(); strings.Contains(logs, "METHOD") {
		t.Fatal("the access log carries an invented method")
	}
}

// TestMetricsAreNotPublic: without a token /metrics answers only clients on
// this machine (a client behind the trusted proxy is not one); with a token,
// only a request bearing it.
func TestMetricsAreNotPublic(t *testing.T) {
	counts := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "apobot_up 1\n") })
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	get := func(h *harness, header, value string) int {
		req, _ := http.NewRequest(http.MethodGet, h.ts.URL+"/metrics", nil)
		if header != "" {
			req.Header.Set(header, value)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	open := newHarness(t, harnessOptions{metrics: counts, proxies: []*net.IPNet{loopback}})
	if got := get(open, "", ""); got != http.StatusOK {
		t.Errorf("from this machine: %d, want 200", got)
	}
	if got := get(open, "X-Forwarded-For", "203.0.113.7"); got != http.StatusNotFound {
		t.Errorf("from a customer behind the proxy: %d, want 404", got)
	}
	locked := newHarness(t, harnessOptions{metrics: counts, metricsToken: "scrape-secret-1"})
	for value, want := range map[string]int{"": http.StatusUnauthorized, "Bearer wrong": http.StatusUnauthorized, "Bearer scrape-secret-1": http.StatusOK} {
		if got := get(locked, "Authorization", value); got != want {
			t.Errorf("with a token set, Authorization %q: %d, want %d", value, got, want)
		}
	}
}

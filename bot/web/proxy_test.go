package web_test

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/web"
)

// forwarding makes a client's requests carry proxy headers.
type forwarding struct {
	header http.Header
	next   http.RoundTripper
}

func (f forwarding) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range f.header {
		r.Header[k] = v
	}
	return f.next.RoundTrip(r)
}

// behind gives a staff client the headers a proxy would add for a browser
// at addr that spoke proto to it.
func (s *staffClient) behind(addr, proto string) *staffClient {
	s.c.Transport = forwarding{header: http.Header{"X-Forwarded-For": {addr}, "X-Forwarded-Proto": {proto}},
		next: http.DefaultTransport}
	return s
}

// loginCookie posts a login and returns the status and the session cookie set.
func (s *staffClient) loginCookie(name, pw string) (int, *http.Cookie) {
	s.t.Helper()
	s.get("/staff/login")
	res, err := s.c.PostForm(s.base+"/staff/login", url.Values{"username": {name}, "password": {pw}, "_csrf": {s.csrf}})
	if err != nil {
		s.t.Fatal(err)
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "apobot_staff" || c.Name == "__Host-apobot_staff" {
			return res.StatusCode, c
		}
	}
	return res.StatusCode, nil
}

// Without a trusted proxy, X-Forwarded-For is the client's own word: a
// guesser who invents a new address for every try is still counted as one.
func TestForgedForwardingHeadersAreIgnored(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	for i := range web.AddrRule.Max {
		addr := fmt.Sprintf("198.51.100.%d", i+1)
		s := h.staffClient(t).behind(addr, "https")
		if status := s.login("name"+addr, "falsch-falsch"); status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i+1, status)
		}
	}
	s := h.staffClient(t).behind("198.51.100.200", "https")
	if status := s.login(staffName, staffPassword); status != http.StatusTooManyRequests {
		t.Fatalf("try %d from a new forged address: %d, want 429 (the peer is locked)", web.AddrRule.Max+1, status)
	}
	h.advance(web.AddrRule.Lock + time.Minute)
	status, ck := s.loginCookie(staffName, staffPassword)
	if status != http.StatusSeeOther || ck == nil || ck.Name != "apobot_staff" || ck.Secure {
		t.Fatalf("a forged X-Forwarded-Proto: %d %+v, want the plain-HTTP cookie", status, ck)
	}
}

// Behind a trusted proxy, the browser's address and scheme come from it.
func TestTrustedProxyTellsAddressAndScheme(t *testing.T) {
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	h := newHarness(t, harnessOptions{proxies: []*net.IPNet{loopback}})
	guesser := h.staffClient(t).behind("203.0.113.7", "https")
	for i := range 5 {
		if status := guesser.login(staffName, "falsch-falsch"); status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i+1, status)
		}
	}
	other := h.staffClient(t).behind("203.0.113.8", "https")
	if status := other.login("kollegin", "egal-egal-egal"); status != http.StatusUnauthorized {
		t.Fatalf("another browser behind the proxy, another name: %d, want 401 (not locked)", status)
	}
	if status := guesser.login(staffName, staffPassword); status != http.StatusTooManyRequests {
		t.Fatalf("the guesser's address with the name it guessed: %d, want 429", status)
	}
	h.advance(web.PairRule.Lock + time.Minute)
	s := h.staffClient(t).behind("203.0.113.9", "https")
	status, ck := s.loginCookie(staffName, staffPassword)
	if status != http.StatusSeeOther || ck == nil || ck.Name != "__Host-apobot_staff" || !ck.Secure || ck.Path != "/" {
		t.Fatalf("login through the TLS proxy: %d %+v, want a Secure __Host- cookie", status, ck)
	}
	_, _, hdr := s.get("/staff/login")
	if hdr.Get("Strict-Transport-Security") == "" {
		t.Fatal("no HSTS header behind the TLS proxy")
	}
}

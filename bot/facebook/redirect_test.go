package facebook

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// counted is a local service that counts the requests reaching it.
func counted(t *testing.T, tls bool, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	wrapped := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1); h(w, r) })
	s := httptest.NewUnstartedServer(wrapped)
	if tls {
		s.StartTLS()
	} else {
		s.Start()
	}
	t.Cleanup(s.Close)
	return s, &hits
}

// TestFetchFollowsRedirectsOnlyToMediaHosts: the attachment's host is an
// allowed one (a local TLS server, made allowed as the API's own host, as
// the other tests make the fake Graph API), and it redirects. A hop to a
// plain-http service, or to an https host that is not allowed, is not
// taken: those services count no request. A hop within the allowed host
// is taken, and a chain of hops ends after maxRedirects.
func TestFetchFollowsRedirectsOnlyToMediaHosts(t *testing.T) {
	photo := bytes.Repeat([]byte{0xff, 0xd8, 7}, 300)
	plain, plainHits := counted(t, false, func(w http.ResponseWriter, _ *http.Request) { w.Write(photo) })
	other, otherHits := counted(t, true, func(w http.ResponseWriter, _ *http.Request) { w.Write(photo) })
	var loopHits atomic.Int32
	cdn, _ := counted(t, true, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cdn/photo":
			w.Write(photo)
		case "/cdn/hop":
			http.Redirect(w, r, "/cdn/photo", http.StatusFound)
		case "/cdn/to-plain":
			http.Redirect(w, r, plain.URL+"/admin", http.StatusFound)
		case "/cdn/to-other":
			http.Redirect(w, r, other.URL+"/x.jpg", http.StatusMovedPermanently)
		case "/cdn/loop":
			loopHits.Add(1)
			http.Redirect(w, r, "/cdn/loop", http.StatusTemporaryRedirect)
		}
	})
	c := &Client{BaseURL: cdn.URL + "/v21.0", PageToken: pageToken, PageID: pageID, HTTP: cdn.Client()}
	ctx := context.Background()
	if got, err := c.Fetch(ctx, cdn.URL+"/cdn/hop"); err != nil || !bytes.Equal(got, photo) {
		t.Fatalf("a hop within the allowed host: %d bytes, %v", len(got), err)
	}
	for _, path := range []string{"/cdn/to-plain", "/cdn/to-other", "/cdn/loop"} {
		got, err := c.Fetch(ctx, cdn.URL+path)
		if err == nil || got != nil {
			t.Errorf("%s: fetched %d bytes, want an error", path, len(got))
		} else if strings.Contains(err.Error(), "127.0.0.1") {
			t.Errorf("%s: the error names an address: %v", path, err)
		}
	}
	if n := plainHits.Load(); n != 0 {
		t.Errorf("the plain-http service was reached %d times, want 0", n)
	}
	if n := otherHits.Load(); n != 0 {
		t.Errorf("the https host that is not allowed was reached %d times, want 0", n)
	}
	if n := loopHits.Load(); n != maxRedirects+1 {
		t.Errorf("a redirect loop was followed for %d requests, want %d", n, maxRedirects+1)
	}
}

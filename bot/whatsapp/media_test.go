package whatsapp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/apobot/apobot/bot/whatsapp"
)

// TestFetchOnlyFromMediaHosts: the media URL the Graph API names, and every
// redirect from it, must be https on Meta's media hosts or the API's own
// host. A URL on a plain-http local service, or a redirect to one, is not
// fetched: the service counts no request, and the token never leaves.
func TestFetchOnlyFromMediaHosts(t *testing.T) {
	var hits atomic.Int32
	var leaked atomic.Bool
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		leaked.Store(leaked.Load() || r.Header.Get("Authorization") != "")
		w.Write([]byte("internal"))
	}))
	defer local.Close()
	var api *httptest.Server
	api = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v21.0/elsewhere":
			json.NewEncoder(w).Encode(map[string]any{"url": local.URL + "/admin", "file_size": 10})
		case "/v21.0/redirected":
			json.NewEncoder(w).Encode(map[string]any{"url": api.URL + "/media/hop", "file_size": 10})
		case "/v21.0/good":
			json.NewEncoder(w).Encode(map[string]any{"url": api.URL + "/media/photo", "file_size": 10})
		case "/media/hop":
			http.Redirect(w, r, local.URL+"/admin", http.StatusFound)
		case "/media/photo":
			w.Write([]byte("jpeg bytes"))
		}
	}))
	defer api.Close()
	c := &whatsapp.Client{BaseURL: api.URL + "/v21.0", Token: "tok", PhoneNumberID: "1", HTTP: api.Client()}
	ctx := context.Background()
	if data, err := c.Fetch(ctx, "good"); err != nil || string(data) != "jpeg bytes" {
		t.Fatalf("media on the API's own host: %q %v", data, err)
	}
	for _, id := range []string{"elsewhere", "redirected"} {
		data, err := c.Fetch(ctx, id)
		if err == nil || data != nil {
			t.Errorf("%s: fetched %q, want an error", id, data)
		} else if strings.Contains(err.Error(), "127.0.0.1") {
			t.Errorf("%s: the error names an address: %v", id, err)
		}
	}
	if n := hits.Load(); n != 0 || leaked.Load() {
		t.Fatalf("the local plain-http service was reached %d times (token sent: %v), want 0", n, leaked.Load())
	}
}

package web_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/web"
)

// manualClock is a clock that moves only when the test moves it.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock { return &manualClock{t: clockAnchor} }

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// spellings returns the other ways to write token that a lax decoder takes
// for the same bytes: its last character carries 2 spare bits.
func spellings(token string) []string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, token[len(token)-1])
	var out []string
	for spare := range 4 {
		if i := last&^3 | spare; i != last {
			out = append(out, token[:len(token)-1]+string(alphabet[i]))
		}
	}
	return out
}

// errorID returns the error id of a JSON error answer.
func errorID(t testing.TB, body []byte) (id, de, en string) {
	t.Helper()
	var e struct{ Error struct{ ID, De, En string } }
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error answer %s: %v", body, err)
	}
	return e.Error.ID, e.Error.De, e.Error.En
}

// TestChatTokenHasOneSpelling: the spellings of a token that differ only in
// the spare bits of its last character are refused like any invalid token,
// so one token is one chat.
func TestChatTokenHasOneSpelling(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de")
	if status := w.send("hallo", nil); status != http.StatusAccepted {
		t.Fatalf("the token as given: %d, want 202", status)
	}
	other := spellings(w.token)
	if len(other) != 3 {
		t.Fatalf("spellings of %q: %v, want 3", w.token, other)
	}
	for _, s := range other {
		v := &webChat{t: t, base: w.base, token: s}
		if status := v.send("hallo", nil); status != http.StatusUnauthorized {
			t.Errorf("spelling %q: POST %d, want 401", s, status)
		}
		if status, _ := v.do(http.MethodGet, "/chat/messages", "", nil); status != http.StatusUnauthorized {
			t.Errorf("spelling %q: GET %d, want 401", s, status)
		}
	}
	if n := h.conversationCount(t); n != 1 {
		t.Fatalf("%d conversations, want 1", n)
	}
}

// FuzzChatToken: whatever the server accepts as a token encodes back to
// itself (seeded with a real token and its other spellings).
func FuzzChatToken(f *testing.F) {
	h := newHarness(f, harnessOptions{})
	token := h.webChat(f, "de").token
	f.Add(token)
	for _, s := range spellings(token) {
		f.Add(s)
	}
	f.Add(token[:20] + "\n" + token[20:])
	f.Add(token + "=")
	f.Fuzz(func(t *testing.T, s string) {
		if !web.ChatTokenValid(h.server, s) {
			return
		}
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || base64.RawURLEncoding.EncodeToString(raw) != s {
			t.Fatalf("accepted token %q does not encode back to itself", s)
		}
	})
}

// TestChatTokenEndsWhenLeftAlone: a token lives ChatIdle after it was made
// or its customer last wrote; then it gets 401 web.chat_ended and a new
// session works. A token whose request the pharmacy holds lives on.
func TestChatTokenEndsWhenLeftAlone(t *testing.T) {
	clock := newManualClock()
	h := newHarness(t, harnessOptions{now: clock.now})
	unused := h.webChat(t, "de")
	used := h.webChat(t, "en")
	clock.advance(10 * time.Hour)
	if status := used.send("hello", nil); status != http.StatusAccepted {
		t.Fatalf("send: %d", status)
	}
	get := func(w *webChat, want int, what string) []byte {
		t.Helper()
		status, body := w.do(http.MethodGet, "/chat/messages", "", nil)
		if status != want {
			t.Fatalf("%s: GET %d %s, want %d", what, status, body, want)
		}
		return body
	}
	clock.advance(web.DefaultChatIdle - 10*time.Hour - time.Second)
	get(unused, http.StatusOK, "an unused token a second before its end")
	clock.advance(time.Second)
	body := get(unused, http.StatusUnauthorized, "an unused token at its end")
	if id, de, en := errorID(t, body); id != "web.chat_ended" || de == "" || en == "" {
		t.Fatalf("ended token: %s, want web.chat_ended in German and English", body)
	}
	if status := unused.send("hallo", nil); status != http.StatusUnauthorized {
		t.Fatalf("ended token's send: %d, want 401", status)
	}
	get(used, http.StatusOK, "a token written with 10 h after it was made")
	clock.advance(10 * time.Hour)
	get(used, http.StatusUnauthorized, "a token idle since its last message")
	if fresh := h.webChat(t, "de"); fresh.send("hallo", nil) != http.StatusAccepted {
		t.Fatal("a new session after the end does not work")
	}

	waiting, _ := h.chatProposal(t, "PZN 74372349")
	clock.advance(2 * web.DefaultChatIdle)
	get(waiting, http.StatusOK, "a token whose request the pharmacy holds")
}

package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot/web"
)

// post sends a text and returns the status, the Retry-After header and the body.
func (w *webChat) post(text string) (int, string, []byte) {
	w.t.Helper()
	ct, body := form(text, nil)
	req, _ := http.NewRequest(http.MethodPost, w.base+"/chat/messages", body)
	req.Header.Set("Authorization", "Bearer "+w.token)
	req.Header.Set("Content-Type", ct)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Retry-After"), b
}

// TestChatMessagesPerChatAreLimited: one chat sends its burst, then gets
// 429 with Retry-After and a message in both languages; another chat is
// not held up, and after the wait the first may write again.
func TestChatMessagesPerChatAreLimited(t *testing.T) {
	clock := newManualClock()
	h := newHarness(t, harnessOptions{now: clock.now})
	w, other := h.webChat(t, "de"), h.webChat(t, "de")
	text := strings.Repeat("x", 2000)
	for i := range web.MessageBurst {
		if status, _, body := w.post(text); status != http.StatusAccepted {
			t.Fatalf("message %d of the burst: %d %s", i+1, status, body)
		}
	}
	status, retry, body := w.post(text)
	if status != http.StatusTooManyRequests || retry != "2" {
		t.Fatalf("message after the burst: %d, Retry-After %q, want 429 and 2", status, retry)
	}
	if id, de, en := errorID(t, body); id != "web.too_many_messages" || !strings.Contains(de, "Nachrichten") || !strings.Contains(en, "messages") {
		t.Fatalf("429 body %s", body)
	}
	if status, _, _ := other.post("hallo"); status != http.StatusAccepted {
		t.Fatalf("another chat: %d, want 202", status)
	}
	clock.advance(web.MessageEvery)
	if status, _, _ := w.post("hallo"); status != http.StatusAccepted {
		t.Fatalf("after Retry-After: %d, want 202", status)
	}
	if status, _, _ := w.post("hallo"); status != http.StatusTooManyRequests {
		t.Fatalf("a second one at once: %d, want 429", status)
	}
}

package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// webChat is a customer of the web chat, speaking its JSON API.
type webChat struct {
	t     testing.TB
	base  string
	token string
}

func (h *harness) webChat(t testing.TB, lang string) *webChat {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+"/chat/session", nil)
	req.Header.Set("Accept-Language", lang)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Token string }
	json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != http.StatusCreated || len(body.Token) < 40 {
		t.Fatalf("session: %d %+v", res.StatusCode, body)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == web.ChatCookie {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != body.Token || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie %+v", cookie)
	}
	return &webChat{t: t, base: h.ts.URL, token: body.Token}
}

// form builds a multipart body with text and a photo.
func form(text string, photo []byte) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if text != "" {
		mw.WriteField("text", text)
	}
	if photo != nil {
		fw, _ := mw.CreateFormFile("photo", "photo.jpg")
		fw.Write(photo)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func (w *webChat) do(method, path, contentType string, body io.Reader) (int, []byte) {
	w.t.Helper()
	req, _ := http.NewRequest(method, w.base+path, body)
	if w.token != "" {
		req.Header.Set("Authorization", "Bearer "+w.token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (w *webChat) send(text string, photo []byte) int {
	ct, body := form(text, photo)
	status, _ := w.do(http.MethodPost, "/chat/messages", ct, body)
	return status
}

func (w *webChat) messages() []web.ChatMessage {
	status, b := w.do(http.MethodGet, "/chat/messages?after=0", "", nil)
	var body struct{ Messages []web.ChatMessage }
	if err := json.Unmarshal(b, &body); err != nil || status != 200 {
		w.t.Fatalf("messages: %d %s", status, b)
	}
	return body.Messages
}

// waitFor waits for a bot message containing want and returns it.
func (w *webChat) waitFor(want string) string {
	w.t.Helper()
	var found string
	testwait.Until(w.t, "a reply saying "+want, func() bool {
		for _, m := range w.messages() {
			if m.From == "bot" && strings.Contains(m.Text, want) {
				found = m.Text
				return true
			}
		}
		return false
	})
	return found
}

func TestWebChatFromRequestToProposal(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de-DE,de;q=0.9")
	if msgs := w.messages(); len(msgs) != 1 || msgs[0].From != "bot" || !strings.Contains(msgs[0].Text, "Datenschutz") {
		t.Fatalf("first message %+v, want the privacy notice", msgs)
	}
	if status := w.send("Ibuprofen AL 400 20 Stück, meine KVNR ist A000500015", nil); status != http.StatusAccepted {
		t.Fatalf("send: %d", status)
	}
	w.waitFor("1× Ibuprofen AL 400 mg, 20 St. – vorrätig")
	for _, m := range w.messages() {
		if strings.Contains(m.Text, "A000500015") {
			t.Fatalf("the KVNR is shown back: %q", m.Text)
		}
	}
	if !strings.Contains(w.messages()[1].Text, "[Versichertennummer]") {
		t.Fatalf("customer message %q, want the KVNR redacted", w.messages()[1].Text)
	}
}

func TestWebChatInEnglish(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "en-GB,en;q=0.9")
	if msgs := w.messages(); !strings.Contains(msgs[0].Text, "Privacy") {
		t.Fatalf("greeting %q, want English", msgs[0].Text)
	}
	w.send("When are you open?", nil)
	w.waitFor("Today")
}

func TestWebChatRefusesBadRequests(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de")
	ct, body := form("hallo", nil)
	forged := &webChat{t: t, base: h.ts.URL, token: strings.Repeat("A", 43)}
	noToken := &webChat{t: t, base: h.ts.URL}
	bigPhoto := append([]byte("\xff\xd8\xff\xe0"), make([]byte, 11<<20)...)
	textCT, textBody := form("", []byte("this is a text file, not a photo"))
	cases := []struct {
		name   string
		status int
		got    func() int
	}{
		{"no token", 401, func() int { s, _ := noToken.do("POST", "/chat/messages", ct, body); return s }},
		{"forged token", 401, func() int { s, _ := forged.do("GET", "/chat/messages", "", nil); return s }},
		{"malformed token", 401, func() int {
			s, _ := (&webChat{t: t, base: h.ts.URL, token: "x'; DROP"}).do("GET", "/chat/messages", "", nil)
			return s
		}},
		{"a text file as photo", 415, func() int { s, _ := w.do("POST", "/chat/messages", textCT, textBody); return s }},
		{"11 MB photo", 413, func() int { return w.send("", bigPhoto) }},
		{"JSON instead of a form", 415, func() int {
			s, _ := w.do("POST", "/chat/messages", "application/json", strings.NewReader(`{"text":"x"}`))
			return s
		}},
		{"empty message", 400, func() int { return w.send("", nil) }},
		{"overlong text", 413, func() int { return w.send(strings.Repeat("Ibuprofen ", 300), nil) }},
		{"after is no number", 400, func() int { s, _ := w.do("GET", "/chat/messages?after=x", "", nil); return s }},
	}
	for _, c := range cases {
		if got := c.got(); got != c.status {
			t.Errorf("%s: status %d, want %d", c.name, got, c.status)
		}
	}
	if msgs := w.messages(); len(msgs) != 1 {
		t.Fatalf("refused requests stored messages: %+v", msgs)
	}
	if res, err := http.Get(h.ts.URL + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("unhealthy after bad requests: %v", err)
	}
}

func TestWebChatDeleteErasesEverything(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de")
	w.send("PZN 74372349", nil)
	w.waitFor("Verstanden")
	if status, _ := w.do(http.MethodDelete, "/chat", "", nil); status != http.StatusNoContent {
		t.Fatalf("delete: %d", status)
	}
	// The token made no row and leaves none: it shows the greeting again,
	// nothing of the erased chat.
	if msgs := w.messages(); len(msgs) != 1 || msgs[0].ID != 0 || strings.Contains(msgs[0].Text, "74372349") {
		t.Fatalf("after delete: %+v, want only the unstored greeting", msgs)
	}
	if backlog, _ := h.db.Backlog(t.Context()); len(backlog) != 0 {
		t.Fatalf("backlog %v after delete", backlog)
	}
}

func TestWebChatTypedDeleteConfirms(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de")
	w.send("Ibuprofen AL 400 20 Stück", nil)
	w.waitFor("Verstanden")
	w.send("löschen", nil)
	w.waitFor("Alles aus diesem Chat ist gelöscht") // not the proposal's "der Chat wird gelöscht"
	if msgs := w.messages(); len(msgs) != 1 {
		t.Fatalf("after löschen the chat holds %d messages, want the confirmation only", len(msgs))
	}
}

func TestChatPage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	for path, want := range map[string]string{"/": `<script src="/static/chat.js"`, "/static/chat.js": "/chat/session", "/static/chat.css": ".composer"} {
		res, err := http.Get(h.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d, body lacks %q", path, res.StatusCode, want)
		}
		if csp := res.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
	}
	res, _ := http.Get(h.ts.URL + "/")
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, bad := range []string{"http://", "https://", "<script>", "onclick"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("the page holds %q: no third-party assets or inline script allowed", bad)
		}
	}
	if !strings.Contains(string(b), "Löwen-Apotheke") || !strings.Contains(string(b), `capture="environment"`) {
		t.Error("the page lacks the pharmacy name or the camera input")
	}
	if res, _ := http.Get(h.ts.URL + "/static/"); res.StatusCode != 404 {
		t.Errorf("/static/ lists files: %d", res.StatusCode)
	}
}

// TestChatSessionsStoreNothingAndAreLimited: starting chats writes no row
// until a message comes, and one address may start only so many.
func TestChatSessionsStoreNothingAndAreLimited(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	start := time.Now()
	created, refused := 0, 0
	for range 60 {
		res, err := http.Post(h.ts.URL+"/chat/session", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		switch res.StatusCode {
		case http.StatusCreated:
			created++
		case http.StatusTooManyRequests:
			refused++
			if res.Header.Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		default:
			t.Fatalf("session: %d", res.StatusCode)
		}
	}
	// 30 at once, then 3 a minute: the slower the machine, the more refill.
	if allowed := 30 + 1 + int(time.Since(start).Minutes()*3); created > allowed || refused == 0 {
		t.Fatalf("%d sessions started from one address, %d refused; want at most %d", created, refused, allowed)
	}
	if n := h.conversationCount(t); n != 0 {
		t.Fatalf("%d conversations stored for %d sessions without a message, want none", n, created)
	}
	// Another address is not held back by the first one's limit.
	other := newHarness(t, harnessOptions{proxies: loopbackNet(t)})
	req, _ := http.NewRequest(http.MethodPost, other.ts.URL+"/chat/session", nil)
	for i := range 31 {
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", 1+i%2))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("session %d from two addresses: %d", i, res.StatusCode)
		}
	}
	// A message makes the conversation, greeting and all.
	w := other.webChat(t, "de")
	w.send("PZN 74372349", nil)
	w.waitFor("Verstanden")
	if n := other.conversationCount(t); n != 1 {
		t.Fatalf("%d conversations after the first message, want 1", n)
	}
}

// TestWebChatLanguageSwitch: the page's switch changes the language of a
// chat before its first message (a new token) and after (the
// conversation); the messages say the chat's language for the page to
// follow, also when the customer asked the bot for the other one.
func TestWebChatLanguageSwitch(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de-DE")
	lang := func() string {
		status, b := w.do(http.MethodGet, "/chat/messages?after=0", "", nil)
		var body struct{ Lang string }
		if err := json.Unmarshal(b, &body); err != nil || status != http.StatusOK {
			t.Fatalf("messages: %d %s", status, b)
		}
		return body.Lang
	}
	set := func(to string) (int, string) {
		status, b := w.do(http.MethodPost, "/chat/language", "application/x-www-form-urlencoded", strings.NewReader("lang="+to))
		var body struct{ Token, Lang string }
		json.Unmarshal(b, &body)
		return status, body.Token
	}
	if got := lang(); got != "de" {
		t.Fatalf("a German browser's chat speaks %q", got)
	}
	status, token := set("en")
	if status != http.StatusOK || token == "" || token == w.token {
		t.Fatalf("switch before the first message: %d, token %q", status, token)
	}
	w.token = token
	if got := lang(); got != "en" || !strings.Contains(w.messages()[0].Text, "Privacy") {
		t.Fatalf("after the switch the chat speaks %q: %q", got, w.messages()[0].Text)
	}
	w.send("PZN 74372349", nil) // no word to tell a language by
	w.waitFor("Understood")
	if status, token := set("de"); status != http.StatusOK || token != "" {
		t.Fatalf("switch in a chat: %d, token %q (want the same session)", status, token)
	}
	if got := lang(); got != "de" {
		t.Fatalf("after switching back the chat speaks %q", got)
	}
	w.send("2x", nil)
	w.waitFor("Verstanden")
	w.send("in English please", nil)
	w.waitFor("in English from now on")
	if got := lang(); got != "en" {
		t.Fatalf("after 'in English please' the chat speaks %q: the page would not follow", got)
	}
	if status, _ := set("fr"); status != http.StatusBadRequest {
		t.Fatalf("lang=fr: %d, want 400", status)
	}
}

// TestWebChatTakesAURLEncodedText: a url-encoded form with text is taken
// like the multipart one; a url-encoded form cannot carry a photo.
func TestWebChatTakesAURLEncodedText(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w := h.webChat(t, "de")
	if status, body := w.do(http.MethodPost, "/chat/messages", "application/x-www-form-urlencoded", strings.NewReader("text=PZN+74372349")); status != http.StatusAccepted {
		t.Fatalf("url-encoded text: %d %s, want 202", status, body)
	}
	w.waitFor("Verstanden")
	if status, _ := w.do(http.MethodPost, "/chat/messages", "application/x-www-form-urlencoded", strings.NewReader("photo=abc")); status != http.StatusBadRequest {
		t.Fatalf("url-encoded without text: %d, want 400", status)
	}
}

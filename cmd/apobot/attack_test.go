package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photogen"
)

// The attacks of issue 13, against the built binary. Each figure a test
// measures is logged, for docs/security.md.

// loginAs tries one login for name from addr in a fresh browser (or in
// jar's, when given) and returns the status.
func loginAs(t *testing.T, base, addr, name, pw string, jar http.CookieJar) int {
	t.Helper()
	if jar == nil {
		jar, _ = cookiejar.New(nil)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(from(mustRequest(http.MethodGet, base+"/staff/login", nil), addr))
	if err != nil {
		t.Error(err)
		return 0
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfRe.FindSubmatch(page)
	if m == nil {
		t.Errorf("no login form: %d", res.StatusCode)
		return 0
	}
	form := url.Values{"username": {name}, "password": {pw}, "_csrf": {string(m[1])}}
	req := mustRequest(http.MethodPost, base+"/staff/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, err = c.Do(from(req, addr)); err != nil {
		t.Error(err)
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

func mustRequest(method, u string, body io.Reader) *http.Request {
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		panic(err)
	}
	return req
}

func firstPassword(t *testing.T, printed string) string {
	t.Helper()
	m := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no first account printed:\n%s", printed)
	}
	return m[1]
}

// TestLoginBurstAndLockout: fifty logins at once for unknown names, each
// from its own address, keep the process under 400 MB; twenty at once for
// the pharmacist's name from one address get five password checks; a
// stranger's guesses from other addresses do not lock the counter tablet
// out, but hold off a browser new to the name.
func TestLoginBurstAndLockout(t *testing.T) {
	p := startBinary(t)
	pw := firstPassword(t, p.out.String())
	tablet, _ := cookiejar.New(nil) // the counter tablet's browser, where she logged in before
	if status := loginAs(t, p.base, "192.0.2.10", "apotheke", pw, tablet); status != http.StatusSeeOther {
		t.Fatalf("the tablet's first login: %d", status)
	}
	before := p.peakMemory(t)
	var wg sync.WaitGroup
	statuses := make([]int, 50)
	for i := range statuses {
		wg.Go(func() {
			statuses[i] = loginAs(t, p.base, fmt.Sprintf("198.51.100.%d", i+1), fmt.Sprint("unbekannt", i), "geraten-geraten", nil)
		})
	}
	wg.Wait()
	peak := p.peakMemory(t)
	t.Logf("50 parallel logins: statuses %v; peak memory %.0f MB (%.0f MB before the burst)", count(statuses), peak, before)
	if peak >= 400 {
		t.Fatalf("peak memory %.0f MB under a 50-login burst, want below 400", peak)
	}
	for i := range statuses {
		statuses[i] = 0
	}
	statuses = statuses[:20]
	for i := range statuses {
		guess := "falsch-falsch"
		if i == 7 {
			guess = pw
		}
		wg.Go(func() { statuses[i] = loginAs(t, p.base, "203.0.113.5", "apotheke", guess, nil) })
	}
	wg.Wait()
	c := count(statuses)
	t.Logf("20 parallel logins for one name from one address: %v", c)
	if c[http.StatusTooManyRequests] < 15 {
		t.Fatalf("statuses %v: want at most 5 checked, the rest 429", c)
	}
	// Five wrong passwords lock the name at the guesser's address; the
	// counter tablet, at another, is not locked out.
	for i := range 5 {
		if status := loginAs(t, p.base, "203.0.113.6", "apotheke", "falsch-falsch", nil); status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i+1, status)
		}
	}
	if status := loginAs(t, p.base, "203.0.113.6", "apotheke", pw, nil); status != http.StatusTooManyRequests {
		t.Fatalf("the guesser's address with the right password: %d, want 429", status)
	}
	// Ten tries used up the name's budget: a browser new to the name waits,
	// the tablet does not. When the right password was among the burst's
	// five checked tries, its success gave the name's try back: one more
	// wrong one from a third address makes ten.
	if c[http.StatusSeeOther] > 0 {
		if status := loginAs(t, p.base, "203.0.113.7", "apotheke", "falsch-falsch", nil); status != http.StatusUnauthorized {
			t.Fatalf("the tenth try: %d, want 401", status)
		}
	}
	if status := loginAs(t, p.base, "198.51.100.200", "apotheke", pw, nil); status != http.StatusTooManyRequests {
		t.Fatalf("a new browser elsewhere after ten tries for the name: %d, want 429", status)
	}
	if status := loginAs(t, p.base, "192.0.2.10", "apotheke", pw, tablet); status != http.StatusSeeOther {
		t.Fatalf("the counter tablet after a stranger's guesses: %d, want 303", status)
	}
}

func count(statuses []int) map[int]int {
	m := map[int]int{}
	for _, s := range statuses {
		m[s]++
	}
	return m
}

// TestPhotosAreStoredClean: a JPEG with a GPS block sent straight to the web
// chat reaches the tablet without it; a WhatsApp "image" that is an HTML
// page is answered and not kept.
func TestPhotosAreStoredClean(t *testing.T) {
	p := startBinary(t)
	tok := webSession(t, p.base)
	postForm(t, p.base, tok, "PZN 74372349", nil)
	waitWeb(t, p.base, tok, "Verstanden")
	res, err := http.DefaultClient.Do(chatPost(p.base, tok, "", photogen.WithEXIF(sample(t, photogen.Pack, 5).JPEG, 6)))
	if err != nil {
		t.Fatal(err)
	}
	var sent struct{ ID int64 }
	json.NewDecoder(res.Body).Decode(&sent)
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("photo: %d", res.StatusCode)
	}
	page := []byte(`<html><head><meta http-equiv="refresh" content="0;url=https://example.org/"></head></html>`)
	p.wa.AddMedia("media-html", page)
	body := fakes.WhatsAppWebhook(waPhone, "4915100000777", "wamid.HTML", "", "media-html", time.Now())
	if status := post(t, p.base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, waSecret)); status != 200 {
		t.Fatalf("webhook: %d", status)
	}
	waitFor(t, "the answer to the HTML page", func() string { return joinWA(p.wa.Sent()) }, "kann ich nicht öffnen")

	s := staffLogin(t, p.base, p.out.String())
	res, err = s.c.Get(fmt.Sprintf("%s/staff/requests/%s/photos/%d", p.base, firstRequest(t, s, p.base), sent.ID))
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" || bytes.Contains(served, []byte(photogen.GPSPlace)) {
		t.Fatalf("photo served %d as %q, GPS block kept: %v", res.StatusCode, res.Header.Get("Content-Type"),
			bytes.Contains(served, []byte(photogen.GPSPlace)))
	}
	if n := storedPhotos(t, dbPath(p.dir)); n != 1 {
		t.Fatalf("%d photos stored, want 1 (the web chat's; not the HTML page)", n)
	}
}

// storedPhotos counts the messages that keep a photo.
func storedPhotos(t *testing.T, db string) int {
	conn := openRO(t, db)
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT COUNT(*) FROM messages WHERE photo IS NOT NULL AND length(photo) > 0").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFloodsStayBounded: 2,000 requests with invented methods and paths
// leave /metrics the size it was; /metrics is not served to a customer;
// starting chats stores nothing and is limited per address.
func TestFloodsStayBounded(t *testing.T) {
	p := startBinary(t)
	metrics := func() int {
		res, err := http.Get(p.base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("/metrics from this machine: %d", res.StatusCode)
		}
		return len(b)
	}
	sizeBefore := metrics()
	rng := rand.New(rand.NewPCG(13, 13))
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range 2000 {
		method := fmt.Sprintf("M%06d", rng.IntN(1_000_000))
		req := mustRequest(method, fmt.Sprintf("%s/x%d/%d", p.base, rng.IntN(1000), i), nil)
		if res, err := client.Do(req); err == nil {
			res.Body.Close()
		}
	}
	sizeAfter := metrics()
	t.Logf("/metrics: %d bytes before 2,000 odd requests, %d after", sizeBefore, sizeAfter)
	if sizeAfter > sizeBefore+4096 {
		t.Fatalf("/metrics grew from %d to %d bytes", sizeBefore, sizeAfter)
	}
	if strings.Contains(p.logs.String(), "method=M0") {
		t.Fatal("an invented method is in the log")
	}
	res, err := http.DefaultClient.Do(from(mustRequest(http.MethodGet, p.base+"/metrics", nil), "203.0.113.9"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics for a customer: %d, want 404", res.StatusCode)
	}
	created, refused := 0, 0
	for range 60 {
		res, err := http.DefaultClient.Do(from(mustRequest(http.MethodPost, p.base+"/chat/session", nil), "203.0.113.10"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		switch res.StatusCode {
		case http.StatusCreated:
			created++
		case http.StatusTooManyRequests:
			refused++
		}
	}
	conn := openRO(t, dbPath(p.dir))
	defer conn.Close()
	var rows int
	if err := conn.QueryRow("SELECT COUNT(*) FROM conversations").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	t.Logf("60 chat sessions from one address: %d started, %d refused, %d rows stored", created, refused, rows)
	if refused == 0 || rows != 0 {
		t.Fatalf("%d sessions refused, %d conversation rows: want some refused and none stored", refused, rows)
	}
}

// TestReplayAfterErasureFilesNothing: a signed WhatsApp message delivered
// again after its request was approved (and its chat erased) starts no
// chat and files no request.
func TestReplayAfterErasureFilesNothing(t *testing.T) {
	p := startBinary(t)
	body := fakes.WhatsAppWebhook(waPhone, "4915100000888", "wamid.REPLAY", "PZN 74372349", "", time.Now())
	sig := fakes.Sign(body, waSecret)
	if status := post(t, p.base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", sig); status != 200 {
		t.Fatalf("webhook: %d", status)
	}
	waitFor(t, "the proposal", func() string { return joinWA(p.wa.Sent()) }, "Verstanden")
	p.approveFirst(t)
	waitFor(t, "the approval", func() string { return joinWA(p.wa.Sent()) }, "bestätigt")
	sent := len(p.wa.Sent())
	if status := post(t, p.base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", sig); status != 200 {
		t.Fatalf("replay: %d, want 200", status)
	}
	conn := openRO(t, dbPath(p.dir))
	defer conn.Close()
	var convs, orders int
	conn.QueryRow("SELECT COUNT(*) FROM conversations").Scan(&convs)
	conn.QueryRow("SELECT COUNT(*) FROM preorders").Scan(&orders)
	if convs != 0 || orders != 1 || len(p.wa.Sent()) != sent {
		t.Fatalf("after the replay: %d chats, %d pre-orders, %d new WhatsApp messages; want 0, 1, 0", convs, orders, len(p.wa.Sent())-sent)
	}
}

// TestOpenChatTabIsClearedAfterTheDecision: a customer's chat stays open in
// Chromium while the pharmacist approves; at its next poll the page drops
// everything but the decision, as the server did.
func TestOpenChatTabIsClearedAfterTheDecision(t *testing.T) {
	p := startBinary(t)
	ctx := chromium(t)
	var chat string
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 760),
		chromedp.Navigate(p.base+"/?lang=de"), // headless Chromium may ask for English whatever --lang says
		chromedp.WaitVisible(`.msg.bot`),
		chromedp.SendKeys(`#text`, "Ibuprofen AL 400 20 Stück"),
		chromedp.Click(`#send`),
		pollText(`#log`, "Verstanden", &chat))
	if err != nil {
		t.Fatalf("the proposal in the open tab: %v; it shows %q", err, chat)
	}
	p.approveFirst(t)
	if err := chromedp.Do(ctx, pollText(`#log`, "bestätigt", &chat)); err != nil {
		t.Fatalf("the decision in the open tab: %v; it shows %q", err, chat)
	}
	for _, gone := range []string{"Ibuprofen AL 400 20 Stück", "Verstanden", "Datenschutz"} {
		if strings.Contains(chat, gone) {
			t.Fatalf("the open tab still shows %q after the decision:\n%s", gone, chat)
		}
	}
}

// chromium starts a headless Chromium (Debian's, installed by make test) for
// the test's length and returns its first tab.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("no Chromium found: make test installs the Debian package chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1180, 820), chromedp.Flag("lang", "de-DE"))
	actx, cancelAlloc := chromedp.NewExecAllocator(testwait.Context(t), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// pollText waits until sel's visible text contains want.
func pollText(sel, want string, got *string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for {
			// A poll may read the log while the page replaces its nodes
			// ("No node with given id"): read again until the deadline.
			text, err := chromedp.Run(ctx, chromedp.Text(sel, chromedp.NodeVisible))
			if err == nil {
				*got = text
			}
			if err == nil && strings.Contains(text, want) {
				return nil
			}
			select {
			case <-ctx.Done():
				return errors.Join(ctx.Err(), err)
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

// firstRequest returns the id of the first request on the tablet's queue
// (and leaves the session's CSRF token in s).
func firstRequest(t *testing.T, s *staff, base string) string {
	t.Helper()
	ids := regexp.MustCompile(`href="/staff/requests/(\d+)"`).FindStringSubmatch(s.get(t, base+"/staff"))
	if ids == nil {
		t.Fatal("no request on the tablet")
	}
	return ids[1]
}

// approveFirst logs in as the first account and approves the first request.
func (p *process) approveFirst(t *testing.T) {
	t.Helper()
	s := staffLogin(t, p.base, p.out.String())
	s.approve(t, p.base, firstRequest(t, s, p.base))
}

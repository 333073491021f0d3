package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/ocr/photogen"
)

// TestScanQueueBackpressure fills the scanner's queue (APOBOT_SCAN_QUEUE=2):
// the web chat then answers 503 with Retry-After and a message in both
// languages, text still goes through, WhatsApp webhooks are still stored
// and acknowledged, and every stored photo is answered in the end.
func TestScanQueueBackpressure(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	dir := t.TempDir()
	wa := fakes.NewWhatsApp("wa-access", "55501")
	defer wa.Close()
	base := startService(t, map[string]string{envDataDir: dir, envScanQueue: "2", envWAToken: "wa-access",
		envWASecret: "s", envWAVerify: "v", envWAPhone: "55501", envWAURL: wa.BaseURL()}).base

	photo := sample(t, photogen.Prescription, 7).JPEG // text only: the slowest kind to read
	var mu sync.Mutex
	statuses := map[int]int{}
	var retryAfter, message string
	var wg sync.WaitGroup
	for range 8 {
		tok := webSession(t, base)
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := sendPhoto(t, base, tok, photo)
			if res == nil {
				return
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			statuses[res.StatusCode]++
			if res.StatusCode == http.StatusServiceUnavailable {
				retryAfter, message = res.Header.Get("Retry-After"), string(body)
			}
		}()
	}
	wg.Wait()
	if statuses[http.StatusServiceUnavailable] == 0 || statuses[http.StatusAccepted] == 0 {
		t.Fatalf("statuses %v: want some photos taken and some asked to wait", statuses)
	}
	if retryAfter != "30" || !strings.Contains(message, "halben Minute") || !strings.Contains(message, "half a minute") {
		t.Fatalf("503 with Retry-After %q and %s", retryAfter, message)
	}
	tok := webSession(t, base)
	if res := postText(t, base, tok, "PZN 74372349"); res != http.StatusAccepted {
		t.Fatalf("text while the scanner is behind: %d", res)
	}
	for i := range 4 {
		wa.AddMedia(fmt.Sprint("m", i), photo)
		body := fakes.WhatsAppWebhook("55501", fmt.Sprint("491570000100", i), fmt.Sprint("wamid.bp", i), "", fmt.Sprint("m", i), time.Now())
		if status := post(t, base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, "s")); status != 200 {
			t.Fatalf("webhook while the scanner is behind: %d", status)
		}
	}
	waitFor(t, "every WhatsApp photo answered", func() string {
		n := 0
		for _, m := range wa.Sent() {
			// A prescription photo on WhatsApp is still read, then refused (channel_policy).
			if strings.Contains(m.Text, "Verstanden") || strings.Contains(m.Text, "konnte ich") || strings.Contains(m.Text, "Welches") || strings.Contains(m.Text, "nehme ich über") {
				n++
			}
		}
		return fmt.Sprint(n)
	}, "4")
	t.Logf("web chat photo statuses under a queue of 2: %v", statuses)
}

func sendPhoto(t *testing.T, base, token string, jpeg []byte) *http.Response {
	res, err := http.DefaultClient.Do(chatPost(base, token, "", jpeg))
	if err != nil {
		t.Error(err) // called from goroutines: no Fatal
		return nil
	}
	return res
}

func postText(t *testing.T, base, token, text string) int {
	t.Helper()
	return do(http.DefaultClient, chatPost(base, token, text, nil))
}

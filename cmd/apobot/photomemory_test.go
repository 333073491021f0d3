package main

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/apobot/apobot/ocr/photogen"
)

// photoMemoryBound is the most the service may reach, in MB, while six
// 40-megapixel PNGs arrive at once (each 158 MB decoded, about 340 MB while
// it is read): the pixel budget (100 MP) lets two be decoded at a time, so
// the peak is the start (about 160 MB) and two photos, with room for the
// collector. Without the budget it reached 1.9 GB.
const photoMemoryBound = 1000

// TestPhotoMemoryStaysBounded: one web chat sends seven 6000×6600 PNGs of
// 132 KB at once. The seventh within the minute is refused with 429 and
// Retry-After, in both languages; the others are taken (202) or asked to
// wait (503), every one taken is answered, and the process's peak memory
// stays under photoMemoryBound.
func TestPhotoMemoryStaysBounded(t *testing.T) {
	p := startBinary(t)
	before := p.peakMemory(t)
	huge := photogen.HugePNG(6000, 6600)
	tok := webSession(t, p.base)
	var mu sync.Mutex
	statuses := map[int]int{}
	var limited string
	var wg sync.WaitGroup
	for range 7 {
		wg.Go(func() {
			res := sendPhoto(t, p.base, tok, huge)
			if res == nil {
				return
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			statuses[res.StatusCode]++
			if res.StatusCode == http.StatusTooManyRequests {
				limited = res.Header.Get("Retry-After") + " " + string(body)
			}
		})
	}
	wg.Wait()
	taken := statuses[http.StatusAccepted]
	if statuses[http.StatusTooManyRequests] != 1 || taken+statuses[http.StatusServiceUnavailable] != 6 || taken == 0 {
		t.Fatalf("statuses %v: want one 429 and six 202 or 503, at least one 202", statuses)
	}
	if !strings.Contains(limited, "Minute") || !strings.Contains(limited, "minute") || strings.HasPrefix(limited, " ") {
		t.Fatalf("the seventh photo: %q, want Retry-After and a bilingual answer", limited)
	}
	waitFor(t, "every photo taken answered", func() string {
		return strings.Repeat("x", strings.Count(webMessages(t, p.base, tok), "keine PZN"))
	}, strings.Repeat("x", taken))
	after := p.peakMemory(t)
	t.Logf("peak memory: %.0f MB at start, %.0f MB after seven 40-megapixel PNGs (%v)", before, after, statuses)
	if after > photoMemoryBound {
		t.Fatalf("peak memory %.0f MB, want under %d MB", after, photoMemoryBound)
	}
}

// webMessages is a web chat's history as the page reads it.
func webMessages(t *testing.T, base, token string) string {
	req, _ := http.NewRequest(http.MethodGet, base+"/chat/messages?after=0", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return ""
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

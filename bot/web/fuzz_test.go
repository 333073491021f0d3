package web_test

import (
	"bytes"
	"image"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

// The fuzz targets send outside input through the real server and require
// a clear answer: never a 5xx, and the server stays healthy.

func FuzzChatMessage(f *testing.F) {
	ct, body := form("Ibuprofen 400", []byte("\xff\xd8\xff\xe0 jpeg"))
	f.Add(ct, body.Bytes())
	f.Add("multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n2x\r\n--x--\r\n"))
	f.Add("application/x-www-form-urlencoded", []byte("text=PZN+01234562"))
	f.Add("multipart/form-data", []byte("--"))
	f.Add("text/plain", []byte("hallo"))
	// Each input comes MessageEvery after the last, so the chat's message
	// limit always has room, and the token never ends.
	clock := newManualClock()
	h := newHarness(f, harnessOptions{now: clock.now, chatIdle: 100 * 365 * 24 * time.Hour})
	w := h.webChat(f, "de")
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		if strings.ContainsFunc(contentType, func(r rune) bool { return r < 0x20 || r == 0x7f || r > 0x7e }) {
			t.Skip("no HTTP client sends such a header")
		}
		clock.advance(web.MessageEvery)
		w.t = t
		status, resp := w.do(http.MethodPost, "/chat/messages", contentType, bytes.NewReader(body))
		switch status {
		case 202, 400, 413, 415:
		default:
			t.Fatalf("content type %q, body %q: status %d %s", contentType, body, status, resp)
		}
	})
}

func FuzzWhatsAppWebhook(f *testing.F) {
	f.Add(fakes.WhatsAppWebhook(waPhone, "4915100000001", "wamid.F1", "Ibuprofen", "", time.Unix(1700000000, 0)))
	f.Add(fakes.WhatsAppStatus(waPhone, "4915100000001"))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"id":"1","from":"2","timestamp":"x"}]}}]}]}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
	h := newHarness(f, harnessOptions{})
	f.Fuzz(func(t *testing.T, body []byte) {
		if status := h.postWhatsApp(t, body, waSecret); status != 200 && status != 400 && status != 413 {
			t.Fatalf("body %q: status %d", body, status)
		}
	})
}

func FuzzTelegramWebhook(f *testing.F) {
	f.Add(fakes.TelegramUpdate(1, 1, 5, "PZN 01234562", "", time.Unix(1700000000, 0)))
	f.Add(fakes.TelegramUpdate(2, 2, 5, "", "file", time.Unix(1700000000, 0)))
	f.Add([]byte(`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"document":{"file_id":"d"}}}`))
	h := newHarness(f, harnessOptions{})
	f.Fuzz(func(t *testing.T, body []byte) {
		if status := h.postTelegram(t, body, tgSecret); status != 200 && status != 400 && status != 413 {
			t.Fatalf("body %q: status %d", body, status)
		}
	})
}

// FuzzStaffForms posts any values to the request and pickup forms of a
// logged-in pharmacist: answers are redirects or clear 4xx, never 5xx.
func FuzzStaffForms(f *testing.F) {
	f.Add("2", "87519624", "1", "2026-12-02T16:30", "Nicht lieferbar", "K7M2QX")
	f.Add("-1", "0123456", "x", "gestern", "", "0OIL1")
	f.Add("99999999999999999999", "\x00", "", "2026-13-45T99:99", string(make([]byte, 400)), "")
	h := newHarness(f, harnessOptions{})
	po := h.proposal(f, "Ibuprofen AL 400 20 Stück")
	s := h.staffClient(f)
	s.login(staffName, staffPassword)
	id := strconv.Itoa(int(po.ID))
	f.Fuzz(func(t *testing.T, qty, addPZN, addQty, pickupAt, reason, code string) {
		s.t = t
		for _, p := range []struct {
			path string
			form url.Values
		}{
			{"/staff/requests/" + id + "/items", url.Values{"qty_0": {qty}, "add_pzn": {addPZN}, "add_qty": {addQty}}},
			{"/staff/requests/" + id + "/approve", url.Values{"pickup_at": {pickupAt}}},
			{"/staff/requests/" + id + "/reject", url.Values{"reason": {reason}}},
			{"/staff/pickups/" + url.PathEscape(code) + "/ready", url.Values{}},
		} {
			if status, _ := s.post(p.path, p.form, true); status >= 500 {
				t.Fatalf("POST %s %v: %d", p.path, p.form, status)
			}
		}
		if status, _, _ := s.get("/staff/pickups?code=" + url.QueryEscape(code)); status != http.StatusOK {
			t.Fatalf("find code %q: %d", code, status)
		}
	})
}

// FuzzCheckImage: any bytes get a verdict, never a panic; whatever passes
// is an image of at most web.MaxPixels by its header.
func FuzzCheckImage(f *testing.F) {
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x10\x00\x00\x00\x10\x00\x08\x00\x00\x00\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Add([]byte("hallo"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := web.CheckImage(data); err == nil {
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || cfg.Width*cfg.Height > web.MaxPixels {
				t.Fatalf("accepted %d bytes: %v %+v", len(data), err, cfg)
			}
		}
	})
}

// FuzzStaffLanguage: the language switch takes a language and a page to go
// back to from the query; whatever they hold, it answers 303 to a page of
// the tablet (never another site, never a header of the caller's) or 400.
func FuzzStaffLanguage(f *testing.F) {
	for _, seed := range [][2]string{{"en", "/staff/pickups"}, {"de", "//example.org"}, {"fr", "/staff"}, {"en", "/staff\r\nSet-Cookie: x=y"}, {"en", "https://example.org/staff"}, {"", ""}} {
		f.Add(seed[0], seed[1])
	}
	h := newHarness(f, harnessOptions{})
	c := h.staffClient(f)
	f.Fuzz(func(t *testing.T, to, back string) {
		c.t = t
		status, _, hdr := c.get("/staff/language?" + url.Values{"to": {to}, "back": {back}}.Encode())
		switch loc := hdr.Get("Location"); {
		case status == http.StatusBadRequest && to != "de" && to != "en":
		case status == http.StatusSeeOther && (to == "de" || to == "en") && strings.HasPrefix(loc, "/staff") && !strings.HasPrefix(loc, "//") && (loc == back || loc == "/staff"):
		default:
			t.Fatalf("to=%q back=%q: %d to %q", to, back, status, loc)
		}
	})
}

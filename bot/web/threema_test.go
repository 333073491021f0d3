package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/testwait"
)

func (h *harness) postThreema(t testing.TB, body []byte) int {
	t.Helper()
	res, err := http.Post(h.ts.URL+"/webhooks/threema", "application/x-www-form-urlencoded", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestThreemaTextToProposalEndToEndEncrypted(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const from = "ECHOECHO"
	body := h.tm.Text(from, "0102030405060708", "Ibuprofen AL 400 20 Stück", testNow())
	for range 3 { // a redelivery is stored once
		if status := h.postThreema(t, body); status != 200 {
			t.Fatalf("callback: %d", status)
		}
	}
	h.postThreema(t, h.tm.Receipt(from, "0102030405060709", testNow()))
	h.postThreema(t, h.tm.Text(from, "010203040506070a", "Danke", testNow()))
	testwait.Until(t, "the answer to the later message", func() bool { return len(h.tm.Sent()) >= 3 })
	sent := h.tm.Sent()
	if len(sent) != 3 || sent[0].To != from || !strings.Contains(sent[0].Text, "Threema hat eigene Datenschutzregeln") ||
		!strings.Contains(sent[1].Text, "1× Ibuprofen AL 400 mg, 20 St. – vorrätig") {
		t.Fatalf("sent %+v, want the privacy notice and one proposal", sent)
	}
	for _, w := range h.tm.Wire() {
		if strings.Contains(w, "Ibuprofen") || strings.Contains(w, "Datenschutz") || strings.Contains(w, "vorr") {
			t.Fatalf("the gateway saw clear text: %.100q", w)
		}
	}
	if strings.Contains(h.logs.String(), from) || strings.Contains(h.logs.String(), "Ibuprofen") || strings.Contains(h.logs.String(), "Erika") {
		t.Fatal("the log holds the Threema ID, the nickname or the text")
	}
}

func TestThreemaRefusesWhatIsNotFromTheGateway(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	good := h.tm.Text("ECHOECHO", "0102030405060708", "Ibuprofen", testNow())
	revoked := h.tm.Text("NOBODY00", "010203040506070b", "x", testNow())
	h.tm.Revoke("NOBODY00")
	form, _ := url.ParseQuery(string(good))
	change := func(k, v string) []byte {
		f := url.Values{}
		for key, vals := range form {
			f[key] = append([]string(nil), vals...)
		}
		f.Set(k, v)
		return []byte(f.Encode())
	}
	box := form.Get("box")
	last := "00" // the box's last byte changed; a box that ends in 00 gets ff
	if strings.HasSuffix(box, last) {
		last = "ff"
	}
	for name, c := range map[string]struct {
		body []byte
		want int
	}{
		"forged MAC":        {change("mac", strings.Repeat("0", 64)), 401},
		"no MAC":            {change("mac", ""), 401},
		"changed text box":  {change("box", box[:len(box)-2]+last), 401},
		"other sender":      {change("from", "OTHEROTH"), 401},
		"box does not open": {h.tm.Forged("ECHOECHO", "0102030405060709", "x", testNow()), 400},
		"revoked sender":    {revoked, 400},
		"not a form":        {[]byte("%%%"), 401},
		"oversized":         {bytes.Repeat([]byte("a"), 2<<20), 413},
	} {
		if status := h.postThreema(t, c.body); status != c.want {
			t.Errorf("%s: %d, want %d", name, status, c.want)
		}
	}
	// The callback for another gateway ID, MAC'd right, is refused too.
	other := h.tm.Text("ECHOECHO", "010203040506070c", "x", testNow())
	if f, _ := url.ParseQuery(string(other)); true {
		f.Set("to", "*ANDERE1")
		f.Set("mac", threemaMAC(f))
		if status := h.postThreema(t, []byte(f.Encode())); status != 400 {
			t.Errorf("to another gateway ID: %d, want 400", status)
		}
	}
	if n := h.conversationCount(t); n != 0 {
		t.Fatalf("refused callbacks stored %d conversations", n)
	}
	if res, err := http.Get(h.ts.URL + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatal("server unhealthy after bad callbacks")
	}
}

func TestThreemaPhotoIsFetchedAndDecrypted(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const from = "PHOTOPHO"
	if status := h.postThreema(t, h.tm.Photo(from, "0a0b0c0d0e0f0001", "image/jpeg", gpsPhoto(t), testNow())); status != 200 {
		t.Fatalf("file message: %d", status)
	}
	testwait.Until(t, "an answer to the photo", func() bool { return len(h.tm.Sent()) == 2 })
	if got := h.tm.Sent()[1].Text; !strings.Contains(got, "Fotos kann ich gerade nicht lesen") {
		t.Fatalf("photo answered %q", got)
	}
	conv, err := h.db.ConversationByKey(t.Context(), h.chatKey("threema", from))
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := h.db.Messages(t.Context(), conv.ID, 0)
	if len(msgs) == 0 || !msgs[0].HasPhoto {
		t.Fatalf("the photo was not kept for staff: %+v", msgs)
	}
	if status := h.postThreema(t, h.tm.Photo(from, "0a0b0c0d0e0f0002", "application/pdf", []byte("%PDF-1.4"), testNow())); status != 200 {
		t.Fatalf("PDF: %d", status)
	}
	testwait.Until(t, "an answer to the PDF", func() bool { return len(h.tm.Sent()) == 3 })
	if got := h.tm.Sent()[2].Text; !strings.Contains(got, "Bitte senden Sie ein Foto") {
		t.Fatalf("PDF answered %q", got)
	}
}

// TestThreemaReplyIsRetriedWhenTheGatewayWasDown: the gateway refuses the
// first sends; the replies wait in the outbox and go out on the engine's
// next retry, in order and once, without the customer writing again.
func TestThreemaReplyIsRetriedWhenTheGatewayWasDown(t *testing.T) {
	h := newHarness(t, harnessOptions{retry: 50 * time.Millisecond})
	h.tm.FailSends(3)
	if status := h.postThreema(t, h.tm.Text("RETRYRET", "0102030405060708", "PZN 74372349", testNow())); status != 200 {
		t.Fatalf("callback: %d", status)
	}
	testwait.Until(t, "the notice and the proposal, after the gateway is back", func() bool { return len(h.tm.Sent()) >= 2 })
	sent := h.tm.Sent()
	if len(sent) != 2 || !strings.Contains(sent[0].Text, "Datenschutz") || !strings.Contains(sent[1].Text, "PZN 74372349") &&
		!strings.Contains(sent[1].Text, "1×") {
		t.Fatalf("sent %+v, want the notice, then the proposal, once each", sent)
	}
}

// TestThreemaRefusesADateFromTheFuture: the date is the sender's clock. A
// callback dated 400 days ahead, its MAC and box right, is a 400 and files
// nothing, twice; the same sender's callback dated now is taken.
func TestThreemaRefusesADateFromTheFuture(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const from = "FUTURE00"
	ahead := h.tm.Text(from, "0102030405060708", "PZN 74372349", testNow().AddDate(0, 0, 400))
	for range 2 {
		if status := h.postThreema(t, ahead); status != 400 {
			t.Fatalf("a callback 400 days ahead: %d, want 400", status)
		}
	}
	if n := h.conversationCount(t); n != 0 {
		t.Fatalf("a callback from the future stored %d conversations", n)
	}
	if status := h.postThreema(t, h.tm.Text(from, "0102030405060709", "PZN 74372349", testNow())); status != 200 {
		t.Fatalf("a callback dated now: %d, want 200", status)
	}
	testwait.Until(t, "the notice and the proposal", func() bool { return len(h.tm.Sent()) >= 2 })
	if n := h.conversationCount(t); n != 1 {
		t.Fatalf("%d conversations, want the one of the callback dated now", n)
	}
}

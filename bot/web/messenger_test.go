package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// postMessenger posts a page webhook body, signed with secret ("" for
// unsigned).
func (h *harness) postMessenger(t testing.TB, body []byte, secret string) int {
	t.Helper()
	return h.postSigned(t, "/webhooks/messenger", body, secret)
}

func TestMessengerHandshake(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	for token, want := range map[string]int{fbVerify: 200, waVerify: 403, "": 403} {
		q := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {token}, "hub.challenge": {"4711"}}
		res, err := http.Get(h.ts.URL + "/webhooks/messenger?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("token %q: %d, want %d", token, res.StatusCode, want)
		}
	}
}

func TestMessengerTextToProposal(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const from = "7001002003"
	body := fakes.MessengerText(fbPage, from, "m_A1", "Ibuprofen AL 400 20 Stück", testNow())
	for name, secret := range map[string]string{"unsigned": "", "WhatsApp's secret": waSecret, "forged": "falsch"} {
		if status := h.postMessenger(t, body, secret); status != http.StatusUnauthorized {
			t.Fatalf("%s: %d, want 401", name, status)
		}
	}
	if n := h.conversationCount(t); n != 0 {
		t.Fatal("an unsigned webhook stored a message")
	}
	for range 3 {
		if status := h.postMessenger(t, body, fbSecret); status != 200 {
			t.Fatalf("signed webhook: %d", status)
		}
	}
	h.postMessenger(t, fakes.MessengerEcho(fbPage, from, testNow()), fbSecret)
	h.postMessenger(t, fakes.MessengerText(fbPage, from, "m_A2", "Danke", testNow()), fbSecret)
	testwait.Until(t, "the answer to the later message", func() bool { return len(h.fb.Sent()) >= 3 })
	sent := h.fb.Sent()
	if len(sent) != 3 || sent[0].To != from || sent[0].MessagingType != "RESPONSE" ||
		!strings.Contains(sent[0].Text, "Facebook Messenger (Meta) hat eigene Datenschutzregeln") ||
		!strings.Contains(sent[1].Text, "1× Ibuprofen AL 400 mg, 20 St. – vorrätig") {
		t.Fatalf("sent %+v, want the privacy notice and one proposal", sent)
	}
	if strings.Contains(h.logs.String(), from) || strings.Contains(h.logs.String(), "Ibuprofen") {
		t.Fatal("the log holds the sender id or the text")
	}
}

// TestMessengerDecisionWaitsForTheWindow: a decision a day later is not
// sent (the Send API allows RESPONSE for 24 hours); it goes out when the
// customer writes again.
func TestMessengerDecisionWaitsForTheWindow(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const from = "7001002077"
	h.postMessenger(t, fakes.MessengerText(fbPage, from, "m_W1", "PZN 74372349", testNow()), fbSecret)
	conv := h.proposedChat(t, h.chatKey("messenger", from))
	testwait.Until(t, "the proposal", func() bool { return len(h.fb.Sent()) == 2 })
	h.fbSkew.Store(int64(25 * time.Hour)) // the pharmacist decides a day later
	po, err := h.engine.Desk().Approve(t.Context(), conv.PreOrderID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(h.fb.Sent()); n != 2 {
		t.Fatalf("%d messages sent outside the 24-hour window, want none new", n)
	}
	h.fbSkew.Store(0)
	h.postMessenger(t, fakes.MessengerText(fbPage, from, "m_W2", "Ist meine Bestellung fertig?", testNow()), fbSecret)
	testwait.Until(t, "the waiting decision", func() bool { return len(h.fb.Sent()) >= 3 })
	if got := h.fb.Sent()[2].Text; !strings.Contains(got, string(po.Code)) {
		t.Fatalf("first message after the customer wrote again: %q, want the decision with %s", got, po.Code)
	}
}

func TestMessengerRefusesBadBodies(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	for name, c := range map[string]struct {
		body []byte
		want int
	}{
		"not json":        {[]byte(`{"object":`), 400},
		"whatsapp object": {fakes.WhatsAppWebhook(waPhone, "49151", "wamid.X", "x", "", testNow()), 400},
		"no message id":   {[]byte(`{"object":"page","entry":[{"messaging":[{"sender":{"id":"1"},"timestamp":5,"message":{"text":"x"}}]}]}`), 400},
		"other page":      {fakes.MessengerText("999", "7001", "m_O", "x", testNow()), 200},
		"oversized":       {append([]byte(`{"object":"page","x":"`), bytes.Repeat([]byte("a"), 2<<20)...), 413},
	} {
		if status := h.postMessenger(t, c.body, fbSecret); status != c.want {
			t.Errorf("%s: %d, want %d", name, status, c.want)
		}
	}
	if n := h.conversationCount(t); n != 0 {
		t.Fatalf("refused webhooks stored %d conversations", n)
	}
}

func TestMessengerPhotoAndVoice(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const from = "7001002004"
	u := h.fb.AddAttachment("att1", gpsPhoto(t))
	if status := h.postMessenger(t, fakes.MessengerImage(fbPage, from, "m_P1", u, testNow()), fbSecret); status != 200 {
		t.Fatalf("image: %d", status)
	}
	testwait.Until(t, "an answer to the photo", func() bool { return len(h.fb.Sent()) == 2 })
	if got := h.fb.Sent()[1].Text; !strings.Contains(got, "Fotos kann ich gerade nicht lesen") {
		t.Fatalf("photo answered %q", got)
	}
	h.postMessenger(t, fakes.MessengerAudio(fbPage, from, "m_P2", testNow()), fbSecret)
	testwait.Until(t, "an answer to the voice message", func() bool { return len(h.fb.Sent()) == 3 })
	if got := h.fb.Sent()[2].Text; !strings.Contains(got, "Bitte senden Sie ein Foto") {
		t.Fatalf("voice answered %q", got)
	}
}

func FuzzMessengerWebhook(f *testing.F) {
	at := time.Unix(1700000000, 0)
	f.Add(fakes.MessengerText(fbPage, "7001", "m_F1", "Ibuprofen", at))
	f.Add(fakes.MessengerImage(fbPage, "7001", "m_F2", "http://127.0.0.1:1/x.jpg", at))
	f.Add(fakes.MessengerEcho(fbPage, "7001", at))
	h := newHarness(f, harnessOptions{})
	f.Fuzz(func(t *testing.T, body []byte) {
		if status := h.postMessenger(t, body, fbSecret); status != 200 && status != 400 && status != 413 {
			t.Fatalf("body %q: status %d", body, status)
		}
	})
}

func FuzzThreemaWebhook(f *testing.F) {
	at := time.Unix(1700000000, 0)
	h := newHarness(f, harnessOptions{})
	f.Add(h.tm.Text("ECHOECHO", "0102030405060708", "Ibuprofen", at), true)
	f.Add(h.tm.Receipt("ECHOECHO", "0102030405060709", at), true)
	f.Add([]byte("from=ECHOECHO&to=*APOTHEK&box=00"), true)
	f.Fuzz(func(t *testing.T, body []byte, remac bool) {
		if form, err := url.ParseQuery(string(body)); err == nil && remac {
			form.Set("mac", threemaMAC(form)) // past the MAC, into the fields and the box
			body = []byte(form.Encode())
		}
		if status := h.postThreema(t, body); status != 200 && status != 400 && status != 401 && status != 413 {
			t.Fatalf("body %q: status %d", body, status)
		}
	})
}

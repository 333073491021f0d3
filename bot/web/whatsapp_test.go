package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// postWhatsApp posts a webhook body, signed with secret ("" for unsigned).
func (h *harness) postWhatsApp(t testing.TB, body []byte, secret string) int {
	t.Helper()
	return h.postSigned(t, "/webhooks/whatsapp", body, secret)
}

// postSigned posts a Meta webhook body (WhatsApp, Messenger) to route,
// with X-Hub-Signature-256 made with secret ("" for unsigned).
func (h *harness) postSigned(t testing.TB, route string, body []byte, secret string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+route, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Hub-Signature-256", fakesSign(body, secret))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestWhatsAppVerificationHandshake(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	for token, want := range map[string]int{waVerify: 200, "wrong": 403, "": 403} {
		q := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {token}, "hub.challenge": {"1158201444"}}
		res, err := http.Get(h.ts.URL + "/webhooks/whatsapp?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(res.Body)
		res.Body.Close()
		if res.StatusCode != want || want == 200 && b.String() != "1158201444" {
			t.Errorf("verify token %q: %d %q, want %d", token, res.StatusCode, b.String(), want)
		}
	}
	if strings.Contains(h.logs.String(), waVerify) {
		t.Fatal("the verify token is in the log")
	}
}

func TestWhatsAppTextToProposal(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	from := "4915112345678"
	body := whatsAppText(from, "wamid.A1", "Ibuprofen AL 400 20 Stück")
	for _, secret := range []string{"", "wrong-secret"} {
		if status := h.postWhatsApp(t, body, secret); status != http.StatusUnauthorized {
			t.Fatalf("signature %q: status %d, want 401", secret, status)
		}
	}
	if backlog, _ := h.db.Backlog(t.Context()); len(backlog) != 0 {
		t.Fatal("an unsigned webhook stored a message")
	}
	for range 3 { // WhatsApp delivers at least once
		if status := h.postWhatsApp(t, body, waSecret); status != 200 {
			t.Fatalf("signed webhook: %d", status)
		}
	}
	// A later message is answered after every earlier one: when its answer
	// is out, a second answer to the redelivered one would be too.
	if status := h.postWhatsApp(t, whatsAppText(from, "wamid.A2", "Danke"), waSecret); status != 200 {
		t.Fatalf("second message: %d", status)
	}
	testwait.Until(t, "the answer to the later message", func() bool { return len(h.wa.Sent()) >= 3 })
	sent := h.wa.Sent()
	if len(sent) != 3 || sent[0].To != from || !strings.Contains(sent[0].Text, "WhatsApp (Meta) hat eigene Datenschutzregeln") ||
		!strings.Contains(sent[1].Text, "1× Ibuprofen AL 400 mg, 20 St. – vorrätig") {
		t.Fatalf("sent %+v, want the privacy notice and one proposal", sent)
	}
	if strings.Contains(h.logs.String(), from) || strings.Contains(h.logs.String(), "Ibuprofen") {
		t.Fatal("the log holds the phone number or the text")
	}
}

func TestWhatsAppStatusesDocumentsAndOtherNumbers(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	if status := h.postWhatsApp(t, fakesStatus(), waSecret); status != 200 {
		t.Fatalf("status update: %d", status)
	}
	if status := h.postWhatsApp(t, fakesDocument("4915100000001", "wamid.D1"), waSecret); status != 200 {
		t.Fatalf("document: %d", status)
	}
	testwait.Until(t, "an answer to the document", func() bool { return len(h.wa.Sent()) == 2 })
	if got := h.wa.Sent()[1].Text; !strings.Contains(got, "Bitte senden Sie ein Foto") {
		t.Fatalf("document answered %q", got)
	}
	for _, bad := range [][]byte{[]byte(`{"object":"page"}`), []byte(`{"object":`), []byte("\xff\xfe")} {
		if status := h.postWhatsApp(t, bad, waSecret); status != 400 {
			t.Errorf("body %q: %d, want 400", bad, status)
		}
	}
}

func TestWhatsAppPhotoIsFetchedInTwoSteps(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	h.wa.AddMedia("media-1", gpsPhoto(t))
	if status := h.postWhatsApp(t, whatsAppImage("4915100000002", "wamid.P1", "media-1"), waSecret); status != 200 {
		t.Fatalf("image webhook: %d", status)
	}
	testwait.Until(t, "an answer to the photo", func() bool { return len(h.wa.Sent()) == 2 })
	// No scanner in this harness: the photo was fetched and the customer asked to type.
	if got := h.wa.Sent()[1].Text; !strings.Contains(got, "Fotos kann ich gerade nicht lesen") {
		t.Fatalf("photo answered %q", got)
	}
	conv, err := h.db.ConversationByKey(t.Context(), h.chatKey("whatsapp", "4915100000002"))
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := h.db.Messages(t.Context(), conv.ID, 0)
	if len(msgs) == 0 || !msgs[0].HasPhoto {
		t.Fatalf("the fetched photo was not kept for staff: %+v", msgs)
	}
	kept, err := h.db.Photo(t.Context(), conv.ID, msgs[0].ID)
	if err != nil || bytes.Contains(kept, []byte(gpsPlace)) || bytes.Contains(kept, []byte("Exif")) {
		t.Fatalf("the kept photo still carries its EXIF block (%v)", err)
	}
}

// TestWhatsAppImageThatIsNoImageIsNotKept: a messenger "image" that is an
// HTML page is answered with a request for a photo, and nothing of it is
// stored for staff to open.
func TestWhatsAppImageThatIsNoImageIsNotKept(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	page := []byte(`<html><head><meta http-equiv="refresh" content="0;url=https://example.org/"></head></html>`)
	h.wa.AddMedia("media-html", page)
	if status := h.postWhatsApp(t, whatsAppImage("4915100000003", "wamid.H1", "media-html"), waSecret); status != 200 {
		t.Fatalf("image webhook: %d", status)
	}
	testwait.Until(t, "an answer to the page", func() bool { return len(h.wa.Sent()) == 2 })
	if got := h.wa.Sent()[1].Text; !strings.Contains(got, "kann ich nicht öffnen") {
		t.Fatalf("an HTML page as photo answered %q", got)
	}
	conv, err := h.db.ConversationByKey(t.Context(), h.chatKey("whatsapp", "4915100000003"))
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := h.db.Messages(t.Context(), conv.ID, 0)
	for _, m := range msgs {
		if kept, err := h.db.Photo(t.Context(), conv.ID, m.ID); err == nil && len(kept) > 0 {
			t.Fatalf("message %d keeps %d bytes of the page for staff", m.ID, len(kept))
		}
	}
}

func TestWhatsAppDecisionWaitsForTheWindow(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	from := "4915100000077"
	h.postWhatsApp(t, whatsAppText(from, "wamid.W1", "PZN 74372349"), waSecret)
	testwait.Until(t, "the proposal", func() bool { return len(h.wa.Sent()) == 2 })
	conv, err := h.db.ConversationByKey(t.Context(), h.chatKey("whatsapp", from))
	if err != nil {
		t.Fatal(err)
	}
	h.waSkew.Store(int64(25 * time.Hour)) // the pharmacist decides a day later
	po, err := h.engine.Desk().Approve(t.Context(), conv.PreOrderID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(h.wa.Sent()); n != 2 {
		t.Fatalf("%d messages sent outside the 24-hour window, want none new", n)
	}
	h.waSkew.Store(0)
	h.postWhatsApp(t, whatsAppText(from, "wamid.W2", "Ist meine Bestellung fertig?"), waSecret)
	testwait.Until(t, "the waiting decision", func() bool { return len(h.wa.Sent()) >= 3 })
	if got := h.wa.Sent()[2].Text; !strings.Contains(got, string(po.Code)) {
		t.Fatalf("first message after the customer wrote again: %q, want the decision with %s", got, po.Code)
	}
}

func TestWhatsAppReactionsAreNotAnswered(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	body := []byte(`{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"` + waPhone + `"},"messages":[{"from":"4915100000003","id":"wamid.R1","timestamp":"1700000000","type":"reaction","reaction":{"message_id":"wamid.X","emoji":"👍"}}]}}]}]}`)
	if status := h.postWhatsApp(t, body, waSecret); status != 200 {
		t.Fatalf("reaction: %d", status)
	}
	if backlog, _ := h.db.Backlog(t.Context()); len(backlog) != 0 {
		t.Fatal("a reaction was stored as a message")
	}
}

func TestWhatsAppChatIsDeletedWhenHandled(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := t.Context()
	approve := func(from string, notify bool) (bot.PreOrder, int64) {
		h.postWhatsApp(t, whatsAppText(from, "wamid."+from+"1", "PZN 74372349"), waSecret)
		if notify {
			h.postWhatsApp(t, whatsAppText(from, "wamid."+from+"2", "Bitte Bescheid geben, wenn es da ist"), waSecret)
		}
		conv := h.proposedChat(t, h.chatKey("whatsapp", from))
		if conv.Notify != notify {
			t.Fatalf("the chat's wish to be told is %v, want %v", conv.Notify, notify)
		}
		po, err := h.engine.Desk().Approve(ctx, conv.PreOrderID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return po, conv.ID
	}

	po, _ := approve("4915100000201", false)
	if _, err := h.db.ConversationByKey(ctx, h.chatKey("whatsapp", "4915100000201")); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("the handled chat is still stored: %v", err)
	}
	if got, _ := h.db.PreOrder(ctx, po.ID); got.Status != bot.StatusApproved || len(got.Items) != 1 {
		t.Fatalf("the pre-order must stay: %+v", got)
	}

	po, convID := approve("4915100000202", true)
	if msgs, err := h.db.Messages(ctx, convID, 0); err != nil || len(msgs) != 0 {
		t.Fatalf("asked to be told: messages %d, %v; want the chat kept without messages", len(msgs), err)
	}
	if addr, _ := h.db.ReplyAddress(ctx, convID); addr != "4915100000202" {
		t.Fatalf("reply address %q kept for 'ready'", addr)
	}
	sent := len(h.wa.Sent())
	if _, err := h.engine.Desk().Ready(ctx, po.Code); err != nil {
		t.Fatal(err)
	}
	if s := h.wa.Sent(); len(s) != sent+1 || !strings.Contains(s[sent].Text, "liegt bereit") || s[sent].To != "4915100000202" {
		t.Fatalf("ready: sent %+v", s[sent:])
	}
	if _, err := h.db.Conversation(ctx, convID); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("after 'ready' the chat is still stored: %v", err)
	}

	from := "4915100000203"
	h.postWhatsApp(t, whatsAppText(from, "wamid.c1", "PZN 74372349"), waSecret)
	h.proposedChat(t, h.chatKey("whatsapp", from))
	h.postWhatsApp(t, whatsAppText(from, "wamid.c2", "stornieren"), waSecret)
	testwait.Until(t, "the cancellation deletes the chat", func() bool {
		_, err := h.db.ConversationByKey(ctx, h.chatKey("whatsapp", from))
		return bot.ErrorCode(err) == bot.ENOTFOUND
	})
	if s := h.wa.Sent(); !strings.Contains(s[len(s)-1].Text, "storniert") {
		t.Fatalf("last message %q, want the cancellation", s[len(s)-1].Text)
	}
}

func TestWebChatAfterApprovalHoldsOnlyTheDecision(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w, po := h.chatProposal(t, "Ibuprofen AL 400 20 Stück")
	if _, err := h.engine.Desk().Approve(t.Context(), po.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	msgs := w.messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, string(po.Code)) {
		t.Fatalf("web chat after approval: %+v, want only the decision", msgs)
	}
	w.send("Ist meine Bestellung fertig?", nil)
	testwait.Until(t, "the status reply", func() bool { // the decision names the code too: wait for a third message, no second privacy notice
		msgs := w.messages()
		return len(msgs) == 3 && msgs[2].From == "bot" && strings.Contains(msgs[2].Text, string(po.Code))
	})
}

// TestReplayedWhatsAppMessageAfterErasureIsDropped: a signed message
// delivered again after its chat was handled and erased is recognised and
// dropped; one older than the redelivery window is dropped by its time.
func TestReplayedWhatsAppMessageAfterErasureIsDropped(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := t.Context()
	from := "4915100000301"
	body := whatsAppText(from, "wamid.R1", "PZN 74372349")
	h.postWhatsApp(t, body, waSecret)
	conv := h.proposedChat(t, h.chatKey("whatsapp", from))
	if _, err := h.engine.Desk().Approve(ctx, conv.PreOrderID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.ConversationByKey(ctx, h.chatKey("whatsapp", from)); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("the handled chat is still stored: %v", err)
	}
	sent := len(h.wa.Sent())
	if status := h.postWhatsApp(t, body, waSecret); status != http.StatusOK {
		t.Fatalf("replay: %d, want 200 (acknowledged, dropped)", status)
	}
	old := fakes.WhatsAppWebhook(waPhone, "4915100000302", "wamid.OLD", "PZN 74372349", "", testNow().Add(-bot.RedeliveryWindow-time.Hour))
	if status := h.postWhatsApp(t, old, waSecret); status != http.StatusOK {
		t.Fatalf("a message older than the window: %d, want 200 (acknowledged, dropped)", status)
	}
	for _, f := range []string{from, "4915100000302"} {
		if _, err := h.db.ConversationByKey(ctx, h.chatKey("whatsapp", f)); bot.ErrorCode(err) != bot.ENOTFOUND {
			t.Fatalf("a replayed or stale message started a chat again: %v", err)
		}
	}
	if open, _ := h.db.OpenPreOrders(ctx); len(open) != 1 {
		t.Fatalf("%d open pre-orders after the replay, want the one approved", len(open))
	}
	if len(h.wa.Sent()) != sent {
		t.Fatalf("the replay was answered: %+v", h.wa.Sent()[sent:])
	}
}

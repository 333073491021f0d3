package web_test

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

func (h *harness) postTelegram(t testing.TB, body []byte, secret string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+"/webhooks/telegram", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestTelegramTextToProposalAndErase(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const chat = 777000111
	body := fakes.TelegramUpdate(1, 11, chat, "Ibuprofen AL 400 20 Stück", "", testNow())
	for _, secret := range []string{"", "wrong"} {
		if status := h.postTelegram(t, body, secret); status != http.StatusUnauthorized {
			t.Fatalf("secret %q: %d, want 401", secret, status)
		}
	}
	if backlog, _ := h.db.Backlog(t.Context()); len(backlog) != 0 {
		t.Fatal("an update without the secret stored a message")
	}
	h.tg.Customer(11)
	for range 2 {
		if status := h.postTelegram(t, body, tgSecret); status != 200 {
			t.Fatalf("update: %d", status)
		}
	}
	// A later message is answered after every earlier one: when its answer
	// is out, a second answer to the redelivered one would be too.
	h.tg.Customer(12)
	h.postTelegram(t, fakes.TelegramUpdate(2, 12, chat, "Danke", "", testNow()), tgSecret)
	testwait.Until(t, "the answer to the later message", func() bool { return len(h.tg.Sent()) >= 3 })
	sent := h.tg.Sent()
	if len(sent) != 3 || sent[0].ChatID != chat || !strings.Contains(sent[1].Text, "1× Ibuprofen AL 400 mg") {
		t.Fatalf("sent %+v, want the notice and one proposal", sent)
	}
	h.tg.Customer(13)
	h.postTelegram(t, fakes.TelegramUpdate(3, 13, chat, "löschen", "", testNow()), tgSecret)
	testwait.Until(t, "the erasure", func() bool { return len(h.tg.Deleted()) >= 5 })
	deleted := h.tg.Deleted()
	for _, id := range []int64{11, 12, sent[0].MessageID, sent[1].MessageID, sent[2].MessageID} {
		if !slices.Contains(deleted, id) {
			t.Fatalf("deleted %v, want message %d among them", deleted, id)
		}
	}
	testwait.Until(t, "the confirmation", func() bool {
		s := h.tg.Sent()
		return strings.Contains(s[len(s)-1].Text, "Alles aus diesem Chat ist gelöscht") // not the proposal's "wird gelöscht"
	})
	if _, err := h.db.ConversationByKey(t.Context(), h.chatKey("telegram", "777000111")); err == nil {
		t.Fatal("the conversation is still stored")
	}
}

func TestTelegramPhotoTakesTheLargestSize(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	h.tg.AddFile("large", gpsPhoto(t))
	if status := h.postTelegram(t, fakes.TelegramUpdate(5, 50, 4242, "", "large", testNow()), tgSecret); status != 200 {
		t.Fatalf("photo update: %d", status)
	}
	testwait.Until(t, "an answer to the photo", func() bool { return len(h.tg.Sent()) == 2 })
	if got := h.tg.Sent()[1].Text; !strings.Contains(got, "Fotos kann ich gerade nicht lesen") {
		t.Fatalf("answered %q, want the fetched photo handled", got)
	}
}

func TestTelegramDropsWhatIsNoMessage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	for body, want := range map[string]int{
		`{"update_id":9,"edited_message":{"message_id":1}}`:                                                200,
		`{"update_id":9,"message":{"message_id":3,"date":1,"chat":{"id":-100,"type":"group"},"text":"x"}}`: 200,
		`{"update_id":`: 400,
		`[]`:            400,
	} {
		if got := h.postTelegram(t, []byte(body), tgSecret); got != want {
			t.Errorf("%s: %d, want %d", body, got, want)
		}
	}
	if backlog, _ := h.db.Backlog(t.Context()); len(backlog) != 0 {
		t.Fatal("a dropped update stored a message")
	}
}

func TestTelegramDecisionLeavesOnlyItself(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const chat = 31337
	h.tg.Customer(1)
	h.postTelegram(t, fakes.TelegramUpdate(1, 1, chat, "PZN 74372349", "", testNow()), tgSecret)
	// The proposal is out and recorded as sent, as it is long before a
	// pharmacist decides: a decision that interrupts a send in flight may
	// send that reply again (at least once), which is not what this tests.
	var conv bot.Conversation
	testwait.Until(t, "the proposal, sent and recorded", func() bool {
		c, err := h.db.ConversationByKey(t.Context(), h.chatKey("telegram", "31337"))
		unsent, _ := h.db.Unsent(t.Context(), c.ID)
		conv = c
		return err == nil && c.PreOrderID != 0 && len(h.tg.Sent()) == 2 && len(unsent) == 0
	})
	po, err := h.engine.Desk().Approve(t.Context(), conv.PreOrderID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	sent := h.tg.Sent()
	if len(sent) != 3 || !strings.Contains(sent[2].Text, string(po.Code)) {
		t.Fatalf("sent %+v, want the decision with code %s last", sent, po.Code)
	}
	deleted := h.tg.Deleted()
	slices.Sort(deleted)
	if want := []int64{1, sent[0].MessageID, sent[1].MessageID}; !slices.Equal(deleted, want) {
		t.Fatalf("deleted %v, want %v (everything but the decision)", deleted, want)
	}
}

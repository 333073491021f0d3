package telegram_test

import (
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/telegram"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

const secret = "secret-token_1"

var sentAt = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func webhook() *telegram.Webhook {
	return &telegram.Webhook{SecretToken: secret, ChatKey: func(chat string) string { return "key:" + chat }}
}

func withSecret(s string) http.Header { return http.Header{telegram.SecretHeader: {s}} }

// private is an update with a private chat's message; fields are the
// message's own (its text, photo or document).
func private(fields string) []byte {
	return []byte(`{"update_id":7,"message":{"message_id":42,"date":1795780800,
		"from":{"id":4242,"language_code":"en"},"chat":{"id":4242,"type":"private"}` + fields + `}}`)
}

func TestWebhookMessageTypes(t *testing.T) {
	base := bot.Inbound{Channel: bot.ChannelTelegram, ChatKey: "key:4242", ReplyTo: "4242", MessageID: "42",
		Language: "en", ReceivedAt: time.Unix(1795780800, 0).UTC()}
	with := func(f func(*bot.Inbound)) []bot.Inbound { in := base; f(&in); return []bot.Inbound{in} }
	for name, c := range map[string]struct {
		body []byte
		want []bot.Inbound
	}{
		"text": {private(`,"text":"PZN 01234562"`), with(func(in *bot.Inbound) { in.Text = "PZN 01234562" })},
		"photo, its largest size": {fakes.TelegramUpdate(7, 42, 4242, "Rezept", "large", sentAt),
			[]bot.Inbound{{Channel: bot.ChannelTelegram, ChatKey: "key:4242", ReplyTo: "4242", MessageID: "42", Text: "Rezept",
				MediaRef: "large", Language: "de", ReceivedAt: sentAt}}},
		"jpeg document": {private(`,"caption":"so","document":{"file_id":"d1","mime_type":"image/jpeg"}`),
			with(func(in *bot.Inbound) { in.MediaRef, in.Text = "d1", "so" })},
		"png document": {private(`,"document":{"file_id":"d2","mime_type":"image/png"}`),
			with(func(in *bot.Inbound) { in.MediaRef = "d2" })},
		"pdf document": {private(`,"document":{"file_id":"d3","mime_type":"application/pdf"}`),
			with(func(in *bot.Inbound) { in.Document = true })},
		"voice, sticker or location (no text)": {private(`,"voice":{"file_id":"v"}`),
			with(func(in *bot.Inbound) { in.Document = true })},
		"edited message": {[]byte(`{"update_id":9,"edited_message":{"message_id":1}}`), nil},
		"group chat":     {[]byte(`{"update_id":9,"message":{"message_id":3,"date":1,"chat":{"id":-100,"type":"group"},"text":"x"}}`), nil},
	} {
		got, err := webhook().Inbound(t.Context(), withSecret(secret), c.body)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, %v; want %+v", name, got, err, c.want)
		}
	}
}

func TestWebhookRefuses(t *testing.T) {
	text := private(`,"text":"hallo"`)
	for name, c := range map[string]struct {
		header http.Header
		body   []byte
		want   string
	}{
		"no secret":     {http.Header{}, text, bot.EUNAUTHORIZED},
		"wrong secret":  {withSecret("secret-token_2"), text, bot.EUNAUTHORIZED},
		"secret prefix": {withSecret("secret-token"), text, bot.EUNAUTHORIZED},
		"not json":      {withSecret(secret), []byte(`{"update_id":`), bot.EINVALID},
		"an array":      {withSecret(secret), []byte(`[]`), bot.EINVALID},
		"no ids":        {withSecret(secret), []byte(`{"update_id":0,"message":{"message_id":0,"date":1,"chat":{"id":1}}}`), bot.EINVALID},
	} {
		got, err := webhook().Inbound(t.Context(), c.header, c.body)
		if bot.ErrorCode(err) != c.want || got != nil {
			t.Errorf("%s: %+v, %v; want no messages and %s", name, got, err, c.want)
		}
	}
	w := webhook()
	w.SecretToken = ""
	if err := w.Authentic(withSecret("")); bot.ErrorCode(err) != bot.EUNAUTHORIZED {
		t.Fatalf("no secret configured: %v, want %s", err, bot.EUNAUTHORIZED)
	}
	if err := webhook().Authentic(withSecret(secret)); err != nil {
		t.Fatalf("the right secret: %v", err)
	}
}

func FuzzWebhook(f *testing.F) {
	f.Add(private(`,"text":"PZN 01234562"`))
	f.Add(fakes.TelegramUpdate(1, 1, 5, "", "file", sentAt))
	f.Add(private(`,"document":{"file_id":"d","mime_type":"image/png"}`))
	f.Add([]byte(`{"update_id":9,"edited_message":{"message_id":1}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		w := webhook()
		if _, err := w.Inbound(t.Context(), withSecret("other"), body); bot.ErrorCode(err) != bot.EUNAUTHORIZED {
			t.Fatalf("a wrong secret: %v", err)
		}
		ins, err := w.Inbound(t.Context(), withSecret(secret), body)
		if code := bot.ErrorCode(err); code != "" && code != bot.EINVALID || err != nil && ins != nil || len(ins) > 1 {
			t.Fatalf("body %q: %d messages, %v", body, len(ins), err)
		}
		for _, in := range ins {
			if in.Channel != bot.ChannelTelegram || in.MessageID == "" || in.ReplyTo == "" || in.ChatKey != "key:"+in.ReplyTo ||
				in.MediaRef != "" && in.Document {
				t.Fatalf("body %q: %+v", body, in)
			}
		}
	})
}

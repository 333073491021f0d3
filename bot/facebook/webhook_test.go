package facebook

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

const appSecret = "app-secret"

func webhook() *Webhook {
	return &Webhook{AppSecret: appSecret, PageID: pageID, ChatKey: func(from string) string { return "key:" + from }}
}

func signed(body []byte, secret string) http.Header {
	return http.Header{"X-Hub-Signature-256": {fakes.Sign(body, secret)}}
}

// pageEvent is a page webhook with one messaging event to page.
func pageEvent(page, message string) []byte {
	return fmt.Appendf(nil, `{"object":"page","entry":[{"id":%q,"messaging":[{"sender":{"id":"7001"},"recipient":{"id":%q},
		"timestamp":%d,"message":%s}]}]}`, page, page, at.UnixMilli(), message)
}

func TestWebhookMessageTypes(t *testing.T) {
	base := bot.Inbound{Channel: bot.ChannelMessenger, ChatKey: "key:7001", ReplyTo: "7001", ReceivedAt: at}
	with := func(f func(*bot.Inbound)) []bot.Inbound { in := base; f(&in); return []bot.Inbound{in} }
	sticker := `{"mid":"m_5","attachments":[{"type":"sticker","payload":{"url":"https://cdn.example/s.png"}}]}`
	for name, c := range map[string]struct {
		body []byte
		want []bot.Inbound
	}{
		"text": {fakes.MessengerText(pageID, "7001", "m_1", "Habt ihr Nasenspray?", at),
			with(func(in *bot.Inbound) { in.MessageID, in.Text = "m_1", "Habt ihr Nasenspray?" })},
		"image": {fakes.MessengerImage(pageID, "7001", "m_2", "https://cdn.example/p.jpg", at),
			with(func(in *bot.Inbound) { in.MessageID, in.MediaRef = "m_2", "https://cdn.example/p.jpg" })},
		"audio": {fakes.MessengerAudio(pageID, "7001", "m_3", at),
			with(func(in *bot.Inbound) { in.MessageID, in.Document = "m_3", true })},
		"echo, read, delivery":       {fakes.MessengerEcho(pageID, "7001", at), nil},
		"a sticker without text":     {pageEvent(pageID, sticker), nil},
		"a message to another page":  {pageEvent("999", `{"mid":"m_6","text":"hallo"}`), nil},
		"an empty message, no parts": {pageEvent(pageID, `{"mid":"m_7"}`), nil},
	} {
		got, err := webhook().Inbound(t.Context(), signed(c.body, appSecret), c.body)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, %v; want %+v", name, got, err, c.want)
		}
	}
	w := webhook()
	w.PageID = ""
	body := pageEvent("999", `{"mid":"m_6","text":"hallo"}`)
	if got, err := w.Inbound(t.Context(), signed(body, appSecret), body); err != nil || len(got) != 1 {
		t.Fatalf("no page set: %+v, %v; want the message", got, err)
	}
}

func TestWebhookRefuses(t *testing.T) {
	text := fakes.MessengerText(pageID, "7001", "m_1", "hallo", at)
	for name, c := range map[string]struct {
		header http.Header
		body   []byte
		want   string
	}{
		"unsigned":            {http.Header{}, text, bot.EUNAUTHORIZED},
		"signed with another": {signed(text, "other"), text, bot.EUNAUTHORIZED},
		"not json":            {signed([]byte(`{"object":`), appSecret), []byte(`{"object":`), bot.EINVALID},
		"whatsapp":            {signed([]byte(`{"object":"whatsapp_business_account"}`), appSecret), []byte(`{"object":"whatsapp_business_account"}`), bot.EINVALID},
		"no mid":              {signed(pageEvent(pageID, `{"text":"x"}`), appSecret), pageEvent(pageID, `{"text":"x"}`), bot.EINVALID},
	} {
		got, err := webhook().Inbound(t.Context(), c.header, c.body)
		if bot.ErrorCode(err) != c.want || got != nil {
			t.Errorf("%s: %+v, %v; want no messages and %s", name, got, err, c.want)
		}
	}
}

func FuzzWebhook(f *testing.F) {
	f.Add(fakes.MessengerText(pageID, "7001", "m_1", "hallo", at))
	f.Add(fakes.MessengerImage(pageID, "7001", "m_2", "https://cdn.example/p.jpg", at))
	f.Add(fakes.MessengerEcho(pageID, "7001", at))
	f.Fuzz(func(t *testing.T, body []byte) {
		w := webhook()
		if _, err := w.Inbound(t.Context(), signed(body, "other"), body); bot.ErrorCode(err) != bot.EUNAUTHORIZED {
			t.Fatalf("a body signed with another secret: %v", err)
		}
		ins, err := w.Inbound(t.Context(), signed(body, appSecret), body)
		if code := bot.ErrorCode(err); code != "" && code != bot.EINVALID || err != nil && ins != nil {
			t.Fatalf("body %q: %d messages, %v", body, len(ins), err)
		}
		for _, in := range ins {
			if in.MessageID == "" || in.ChatKey != "key:"+in.ReplyTo || in.Text == "" && in.MediaRef == "" && !in.Document ||
				in.MediaRef != "" && in.Document {
				t.Fatalf("body %q: %+v", body, in)
			}
		}
	})
}

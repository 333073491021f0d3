package whatsapp_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/whatsapp"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

const appSecret, phoneID = "app-secret", "106540352242922"

var sentAt = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func webhook() *whatsapp.Webhook {
	return &whatsapp.Webhook{AppSecret: appSecret, PhoneNumberID: phoneID, ChatKey: func(from string) string { return "key:" + from }}
}

// signed is a header with the body's X-Hub-Signature-256 under secret.
func signed(body []byte, secret string) http.Header {
	return http.Header{"X-Hub-Signature-256": {fakes.Sign(body, secret)}}
}

// oneMessage is a webhook body with one message of type typ to the number
// phone; extra adds fields to the message (its text, image or document).
func oneMessage(phone, typ, extra string) []byte {
	return fmt.Appendf(nil, `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{
		"metadata":{"phone_number_id":%q},
		"messages":[{"from":"4915100000001","id":"wamid.1","timestamp":"%d","type":%q%s}]}}]}]}`,
		phone, sentAt.Unix(), typ, extra)
}

func TestWebhookMessageTypes(t *testing.T) {
	base := bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: "key:4915100000001", ReplyTo: "4915100000001",
		MessageID: "wamid.1", ReceivedAt: sentAt}
	with := func(f func(*bot.Inbound)) []bot.Inbound { in := base; f(&in); return []bot.Inbound{in} }
	for name, c := range map[string]struct {
		body []byte
		want []bot.Inbound
	}{
		"text": {oneMessage(phoneID, "text", `,"text":{"body":"Ibuprofen 400"}`),
			with(func(in *bot.Inbound) { in.Text = "Ibuprofen 400" })},
		"image with caption": {oneMessage(phoneID, "image", `,"image":{"id":"m1","mime_type":"image/jpeg","caption":"das hier"}`),
			with(func(in *bot.Inbound) { in.MediaRef, in.Text = "m1", "das hier" })},
		"document": {oneMessage(phoneID, "document", `,"document":{"id":"d1","mime_type":"application/pdf"}`),
			with(func(in *bot.Inbound) { in.Document = true })},
		"audio":                    {oneMessage(phoneID, "audio", ""), with(func(in *bot.Inbound) { in.Document = true })},
		"voice":                    {oneMessage(phoneID, "voice", ""), with(func(in *bot.Inbound) { in.Document = true })},
		"video":                    {oneMessage(phoneID, "video", ""), with(func(in *bot.Inbound) { in.Document = true })},
		"sticker":                  {oneMessage(phoneID, "sticker", ""), with(func(in *bot.Inbound) { in.Document = true })},
		"reaction":                 {oneMessage(phoneID, "reaction", `,"reaction":{"message_id":"wamid.0","emoji":"👍"}`), nil},
		"system":                   {oneMessage(phoneID, "system", ""), nil},
		"location":                 {oneMessage(phoneID, "location", ""), nil},
		"another number's message": {oneMessage("999", "text", `,"text":{"body":"hallo"}`), nil},
		"statuses only":            {fakes.WhatsAppStatus(phoneID, "4915100000001"), nil},
	} {
		got, err := webhook().Inbound(t.Context(), signed(c.body, appSecret), c.body)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, %v; want %+v", name, got, err, c.want)
		}
	}
}

func TestWebhookAnyNumberWhenNoneIsSet(t *testing.T) {
	w := webhook()
	w.PhoneNumberID = ""
	body := oneMessage("999", "text", `,"text":{"body":"hallo"}`)
	if got, err := w.Inbound(t.Context(), signed(body, appSecret), body); err != nil || len(got) != 1 {
		t.Fatalf("%+v, %v; want the message", got, err)
	}
}

func TestWebhookRefuses(t *testing.T) {
	text := oneMessage(phoneID, "text", `,"text":{"body":"hallo"}`)
	for name, c := range map[string]struct {
		header http.Header
		body   []byte
		want   string
	}{
		"unsigned":             {http.Header{}, text, bot.EUNAUTHORIZED},
		"signed with another":  {signed(text, "other"), text, bot.EUNAUTHORIZED},
		"signature of another": {signed([]byte("{}"), appSecret), text, bot.EUNAUTHORIZED},
		"no sha256= prefix":    {http.Header{"X-Hub-Signature-256": {fakes.Sign(text, appSecret)[7:]}}, text, bot.EUNAUTHORIZED},
		"not json":             {signed([]byte(`{"object":`), appSecret), []byte(`{"object":`), bot.EINVALID},
		"not whatsapp":         {signed([]byte(`{"object":"page"}`), appSecret), []byte(`{"object":"page"}`), bot.EINVALID},
	} {
		got, err := webhook().Inbound(t.Context(), c.header, c.body)
		if bot.ErrorCode(err) != c.want || got != nil {
			t.Errorf("%s: %+v, %v; want no messages and %s", name, got, err, c.want)
		}
	}
	w := webhook()
	w.AppSecret = ""
	if _, err := w.Inbound(t.Context(), signed(text, ""), text); bot.ErrorCode(err) != bot.EUNAUTHORIZED {
		t.Fatalf("no app secret configured: %v, want %s", err, bot.EUNAUTHORIZED)
	}
}

func FuzzWebhook(f *testing.F) {
	f.Add(oneMessage(phoneID, "text", `,"text":{"body":"Ibuprofen"}`))
	f.Add(oneMessage(phoneID, "image", `,"image":{"id":"m1","caption":"x"}`))
	f.Add(fakes.WhatsAppStatus(phoneID, "4915100000001"))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"id":"1","from":"2","timestamp":"x"}]}}]}]}`))
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
			if in.Channel != bot.ChannelWhatsApp || in.MessageID == "" || in.ReplyTo == "" || in.ChatKey != "key:"+in.ReplyTo {
				t.Fatalf("body %q: %+v", body, in)
			}
		}
	})
}

package whatsapp

import (
	"strings"
	"testing"
	"time"
)

// sample is a webhook as the Cloud API documents it: a text, an image with
// a caption, a document, and a delivery status.
const sample = `{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "field": "messages",
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Kerry Fisher"}, "wa_id": "16315551234"}],
        "messages": [
          {"from": "16315551234", "id": "wamid.A1", "timestamp": "1764230400", "type": "text", "text": {"body": "Ibuprofen 400"}},
          {"from": "16315551234", "id": "wamid.A2", "timestamp": "1764230460", "type": "image",
           "image": {"caption": "Das hier", "mime_type": "image/jpeg", "sha256": "abc", "id": "1003383421387256"}},
          {"from": "16315551234", "id": "wamid.A3", "timestamp": "1764230470", "type": "document",
           "document": {"filename": "rezept.pdf", "mime_type": "application/pdf", "id": "99"}}
        ],
        "statuses": [{"id": "wamid.B1", "status": "delivered", "timestamp": "1764230400", "recipient_id": "16315551234"}]
      }
    }]
  }]
}`

func TestParse(t *testing.T) {
	u, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Messages) != 3 || u.Statuses != 1 {
		t.Fatalf("%d messages, %d statuses; want 3 and 1", len(u.Messages), u.Statuses)
	}
	text, img, doc := u.Messages[0], u.Messages[1], u.Messages[2]
	if text.ID != "wamid.A1" || text.From != "16315551234" || text.Text != "Ibuprofen 400" || text.PhoneNumberID != "106540352242922" ||
		!text.At.Equal(time.Unix(1764230400, 0)) {
		t.Fatalf("text message %+v", text)
	}
	if img.Type != "image" || img.MediaID != "1003383421387256" || img.MimeType != "image/jpeg" || img.Text != "Das hier" {
		t.Fatalf("image message %+v", img)
	}
	if doc.Type != "document" || doc.MediaID != "99" || doc.MimeType != "application/pdf" {
		t.Fatalf("document message %+v", doc)
	}
}

func TestParseStatusesOnly(t *testing.T) {
	body := `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":"x"},{"id":"y"}]}}]}]}`
	u, err := Parse([]byte(body))
	if err != nil || len(u.Messages) != 0 || u.Statuses != 2 {
		t.Fatalf("%+v, %v", u, err)
	}
}

func TestParseRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"not json":      `{"object":`,
		"other object":  `{"object":"page","entry":[]}`,
		"no id":         `{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"1","timestamp":"1","type":"text"}]}}]}]}`,
		"bad timestamp": `{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"id":"a","from":"1","timestamp":"soon","type":"text"}]}}]}]}`,
		"deeply nested": strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
		"wrong types":   `{"object":"whatsapp_business_account","entry":{"changes":1}}`,
		"stray bytes":   "\xff",
	} {
		if _, err := Parse([]byte(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Parse(make([]byte, MaxBody+1)); err == nil {
		t.Error("an oversized body was accepted")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"id":"a","from":"1","timestamp":"1","type":"text","text":{"body":"\u00e4"}}]}}]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		u, err := Parse(body)
		if err != nil && (len(u.Messages) > 0 || u.Statuses > 0) {
			t.Fatal("an error with a partial update")
		}
		for _, m := range u.Messages {
			if m.ID == "" || m.From == "" {
				t.Fatalf("message without id or sender: %+v", m)
			}
		}
	})
}

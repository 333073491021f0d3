package telegram

import (
	"errors"
	"strings"
	"testing"
)

const photoUpdate = `{"update_id": 10000,
 "message": {"message_id": 1365, "date": 1764230400,
  "from": {"id": 1111111, "is_bot": false, "first_name": "Anna", "language_code": "de"},
  "chat": {"id": 1111111, "type": "private", "first_name": "Anna"},
  "caption": "Rezept",
  "photo": [
   {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 67, "file_size": 1200},
   {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960, "file_size": 98000},
   {"file_id": "medium", "file_unique_id": "m", "width": 320, "height": 240, "file_size": 15000}]}}`

func TestParsePhoto(t *testing.T) {
	m, err := Parse([]byte(photoUpdate))
	if err != nil {
		t.Fatal(err)
	}
	if m.FileID != "large" || !m.IsPhoto || m.Text != "Rezept" || m.ChatID != 1111111 || m.MessageID != 1365 ||
		m.UpdateID != 10000 || !m.Private || m.Language != "de" || m.At.Unix() != 1764230400 {
		t.Fatalf("%+v", m)
	}
}

func TestParseText(t *testing.T) {
	m, err := Parse([]byte(`{"update_id":2,"message":{"message_id":3,"date":1,"chat":{"id":-5,"type":"group"},"text":"PZN 01234562"}}`))
	if err != nil || m.Text != "PZN 01234562" || m.Private || m.FileID != "" {
		t.Fatalf("%+v, %v", m, err)
	}
}

func TestParseRefuses(t *testing.T) {
	if _, err := Parse([]byte(`{"update_id":3,"edited_message":{"message_id":1}}`)); !errors.Is(err, ErrNoMessage) {
		t.Fatalf("edited message: err %v, want ErrNoMessage", err)
	}
	for name, body := range map[string]string{
		"not json":   `{"update_id":`,
		"no ids":     `{"update_id":0,"message":{"message_id":0,"date":1,"chat":{"id":1}}}`,
		"no chat":    `{"update_id":1,"message":{"message_id":1,"date":1}}`,
		"wrong type": `{"update_id":"1"}`,
		"deep":       strings.Repeat(`{"a":`, 20000),
	} {
		if _, err := Parse([]byte(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCheckSecret(t *testing.T) {
	if !CheckSecret("abc-123_XYZ", "abc-123_XYZ") || CheckSecret("abc", "abd") || CheckSecret("", "") || CheckSecret("abc-123", "abc-123_XYZ") {
		t.Fatal("CheckSecret")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(photoUpdate))
	f.Add([]byte(`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1},"document":{"file_id":"d","mime_type":"application/pdf"}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := Parse(body)
		if err == nil && (m.UpdateID <= 0 || m.MessageID <= 0 || m.ChatID == 0) {
			t.Fatalf("accepted without ids: %+v", m)
		}
	})
}

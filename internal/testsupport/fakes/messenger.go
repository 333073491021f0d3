package fakes

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Messenger is a local Graph API for a Facebook page: the Send API, the
// page's identity and attachment downloads, each (but the downloads, which
// are signed CDN URLs) checking the page token.
type Messenger struct {
	*httptest.Server
	PageToken, PageID string

	mu          sync.Mutex
	attachments map[string][]byte
	sent        []MessengerSent
	seq         int
}

// MessengerSent is a message apobot sent.
type MessengerSent struct {
	To, Text, MessagingType string
	At                      time.Time // when the fake took it
}

// NewMessenger starts the fake; Close it when done.
func NewMessenger(pageToken, pageID string) *Messenger {
	f := &Messenger{PageToken: pageToken, PageID: pageID, attachments: map[string][]byte{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// BaseURL is what APOBOT_MESSENGER_API_URL is set to.
func (f *Messenger) BaseURL() string { return f.URL + "/" + Version }

// AddAttachment makes a photo downloadable and returns its URL.
func (f *Messenger) AddAttachment(id string, data []byte) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attachments[id] = data
	return f.URL + "/cdn/" + id + "?oh=fake-signature"
}

// Sent returns the messages sent so far.
func (f *Messenger) Sent() []MessengerSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]MessengerSent(nil), f.sent...)
}

func (f *Messenger) serve(w http.ResponseWriter, r *http.Request) {
	if id, ok := strings.CutPrefix(r.URL.Path, "/cdn/"); ok && r.Method == http.MethodGet {
		f.mu.Lock()
		data, found := f.attachments[id]
		f.mu.Unlock()
		if !found {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(data)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+f.PageToken {
		graphError(w, http.StatusUnauthorized, 190, "Invalid OAuth access token")
		return
	}
	switch path := strings.TrimPrefix(r.URL.Path, "/"+Version+"/"); {
	case r.Method == http.MethodPost && path == "me/messages":
		f.send(w, r)
	case r.Method == http.MethodGet && path == "me":
		writeJSON(w, map[string]string{"id": f.PageID, "name": "Löwen-Apotheke"})
	default:
		graphError(w, http.StatusBadRequest, 100, "Unsupported request")
	}
}

func (f *Messenger) send(w http.ResponseWriter, r *http.Request) {
	var m struct {
		Recipient struct {
			ID string `json:"id"`
		} `json:"recipient"`
		MessagingType string `json:"messaging_type"`
		Message       struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil || m.Recipient.ID == "" || m.Message.Text == "" ||
		m.MessagingType == "" || len([]rune(m.Message.Text)) > 2000 {
		graphError(w, http.StatusBadRequest, 100, "Invalid parameter")
		return
	}
	f.mu.Lock()
	f.seq++
	id := fmt.Sprintf("m_fake%d", f.seq)
	f.sent = append(f.sent, MessengerSent{To: m.Recipient.ID, Text: m.Message.Text, MessagingType: m.MessagingType, At: time.Now()})
	f.mu.Unlock()
	writeJSON(w, map[string]string{"recipient_id": m.Recipient.ID, "message_id": id})
}

// MessengerText builds a page webhook body with one text message.
func MessengerText(pageID, from, mid, text string, at time.Time) []byte {
	return messengerBody(pageID, from, at, map[string]any{"mid": mid, "text": text})
}

// MessengerImage builds a page webhook body with one photo attachment.
func MessengerImage(pageID, from, mid, url string, at time.Time) []byte {
	return messengerBody(pageID, from, at, map[string]any{"mid": mid,
		"attachments": []any{map[string]any{"type": "image", "payload": map[string]string{"url": url}}}})
}

// MessengerAudio builds a page webhook body with a voice message.
func MessengerAudio(pageID, from, mid string, at time.Time) []byte {
	return messengerBody(pageID, from, at, map[string]any{"mid": mid,
		"attachments": []any{map[string]any{"type": "audio", "payload": map[string]string{"url": "https://cdn.example/a.mp4"}}}})
}

// MessengerEcho builds a webhook body with the echo of the page's own
// message, a read and a delivery: nothing in it is the customer's.
func MessengerEcho(pageID, customer string, at time.Time) []byte {
	ms := at.UnixMilli()
	b, _ := json.Marshal(map[string]any{"object": "page", "entry": []any{map[string]any{"id": pageID, "time": ms, "messaging": []any{
		map[string]any{"sender": map[string]string{"id": pageID}, "recipient": map[string]string{"id": customer}, "timestamp": ms,
			"message": map[string]any{"mid": "m_echo", "is_echo": true, "text": "Antwort"}},
		map[string]any{"sender": map[string]string{"id": customer}, "recipient": map[string]string{"id": pageID}, "timestamp": ms,
			"read": map[string]any{"watermark": ms}},
		map[string]any{"sender": map[string]string{"id": customer}, "recipient": map[string]string{"id": pageID}, "timestamp": ms,
			"delivery": map[string]any{"mids": []string{"m_x"}, "watermark": ms}},
	}}}})
	return b
}

func messengerBody(pageID, from string, at time.Time, message map[string]any) []byte {
	ms := at.UnixMilli()
	b, _ := json.Marshal(map[string]any{"object": "page", "entry": []any{map[string]any{"id": pageID, "time": ms,
		"messaging": []any{map[string]any{"sender": map[string]string{"id": from}, "recipient": map[string]string{"id": pageID},
			"timestamp": ms, "message": message}}}}})
	return b
}

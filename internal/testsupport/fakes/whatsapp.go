package fakes

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// WhatsApp is a local Cloud API: the messages endpoint and the two-step
// media download, each checking the bearer token.
type WhatsApp struct {
	*httptest.Server
	Token         string
	PhoneNumberID string

	mu    sync.Mutex
	media map[string][]byte
	sent  []WhatsAppSent
	seq   int
}

// WhatsAppSent is a message apobot sent.
type WhatsAppSent struct {
	To, Type, Text, Template string
	At                       time.Time // when the fake took it
}

// Version is the API version in the fake's paths.
const Version = "v21.0"

// NewWhatsApp starts the fake; Close it when done.
func NewWhatsApp(token, phoneNumberID string) *WhatsApp {
	f := &WhatsApp{Token: token, PhoneNumberID: phoneNumberID, media: map[string][]byte{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// BaseURL is what APOBOT_WHATSAPP_API_URL is set to.
func (f *WhatsApp) BaseURL() string { return f.URL + "/" + Version }

// AddMedia makes a photo downloadable under id.
func (f *WhatsApp) AddMedia(id string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.media[id] = data
}

// Sent returns the messages sent so far.
func (f *WhatsApp) Sent() []WhatsAppSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]WhatsAppSent(nil), f.sent...)
}

func (f *WhatsApp) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+f.Token {
		graphError(w, http.StatusUnauthorized, 190, "Invalid OAuth access token")
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/"+Version+"/")
	switch {
	case r.Method == http.MethodPost && path == f.PhoneNumberID+"/messages":
		f.send(w, r)
	case r.Method == http.MethodGet && path == f.PhoneNumberID:
		// GET /{phone-number-id}: the number's identity, as Graph answers it.
		writeJSON(w, map[string]any{"id": f.PhoneNumberID, "display_phone_number": "+49 391 000000",
			"verified_name": "Löwen-Apotheke", "quality_rating": "GREEN"})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/download/"):
		f.download(w, strings.TrimPrefix(r.URL.Path, "/download/"))
	case r.Method == http.MethodGet && !strings.Contains(path, "/"):
		f.mediaURL(w, r, path)
	default:
		graphError(w, http.StatusBadRequest, 100, "Unsupported request")
	}
}

func (f *WhatsApp) send(w http.ResponseWriter, r *http.Request) {
	var m struct {
		Product string `json:"messaging_product"`
		To      string `json:"to"`
		Type    string `json:"type"`
		Text    struct {
			Body string `json:"body"`
		} `json:"text"`
		Template struct {
			Name string `json:"name"`
		} `json:"template"`
	}
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil || m.Product != "whatsapp" || m.To == "" {
		graphError(w, http.StatusBadRequest, 100, "Invalid parameter")
		return
	}
	if m.Type != "text" && m.Type != "template" || m.Type == "text" && m.Text.Body == "" {
		graphError(w, http.StatusBadRequest, 100, "Invalid parameter")
		return
	}
	f.mu.Lock()
	f.seq++
	id := fmt.Sprintf("wamid.fake%d", f.seq)
	f.sent = append(f.sent, WhatsAppSent{To: m.To, Type: m.Type, Text: m.Text.Body, Template: m.Template.Name, At: time.Now()})
	f.mu.Unlock()
	writeJSON(w, map[string]any{"messaging_product": "whatsapp",
		"contacts": []any{map[string]string{"input": m.To, "wa_id": m.To}}, "messages": []any{map[string]string{"id": id}}})
}

func (f *WhatsApp) mediaURL(w http.ResponseWriter, r *http.Request, id string) {
	f.mu.Lock()
	data, ok := f.media[id]
	f.mu.Unlock()
	if !ok {
		graphError(w, http.StatusNotFound, 100, "Unknown media")
		return
	}
	sum := sha256.Sum256(data)
	writeJSON(w, map[string]any{"messaging_product": "whatsapp", "id": id, "url": f.URL + "/download/" + id + "?sig=fake",
		"mime_type": "image/jpeg", "sha256": hex.EncodeToString(sum[:]), "file_size": len(data)})
}

func (f *WhatsApp) download(w http.ResponseWriter, id string) {
	f.mu.Lock()
	data, ok := f.media[id]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Write(data)
}

func graphError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "OAuthException", "code": code}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// WhatsAppWebhook builds a webhook body with one message: text, or an
// image (mediaID set) with text as its caption.
func WhatsAppWebhook(phoneNumberID, from, msgID, text, mediaID string, at time.Time) []byte {
	msg := map[string]any{"from": from, "id": msgID, "timestamp": fmt.Sprint(at.Unix())}
	if mediaID != "" {
		msg["type"], msg["image"] = "image", map[string]string{"id": mediaID, "mime_type": "image/jpeg", "sha256": "x", "caption": text}
	} else {
		msg["type"], msg["text"] = "text", map[string]string{"body": text}
	}
	return whatsAppBody(phoneNumberID, map[string]any{"contacts": []any{map[string]any{"wa_id": from, "profile": map[string]string{"name": "Kundin"}}},
		"messages": []any{msg}})
}

// WhatsAppStatus builds a webhook body with one delivery status.
func WhatsAppStatus(phoneNumberID, recipient string) []byte {
	return whatsAppBody(phoneNumberID, map[string]any{"statuses": []any{map[string]any{"id": "wamid.s", "status": "delivered",
		"timestamp": "1700000000", "recipient_id": recipient}}})
}

// WhatsAppDocument builds a webhook body with a PDF document.
func WhatsAppDocument(phoneNumberID, from, msgID string, at time.Time) []byte {
	return whatsAppBody(phoneNumberID, map[string]any{"messages": []any{map[string]any{"from": from, "id": msgID,
		"timestamp": fmt.Sprint(at.Unix()), "type": "document",
		"document": map[string]string{"id": "doc1", "mime_type": "application/pdf", "filename": "rezept.pdf"}}}})
}

func whatsAppBody(phoneNumberID string, value map[string]any) []byte {
	value["messaging_product"] = "whatsapp"
	value["metadata"] = map[string]string{"display_phone_number": "49391000000", "phone_number_id": phoneNumberID}
	b, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": "0", "changes": []any{map[string]any{"field": "messages", "value": value}}}}})
	return b
}

// Sign returns the X-Hub-Signature-256 header for body.
func Sign(body []byte, appSecret string) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

package fakes

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Telegram is a local Bot API: sendMessage, getFile, the file download and
// deleteMessage, each under the bot token.
type Telegram struct {
	*httptest.Server
	Token string

	mu      sync.Mutex
	files   map[string][]byte // file_id -> bytes
	sent    []TelegramSent
	deleted []int64
	known   map[int64]bool // message ids that exist (the customer's and the bot's)
	seq     int64
}

// TelegramSent is a message apobot sent.
type TelegramSent struct {
	ChatID    int64
	MessageID int64
	Text      string
}

// NewTelegram starts the fake; Close it when done.
func NewTelegram(token string) *Telegram {
	f := &Telegram{Token: token, files: map[string][]byte{}, known: map[int64]bool{}, seq: 1000}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// AddFile makes a file downloadable under fileID.
func (f *Telegram) AddFile(fileID string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[fileID] = data
}

// Customer records that the customer's message id exists in the chat, so
// deleteMessage can remove it.
func (f *Telegram) Customer(messageID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.known[messageID] = true
}

// Sent returns the messages sent so far.
func (f *Telegram) Sent() []TelegramSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]TelegramSent(nil), f.sent...)
}

// Deleted returns the message ids deleted so far.
func (f *Telegram) Deleted() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int64(nil), f.deleted...)
}

func (f *Telegram) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+f.Token+"/"); ok {
		f.download(w, rest)
		return
	}
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+f.Token+"/")
	if !ok {
		tgError(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	if method == "getMe" { // the bot's identity; the Bot API takes it without a body
		writeJSON(w, map[string]any{"ok": true, "result": map[string]any{"id": 7000001, "is_bot": true, "first_name": "Löwen-Apotheke", "username": "loewen_apotheke_bot"}})
		return
	}
	var in map[string]any
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		tgError(w, http.StatusBadRequest, "Bad Request: invalid JSON")
		return
	}
	switch method {
	case "sendMessage":
		f.sendMessage(w, in)
	case "getFile":
		f.getFile(w, in)
	case "deleteMessage":
		f.deleteMessage(w, in)
	default:
		tgError(w, http.StatusNotFound, "Not Found: method not found")
	}
}

func (f *Telegram) sendMessage(w http.ResponseWriter, in map[string]any) {
	chat, _ := in["chat_id"].(float64)
	text, _ := in["text"].(string)
	if chat == 0 || text == "" {
		tgError(w, http.StatusBadRequest, "Bad Request: message text is empty")
		return
	}
	f.mu.Lock()
	f.seq++
	id := f.seq
	f.known[id] = true
	f.sent = append(f.sent, TelegramSent{ChatID: int64(chat), MessageID: id, Text: text})
	f.mu.Unlock()
	tgOK(w, map[string]any{"message_id": id, "date": time.Now().Unix(), "chat": map[string]any{"id": int64(chat), "type": "private"}, "text": text})
}

func (f *Telegram) getFile(w http.ResponseWriter, in map[string]any) {
	id, _ := in["file_id"].(string)
	f.mu.Lock()
	data, ok := f.files[id]
	f.mu.Unlock()
	if !ok {
		tgError(w, http.StatusBadRequest, "Bad Request: invalid file_id")
		return
	}
	tgOK(w, map[string]any{"file_id": id, "file_unique_id": "u" + id, "file_size": len(data), "file_path": "photos/" + id + ".jpg"})
}

func (f *Telegram) download(w http.ResponseWriter, path string) {
	id := strings.TrimSuffix(strings.TrimPrefix(path, "photos/"), ".jpg")
	f.mu.Lock()
	data, ok := f.files[id]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Write(data)
}

func (f *Telegram) deleteMessage(w http.ResponseWriter, in map[string]any) {
	id, _ := in["message_id"].(float64)
	f.mu.Lock()
	ok := f.known[int64(id)]
	if ok {
		delete(f.known, int64(id))
		f.deleted = append(f.deleted, int64(id))
	}
	f.mu.Unlock()
	if !ok {
		tgError(w, http.StatusBadRequest, "Bad Request: message to delete not found")
		return
	}
	tgOK(w, true)
}

func tgOK(w http.ResponseWriter, result any) {
	writeJSON(w, map[string]any{"ok": true, "result": result})
}

func tgError(w http.ResponseWriter, status int, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": status, "description": desc})
}

// TelegramUpdate builds an update with a private message: text, or a photo
// in three sizes (fileID the largest) with text as its caption.
func TelegramUpdate(updateID, messageID, chatID int64, text, fileID string, at time.Time) []byte {
	msg := map[string]any{"message_id": messageID, "date": at.Unix(),
		"from": map[string]any{"id": chatID, "is_bot": false, "first_name": "Kundin", "language_code": "de"},
		"chat": map[string]any{"id": chatID, "type": "private", "first_name": "Kundin"}}
	if fileID != "" {
		msg["photo"] = []any{
			map[string]any{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 120, "file_size": 1200},
			map[string]any{"file_id": fileID, "file_unique_id": "l", "width": 960, "height": 1280, "file_size": 90000},
			map[string]any{"file_id": "medium", "file_unique_id": "m", "width": 320, "height": 427, "file_size": 9000},
		}
		if text != "" {
			msg["caption"] = text
		}
	} else {
		msg["text"] = text
	}
	b, _ := json.Marshal(map[string]any{"update_id": updateID, "message": msg})
	return b
}

package telegram

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// MaxBody bounds an update body.
const MaxBody = 1 << 20

// CheckSecret reports whether the X-Telegram-Bot-Api-Secret-Token header
// equals the configured secret, comparing in constant time.
func CheckSecret(header, secret string) bool {
	if secret == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(header), []byte(secret)) == 1
}

// Message is a customer's message of an update.
type Message struct {
	UpdateID  int64 // Telegram redelivers an update with the same id
	MessageID int64 // needed to delete it later (deleteMessage)
	ChatID    int64
	Private   bool   // a one-to-one chat with the bot
	Language  string // the user's client language ("de", "en"), may be empty
	At        time.Time
	Text      string // text, or a photo's or document's caption
	FileID    string // the largest photo, or a document
	IsPhoto   bool
	MimeType  string // documents only
}

type update struct {
	UpdateID int64 `json:"update_id"`
	Message  *struct {
		MessageID int64 `json:"message_id"`
		Date      int64 `json:"date"`
		From      *struct {
			LanguageCode string `json:"language_code"`
		} `json:"from"`
		Chat struct {
			ID   int64  `json:"id"`
			Type string `json:"type"`
		} `json:"chat"`
		Text     string      `json:"text"`
		Caption  string      `json:"caption"`
		Photo    []photoSize `json:"photo"`
		Document *struct {
			FileID   string `json:"file_id"`
			MimeType string `json:"mime_type"`
		} `json:"document"`
	} `json:"message"`
}

type photoSize struct {
	FileID   string `json:"file_id"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	FileSize int    `json:"file_size"`
}

// ErrNoMessage is returned for updates without a new message (edits,
// channel posts, callback queries): acknowledged and dropped.
var ErrNoMessage = errors.New("telegram: update holds no new message")

// Parse reads an update body into a message.
func Parse(body []byte) (Message, error) {
	if len(body) > MaxBody {
		return Message{}, fmt.Errorf("telegram: body of %d bytes is over %d", len(body), MaxBody)
	}
	var u update
	if err := json.Unmarshal(body, &u); err != nil {
		return Message{}, fmt.Errorf("telegram: %w", err)
	}
	if u.Message == nil {
		return Message{}, ErrNoMessage
	}
	m := u.Message
	if u.UpdateID <= 0 || m.MessageID <= 0 || m.Chat.ID == 0 || m.Date < 0 {
		return Message{}, errors.New("telegram: an update without its ids or date")
	}
	out := Message{UpdateID: u.UpdateID, MessageID: m.MessageID, ChatID: m.Chat.ID, Private: m.Chat.Type == "private",
		At: time.Unix(m.Date, 0).UTC(), Text: m.Text}
	if m.From != nil {
		out.Language = m.From.LanguageCode
	}
	switch {
	case len(m.Photo) > 0:
		out.FileID, out.IsPhoto, out.Text = largest(m.Photo).FileID, true, m.Caption
	case m.Document != nil:
		out.FileID, out.MimeType, out.Text = m.Document.FileID, m.Document.MimeType, m.Caption
	}
	return out, nil
}

// largest picks the photo size with the most pixels (Telegram sends several
// sizes of one photo, small to large; the order is not promised).
func largest(ps []photoSize) photoSize {
	best := ps[0]
	for _, p := range ps[1:] {
		if p.Width*p.Height > best.Width*best.Height || p.Width*p.Height == best.Width*best.Height && p.FileSize > best.FileSize {
			best = p
		}
	}
	return best
}

package facebook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/meta"
)

// MaxBody bounds a webhook body; Meta's are a few kilobytes.
const MaxBody = 1 << 20

// Message is one customer message of a webhook.
type Message struct {
	ID       string // mid: redeliveries repeat it
	From     string // the customer's page-scoped id
	PageID   string // the page it was sent to
	At       time.Time
	Text     string
	ImageURL string // the first image attachment; fetched with Client.Fetch
	Document bool   // an attachment that is not a photo (audio, video, file)
}

// Update is what one webhook carries: customer messages, and how many
// other events (echoes of the page's own messages, reads, deliveries,
// reactions) it held, acknowledged and dropped.
type Update struct {
	Messages []Message
	Dropped  int
}

// Webhook turns a page webhook POST into the messages apobot answers.
type Webhook struct {
	AppSecret string // signs every POST (X-Hub-Signature-256)
	PageID    string // messages to other pages are dropped; empty: any
	// ChatKey turns a customer's page-scoped id into the pseudonym stored
	// instead.
	ChatKey func(from string) string
}

// Inbound checks the signature on the exact body bytes and returns the
// customer messages the body carries: texts, a photo to fetch, or another
// attachment, which is asked for a photo. Echoes, reads, deliveries, and a
// sticker or reaction without text are none. Errors: bot.EUNAUTHORIZED
// when the signature is missing or wrong, bot.EINVALID when the body is not
// a page webhook (nothing of it is taken).
func (w *Webhook) Inbound(_ context.Context, h http.Header, body []byte) ([]bot.Inbound, error) {
	u, err := meta.Signed(h, body, w.AppSecret, Parse)
	if err != nil {
		return nil, err
	}
	var ins []bot.Inbound
	for _, m := range u.Messages {
		if w.PageID != "" && m.PageID != w.PageID {
			continue
		}
		if m.Text == "" && m.ImageURL == "" && !m.Document {
			continue // a sticker or a reaction without text: nothing to answer
		}
		ins = append(ins, bot.Inbound{Channel: bot.ChannelMessenger, ChatKey: w.ChatKey(m.From), ReplyTo: m.From,
			MessageID: m.ID, Text: m.Text, MediaRef: m.ImageURL, Document: m.Document, ReceivedAt: m.At})
	}
	return ins, nil
}

// payload is the documented page webhook, the parts apobot reads.
type payload struct {
	Object string `json:"object"`
	Entry  []struct {
		ID        string  `json:"id"`
		Messaging []event `json:"messaging"`
	} `json:"entry"`
}

type event struct {
	Sender    struct{ ID string } `json:"sender"`
	Recipient struct{ ID string } `json:"recipient"`
	Timestamp int64               `json:"timestamp"` // milliseconds
	Message   *struct {
		MID         string `json:"mid"`
		Text        string `json:"text"`
		IsEcho      bool   `json:"is_echo"`
		Attachments []struct {
			Type    string `json:"type"`
			Payload struct {
				URL string `json:"url"`
			} `json:"payload"`
		} `json:"attachments"`
	} `json:"message"`
}

// ErrNotPage is returned for JSON that is not a page webhook.
var ErrNotPage = errors.New("facebook: not a page webhook")

// Parse reads a webhook body. A customer message without an id, sender or
// timestamp makes the whole body an error: nothing of it is stored.
func Parse(body []byte) (Update, error) {
	if len(body) > MaxBody {
		return Update{}, fmt.Errorf("facebook: body of %d bytes is over %d", len(body), MaxBody)
	}
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return Update{}, fmt.Errorf("facebook: %w", err)
	}
	if p.Object != "page" {
		return Update{}, ErrNotPage
	}
	var u Update
	for _, e := range p.Entry {
		for _, ev := range e.Messaging {
			if ev.Message == nil || ev.Message.IsEcho {
				u.Dropped++ // read, delivery, reaction, postback, or the page's own message
				continue
			}
			m, err := message(ev)
			if err != nil {
				return Update{}, err
			}
			u.Messages = append(u.Messages, m)
		}
	}
	return u, nil
}

func message(ev event) (Message, error) {
	if ev.Message.MID == "" || ev.Sender.ID == "" || ev.Timestamp <= 0 {
		return Message{}, errors.New("facebook: a message without id, sender or time")
	}
	m := Message{ID: ev.Message.MID, From: ev.Sender.ID, PageID: ev.Recipient.ID,
		At: time.UnixMilli(ev.Timestamp).UTC(), Text: ev.Message.Text}
	for _, a := range ev.Message.Attachments {
		switch {
		case a.Type == "image" && a.Payload.URL != "" && m.ImageURL == "":
			m.ImageURL = a.Payload.URL
		case a.Type == "audio" || a.Type == "video" || a.Type == "file":
			m.Document = true
		}
	}
	if m.ImageURL != "" {
		m.Document = false // a photo with other attachments: the photo is read
	}
	return m, nil
}

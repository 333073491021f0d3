package whatsapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/meta"
)

// MaxBody bounds a webhook body; WhatsApp's are a few kilobytes.
const MaxBody = 1 << 20

// Message is one customer message of a webhook.
type Message struct {
	ID            string // the platform's message id: redeliveries repeat it
	From          string // the customer's WhatsApp id (a phone number)
	PhoneNumberID string // the pharmacy's number it was sent to
	At            time.Time
	Type          string // text, image, document, or another type the bot declines
	Text          string // text body, or the caption of an image or document
	MediaID       string // image or document: fetched in two steps
	MimeType      string
}

// Update is what one webhook carries: messages, and how many delivery
// statuses it held (acknowledged and dropped, never stored).
type Update struct {
	Messages []Message
	Statuses int
}

// Webhook turns a webhook POST into the messages apobot answers.
type Webhook struct {
	AppSecret     string // signs every POST (X-Hub-Signature-256)
	PhoneNumberID string // messages to other numbers are dropped; empty: any
	// ChatKey turns a customer's WhatsApp id into the pseudonym stored
	// instead.
	ChatKey func(from string) string
}

// Inbound checks the signature on the exact body bytes and returns the
// messages the body carries: texts, images to fetch, and files the bot
// cannot read (asked for a photo). Statuses, reactions and system notices
// are none. Errors: bot.EUNAUTHORIZED when the signature is missing or
// wrong, bot.EINVALID when the body is not a webhook (nothing of it is
// taken).
func (w *Webhook) Inbound(_ context.Context, h http.Header, body []byte) ([]bot.Inbound, error) {
	u, err := meta.Signed(h, body, w.AppSecret, Parse)
	if err != nil {
		return nil, err
	}
	var ins []bot.Inbound
	for _, m := range u.Messages {
		if w.PhoneNumberID != "" && m.PhoneNumberID != w.PhoneNumberID {
			continue
		}
		if in, ok := w.inbound(m); ok {
			ins = append(ins, in)
		}
	}
	return ins, nil
}

// inbound turns a message into an Inbound: text, an image to fetch, or a
// file the bot cannot read (a document, voice, video, sticker), which is
// answered with a request for a photo. Reactions and system notices are
// not messages to answer: ok is false.
func (w *Webhook) inbound(m Message) (in bot.Inbound, ok bool) {
	in = bot.Inbound{Channel: bot.ChannelWhatsApp, ChatKey: w.ChatKey(m.From), ReplyTo: m.From,
		MessageID: m.ID, Text: m.Text, ReceivedAt: m.At}
	switch m.Type {
	case "text":
	case "image":
		in.MediaRef = m.MediaID
	case "document", "audio", "voice", "video", "sticker":
		in.Document = true
	default: // reaction, system, unsupported, location, contacts, ...
		return in, false
	}
	return in, true
}

// payload is the documented webhook JSON, the parts apobot reads.
type payload struct {
	Object string `json:"object"`
	Entry  []struct {
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				Metadata struct {
					PhoneNumberID string `json:"phone_number_id"`
				} `json:"metadata"`
				Messages []struct {
					ID        string `json:"id"`
					From      string `json:"from"`
					Timestamp string `json:"timestamp"`
					Type      string `json:"type"`
					Text      *struct {
						Body string `json:"body"`
					} `json:"text"`
					Image    *media `json:"image"`
					Document *media `json:"document"`
				} `json:"messages"`
				Statuses []json.RawMessage `json:"statuses"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

type media struct {
	ID       string `json:"id"`
	MimeType string `json:"mime_type"`
	Caption  string `json:"caption"`
}

// ErrNotWhatsApp is returned for JSON that is not a WhatsApp Business webhook.
var ErrNotWhatsApp = errors.New("whatsapp: not a whatsapp_business_account webhook")

// Parse reads a webhook body. A message without an id or sender, or with a
// bad timestamp, makes the whole body an error: nothing of it is stored.
func Parse(body []byte) (Update, error) {
	if len(body) > MaxBody {
		return Update{}, fmt.Errorf("whatsapp: body of %d bytes is over %d", len(body), MaxBody)
	}
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return Update{}, fmt.Errorf("whatsapp: %w", err)
	}
	if p.Object != "whatsapp_business_account" {
		return Update{}, ErrNotWhatsApp
	}
	var u Update
	for _, e := range p.Entry {
		for _, c := range e.Changes {
			u.Statuses += len(c.Value.Statuses)
			for _, m := range c.Value.Messages {
				msg, err := message(m.ID, m.From, m.Timestamp, m.Type)
				if err != nil {
					return Update{}, err
				}
				msg.PhoneNumberID = c.Value.Metadata.PhoneNumberID
				switch {
				case m.Text != nil:
					msg.Text = m.Text.Body
				case m.Image != nil:
					msg.MediaID, msg.MimeType, msg.Text = m.Image.ID, m.Image.MimeType, m.Image.Caption
				case m.Document != nil:
					msg.MediaID, msg.MimeType, msg.Text = m.Document.ID, m.Document.MimeType, m.Document.Caption
				}
				u.Messages = append(u.Messages, msg)
			}
		}
	}
	return u, nil
}

func message(id, from, ts, typ string) (Message, error) {
	if id == "" || from == "" {
		return Message{}, errors.New("whatsapp: a message without id or sender")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sec < 0 {
		return Message{}, fmt.Errorf("whatsapp: message timestamp %q", clip(ts))
	}
	return Message{ID: id, From: from, At: time.Unix(sec, 0).UTC(), Type: typ}, nil
}

// clip keeps error messages short whatever a body holds.
func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

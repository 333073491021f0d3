package whatsapp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/meta"
)

// Window is how long after a customer's last message free-form replies
// are allowed.
const Window = 24 * time.Hour

// MaxMedia bounds a downloaded photo (WhatsApp sends images up to 5 MB).
const MaxMedia = 10 << 20

// Client talks to the WhatsApp Cloud API: replies and media downloads.
type Client struct {
	BaseURL       string // including the version: https://graph.facebook.com/v21.0
	Token         string // the access token, sent as Bearer
	PhoneNumberID string // the pharmacy's number, the sender of replies
	// Template is an approved message template with one body parameter,
	// used outside the 24-hour window; empty: such replies wait for staff.
	Template         string
	TemplateLanguage string // default "de"
	HTTP             *http.Client
	Now              func() time.Time
}

// Send sends text to a customer: a text message within 24 hours of their
// last message, else the template (or bot.ErrWindowClosed without one).
// It returns the message id WhatsApp gives.
func (c *Client) Send(ctx context.Context, to, text string, lastInbound time.Time) (string, error) {
	msg := map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}
	if c.now().Sub(lastInbound) < Window {
		msg["type"], msg["text"] = "text", map[string]any{"body": text, "preview_url": false}
	} else if c.Template != "" {
		msg["type"], msg["template"] = "template", c.template(text)
	} else {
		return "", bot.ErrWindowClosed
	}
	var out struct {
		Messages []struct {
			ID string `json:"id"`
		} `json:"messages"`
	}
	if err := c.call(ctx, http.MethodPost, c.BaseURL+"/"+url.PathEscape(c.PhoneNumberID)+"/messages", msg, &out); err != nil {
		return "", err
	}
	if len(out.Messages) == 0 {
		return "", errors.New("whatsapp: send: no message id in the answer")
	}
	return out.Messages[0].ID, nil
}

// template builds a template message whose one body parameter is the
// reply (templates allow no line breaks in parameters).
func (c *Client) template(text string) map[string]any {
	lang := c.TemplateLanguage
	if lang == "" {
		lang = "de"
	}
	param := strings.Join(strings.Fields(text), " ")
	return map[string]any{"name": c.Template, "language": map[string]string{"code": lang},
		"components": []any{map[string]any{"type": "body", "parameters": []any{map[string]string{"type": "text", "text": param}}}}}
}

// Check asks the API for the pharmacy's number with the access token: a
// refused token or a wrong number id is an error. It returns the number's
// verified name.
func (c *Client) Check(ctx context.Context) (string, error) {
	var number struct {
		VerifiedName string `json:"verified_name"`
	}
	err := c.call(ctx, http.MethodGet, c.BaseURL+"/"+url.PathEscape(c.PhoneNumberID), nil, &number)
	return number.VerifiedName, err
}

// Fetch downloads a photo in the two documented steps: the media id gives a
// short-lived URL, which is fetched with the same token. The URL and every
// redirect from it must be https on Meta's media hosts (or the API's own
// host), and the SHA-256 that WhatsApp states is checked.
func (c *Client) Fetch(ctx context.Context, mediaID string) ([]byte, error) {
	var info struct {
		URL      string `json:"url"`
		MimeType string `json:"mime_type"`
		SHA256   string `json:"sha256"`
		FileSize int64  `json:"file_size"`
	}
	if err := c.call(ctx, http.MethodGet, c.BaseURL+"/"+url.PathEscape(mediaID), nil, &info); err != nil {
		return nil, err
	}
	if info.URL == "" || info.FileSize > MaxMedia {
		return nil, fmt.Errorf("whatsapp: media of %d bytes, or without a URL", info.FileSize)
	}
	if u, err := url.Parse(info.URL); err != nil || !meta.MediaHost(u, c.BaseURL) {
		return nil, errors.New("whatsapp: the media URL is not on Meta's media hosts")
	}
	data, err := meta.Download(ctx, meta.MediaClient(c.client(), c.BaseURL), info.URL, c.Token, MaxMedia)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: %w", err)
	}
	if sum := sha256.Sum256(data); info.SHA256 != "" && !strings.EqualFold(info.SHA256, hex.EncodeToString(sum[:])) {
		return nil, errors.New("whatsapp: media does not match its sha256")
	}
	return data, nil
}

// codeWindow is the API's error for a free-form message outside 24 hours.
const codeWindow = 131047

// call sends a Graph API request; the window's error is bot.ErrWindowClosed.
func (c *Client) call(ctx context.Context, method, u string, in, out any) error {
	err := meta.Call(ctx, c.client(), method, u, c.Token, in, out)
	var ae *meta.APIError
	if errors.As(err, &ae) && ae.Code == codeWindow {
		return bot.ErrWindowClosed
	}
	if err != nil {
		return fmt.Errorf("whatsapp: %w", err)
	}
	return nil
}

func (c *Client) client() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

var _ bot.Messenger = (*Client)(nil)

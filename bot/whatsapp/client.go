package whatsapp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/apobot/apobot/bot"
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
// short-lived URL, which is fetched with the same token. The SHA-256 that
// WhatsApp states is checked.
func (c *Client) Fetch(ctx context.Context, mediaID string) ([]byte, error) {
	var meta struct {
		URL      string `json:"url"`
		MimeType string `json:"mime_type"`
		SHA256   string `json:"sha256"`
		FileSize int64  `json:"file_size"`
	}
	if err := c.call(ctx, http.MethodGet, c.BaseURL+"/"+url.PathEscape(mediaID), nil, &meta); err != nil {
		return nil, err
	}
	if meta.URL == "" || meta.FileSize > MaxMedia {
		return nil, fmt.Errorf("whatsapp: media of %d bytes, or without a URL", meta.FileSize)
	}
	data, err := c.download(ctx, meta.URL)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); meta.SHA256 != "" && !strings.EqualFold(meta.SHA256, hex.EncodeToString(sum[:])) {
		return nil, errors.New("whatsapp: media does not match its sha256")
	}
	return data, nil
}

func (c *Client) download(ctx context.Context, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, errors.New("whatsapp: media URL is not valid")
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	res, err := c.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: download media: %w", bare(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("whatsapp: download media: status %d", res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, MaxMedia+1))
	if err != nil || len(data) > MaxMedia {
		return nil, fmt.Errorf("whatsapp: download media: too large or cut off (%v)", bare(err))
	}
	return data, nil
}

// apiError is the Graph API's error answer.
type apiError struct {
	Error struct {
		Message string `json:"message"`
		Code    int    `json:"code"`
	} `json:"error"`
}

// codeWindow is the API's error for a free-form message outside 24 hours.
const codeWindow = 131047

// call sends a Graph API request with the bearer token and decodes the
// answer into out. Errors never carry the token or a URL.
func (c *Client) call(ctx context.Context, method, u string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return errors.New("whatsapp: API URL is not valid")
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.client().Do(req)
	if err != nil {
		return fmt.Errorf("whatsapp: %w", bare(err))
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("whatsapp: read answer: %w", bare(err))
	}
	if res.StatusCode/100 != 2 {
		var ae apiError
		_ = json.Unmarshal(raw, &ae)
		if ae.Error.Code == codeWindow {
			return bot.ErrWindowClosed
		}
		return fmt.Errorf("whatsapp: status %d, error code %d", res.StatusCode, ae.Error.Code)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("whatsapp: answer: %w", err)
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

// bare drops the URL from a transport error: media URLs are signed and
// must not reach logs.
func bare(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

var _ bot.Messenger = (*Client)(nil)

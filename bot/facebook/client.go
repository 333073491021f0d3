package facebook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/meta"
)

// DefaultURL is the Graph API, with the version the Send API is used at.
const DefaultURL = "https://graph.facebook.com/v21.0"

// Window is how long after a customer's last message a page may answer
// with messaging_type RESPONSE.
const Window = 24 * time.Hour

// MaxMedia bounds a downloaded photo, as for every channel.
const MaxMedia = 10 << 20

// maxRedirects is how many redirects a photo download follows.
const maxRedirects = meta.MaxRedirects

// maxText is the Send API's limit for one text message, in characters.
const maxText = 2000

// Client talks to the Graph API as the page.
type Client struct {
	BaseURL   string // including the version; default DefaultURL
	PageToken string // the page access token, sent as Bearer
	PageID    string
	HTTP      *http.Client
	Now       func() time.Time
}

// Send sends text to a customer within 24 hours of their last message
// (longer texts in several messages), and returns the last message id.
// Later it returns bot.ErrWindowClosed: the reply waits in the outbox until
// the customer writes again.
func (c *Client) Send(ctx context.Context, to, text string, lastInbound time.Time) (string, error) {
	if c.now().Sub(lastInbound) >= Window {
		return "", bot.ErrWindowClosed
	}
	var id string
	for _, part := range bot.SplitText(text, maxText, utf8.RuneCountInString) {
		msg := map[string]any{"recipient": map[string]string{"id": to}, "messaging_type": "RESPONSE",
			"message": map[string]string{"text": part}}
		var out struct {
			MessageID string `json:"message_id"`
		}
		if err := c.call(ctx, http.MethodPost, c.base()+"/me/messages", msg, &out); err != nil {
			return "", err
		}
		id = out.MessageID
	}
	return id, nil
}

// Check asks the Graph API who the token belongs to: a refused token, or a
// token of another page, is an error. It returns the page's name.
func (c *Client) Check(ctx context.Context) (string, error) {
	var me struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	if err := c.call(ctx, http.MethodGet, c.base()+"/me?fields=id,name", nil, &me); err != nil {
		return "", err
	}
	if me.ID != c.PageID {
		return "", errors.New("facebook: the page token belongs to another page than APOBOT_MESSENGER_PAGE_ID")
	}
	return me.Name, nil
}

// Fetch downloads a photo attachment from its URL. The webhook that named
// it was signed, and the URL must still be on Meta's media hosts (or the
// API's own host, for a local Graph API), as must every redirect from it,
// over https: apobot fetches nothing else for a customer.
func (c *Client) Fetch(ctx context.Context, ref string) ([]byte, error) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
		return nil, errors.New("facebook: attachment URL is not valid")
	}
	if !c.mediaHost(u) {
		return nil, errors.New("facebook: attachment URL is not on Meta's media hosts")
	}
	data, err := meta.Download(ctx, c.mediaClient(), ref, "", MaxMedia)
	if err != nil {
		return nil, fmt.Errorf("facebook: %w", err)
	}
	return data, nil
}

// Graph API errors that mean the reply window is closed: code 10 with
// subcode 2018278 ("outside of allowed window"), and 551 (the person is not
// available now).
const (
	codePermission  = 10
	subcodeWindow   = 2018278
	codeUnavailable = 551
)

// call sends a Graph API request with the page token; the window's errors
// are bot.ErrWindowClosed.
func (c *Client) call(ctx context.Context, method, u string, in, out any) error {
	err := meta.Call(ctx, c.client(), method, u, c.PageToken, in, out)
	var ae *meta.APIError
	if errors.As(err, &ae) && (ae.Code == codePermission && ae.Subcode == subcodeWindow || ae.Code == codeUnavailable) {
		return bot.ErrWindowClosed
	}
	if err != nil {
		return fmt.Errorf("facebook: %w", err)
	}
	return nil
}

// mediaHost reports whether u may be fetched (meta.MediaHost).
func (c *Client) mediaHost(u *url.URL) bool { return meta.MediaHost(u, c.base()) }

// mediaClient checks every redirect (meta.MediaClient).
func (c *Client) mediaClient() *http.Client { return meta.MediaClient(c.client(), c.base()) }

func (c *Client) base() string {
	if c.BaseURL == "" {
		return DefaultURL
	}
	return strings.TrimRight(c.BaseURL, "/")
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

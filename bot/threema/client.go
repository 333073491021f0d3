package threema

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/nacl/secretbox"

	"github.com/apobot/apobot/bot"
)

// DefaultURL is the public gateway's API.
const DefaultURL = "https://msgapi.threema.ch"

// MaxMedia bounds a downloaded blob, as for every photo.
const MaxMedia = 10 << 20

// maxText is the most text one box carries: the box holds at most MaxBox
// bytes with type byte, padding and the MAC; longer replies go in parts.
const maxText = 3000

// fileNonce is the nonce of a file message's blob (the thumbnail's ends
// in 2 instead), as the file message format fixes them: each blob has its
// own random key.
var fileNonce = [24]byte{23: 1}

// Client talks to the gateway's end-to-end API: public keys, blobs, send.
type Client struct {
	BaseURL    string // default DefaultURL
	ID         string // the gateway ID, *XXXXXXX
	Secret     string // the API secret
	PrivateKey *[32]byte
	HTTP       *http.Client
	Now        func() time.Time

	keys keyCache
}

// Check asks the gateway for the credits left (/credits): a wrong ID or
// secret is an error.
func (c *Client) Check(ctx context.Context) (int, error) {
	body, err := c.get(ctx, "/credits", 64)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(body)))
	if err != nil {
		return 0, errors.New("threema: credits: not a number")
	}
	return n, nil
}

// PublicKey returns a Threema ID's public key, from memory when it was
// looked up within keyTTL, else from the gateway.
func (c *Client) PublicKey(ctx context.Context, id string) (*[32]byte, error) {
	if !ValidID(id) {
		return nil, errors.New("threema: not a Threema ID")
	}
	if k, ok := c.keys.get(id, c.now()); ok {
		return k, nil
	}
	body, err := c.get(ctx, "/pubkeys/"+url.PathEscape(id), 128)
	if err != nil {
		return nil, err
	}
	k, err := ParseKey(string(body))
	if err != nil {
		return nil, errors.New("threema: the gateway's public key is not 64 hex digits")
	}
	c.keys.put(id, k, c.now())
	return k, nil
}

// Open opens a callback's box with the sender's public key.
func (c *Client) Open(ctx context.Context, cb Callback) (Message, error) {
	pub, err := c.PublicKey(ctx, cb.From)
	if err != nil {
		return Message{}, err
	}
	return Open(cb, pub, c.PrivateKey)
}

// Send encrypts text for the recipient and sends it through /send_e2e; a
// long text goes as several messages. It returns the last message id.
// Threema has no reply window: lastInbound is not used.
func (c *Client) Send(ctx context.Context, to, text string, _ time.Time) (string, error) {
	pub, err := c.PublicKey(ctx, to)
	if err != nil {
		return "", err
	}
	var id string
	for _, part := range bot.SplitText(text, maxText, func(s string) int { return len(s) }) {
		if id, err = c.sendOne(ctx, to, part, pub); err != nil {
			return "", err
		}
	}
	return id, nil
}

func (c *Client) sendOne(ctx context.Context, to, text string, pub *[32]byte) (string, error) {
	nonce, boxed, err := seal(text, pub, c.PrivateKey)
	if err != nil {
		return "", err
	}
	form := url.Values{"from": {c.ID}, "to": {to}, "nonce": {hex.EncodeToString(nonce[:])},
		"box": {hex.EncodeToString(boxed)}, "secret": {c.Secret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base()+"/send_e2e", strings.NewReader(form.Encode()))
	if err != nil {
		return "", errors.New("threema: API URL is not valid")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	body, err := c.do(req, 64)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(body)), nil
}

// Fetch downloads a file message's blob and decrypts it with its key; ref
// is FileRef.Ref.
func (c *Client) Fetch(ctx context.Context, ref string) ([]byte, error) {
	blobID, keyHex, ok := strings.Cut(ref, ":")
	key, err := ParseKey(keyHex)
	if !ok || err != nil || len(blobID) != 32 {
		return nil, errors.New("threema: not a blob reference")
	}
	boxed, err := c.get(ctx, "/blobs/"+url.PathEscape(blobID), MaxMedia+secretbox.Overhead)
	if err != nil {
		return nil, err
	}
	data, ok := secretbox.Open(nil, boxed, &fileNonce, key)
	if !ok {
		return nil, errors.New("threema: the blob does not open with its key")
	}
	return data, nil
}

// Erase forgets the chat partner's public key: Threema cannot delete
// messages on the customer's phone, but apobot keeps nothing of the chat.
func (c *Client) Erase(_ context.Context, to string, _ []string) error {
	c.keys.drop(to)
	return nil
}

// get asks the gateway with the ID and secret as query parameters, as the
// API wants them, and reads at most limit bytes.
func (c *Client) get(ctx context.Context, path string, limit int64) ([]byte, error) {
	q := url.Values{"from": {c.ID}, "secret": {c.Secret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base()+path+"?"+q.Encode(), nil)
	if err != nil {
		return nil, errors.New("threema: API URL is not valid")
	}
	return c.do(req, limit)
}

// do sends a request; errors carry the status, never the URL (it holds the
// secret).
func (c *Client) do(req *http.Request, limit int64) ([]byte, error) {
	res, err := c.client().Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("threema: %w", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil || int64(len(body)) > limit {
		return nil, errors.New("threema: answer too large or cut off")
	}
	if res.StatusCode != http.StatusOK {
		return nil, &StatusError{Status: res.StatusCode}
	}
	return body, nil
}

// StatusError is the gateway's refusal: 401 wrong ID or secret, 402 no
// credits, 404 unknown ID or blob, 413 message too long.
type StatusError struct{ Status int }

func (e *StatusError) Error() string { return fmt.Sprintf("threema: gateway answered %d", e.Status) }

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

var (
	_ bot.Messenger = (*Client)(nil)
	_ bot.Eraser    = (*Client)(nil)
)

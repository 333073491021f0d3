package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/apobot/apobot/bot"
)

// MaxFile bounds a downloaded photo (bots may download up to 20 MB; the
// scanner takes 10).
const MaxFile = 10 << 20

// Client talks to the Telegram Bot API. Its URLs contain the bot token, so
// no error it returns contains a URL.
type Client struct {
	BaseURL string // https://api.telegram.org
	Token   string
	HTTP    *http.Client
}

// Send sends text to a chat and returns the message id Telegram gives.
// Telegram has no reply window: lastInbound is not used.
func (c *Client) Send(ctx context.Context, chatID, text string, _ time.Time) (string, error) {
	id, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return "", errors.New("telegram: send: chat id is not a number")
	}
	var msg struct {
		MessageID int64 `json:"message_id"`
	}
	if err := c.call(ctx, "sendMessage", map[string]any{"chat_id": id, "text": text}, &msg); err != nil {
		return "", err
	}
	return strconv.FormatInt(msg.MessageID, 10), nil
}

// Check asks the Bot API who the bot is (getMe): a refused token is an
// error. It returns the bot's user name.
func (c *Client) Check(ctx context.Context) (string, error) {
	var me struct {
		Username string `json:"username"`
	}
	err := c.call(ctx, "getMe", map[string]any{}, &me)
	return me.Username, err
}

// Fetch downloads a file: getFile gives its path, which is fetched from
// the file endpoint.
func (c *Client) Fetch(ctx context.Context, fileID string) ([]byte, error) {
	var f struct {
		FilePath string `json:"file_path"`
		FileSize int64  `json:"file_size"`
	}
	if err := c.call(ctx, "getFile", map[string]string{"file_id": fileID}, &f); err != nil {
		return nil, err
	}
	if f.FilePath == "" || f.FileSize > MaxFile {
		return nil, fmt.Errorf("telegram: file of %d bytes, or without a path", f.FileSize)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/file/bot"+c.Token+"/"+f.FilePath, nil)
	if err != nil {
		return nil, errors.New("telegram: file path is not valid")
	}
	res, err := c.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram: download: %w", bare(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("telegram: download: status %d", res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, MaxFile+1))
	if err != nil || len(data) > MaxFile {
		return nil, fmt.Errorf("telegram: download: too large or cut off (%v)", bare(err))
	}
	return data, nil
}

// Erase deletes messages of a chat with deleteMessage. Telegram refuses
// messages older than 48 hours; those are counted, not fatal.
func (c *Client) Erase(ctx context.Context, chatID string, messageIDs []string) error {
	chat, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return errors.New("telegram: erase: chat id is not a number")
	}
	refused := 0
	for _, s := range messageIDs {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			continue // not a Telegram message (never sent)
		}
		var ok bool
		if err := c.call(ctx, "deleteMessage", map[string]int64{"chat_id": chat, "message_id": id}, &ok); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			refused++
		}
	}
	if refused > 0 {
		return fmt.Errorf("telegram: %d of %d messages could not be deleted (older than 48 hours, or gone)", refused, len(messageIDs))
	}
	return nil
}

// call posts a Bot API method and decodes its result.
func (c *Client) call(ctx context.Context, method string, in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/bot"+c.Token+"/"+method, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("telegram %s: API URL is not valid", method)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.client().Do(req)
	if err != nil {
		return fmt.Errorf("telegram %s: %w", method, bare(err))
	}
	defer res.Body.Close()
	var ans struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		ErrorCode   int             `json:"error_code"`
		Description string          `json:"description"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&ans); err != nil {
		return fmt.Errorf("telegram %s: status %d, answer: %w", method, res.StatusCode, err)
	}
	if !ans.OK {
		return fmt.Errorf("telegram %s: error %d", method, ans.ErrorCode)
	}
	if err := json.Unmarshal(ans.Result, out); err != nil {
		return fmt.Errorf("telegram %s: result: %w", method, err)
	}
	return nil
}

func (c *Client) client() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// bare drops the URL (which holds the token) from a transport error.
func bare(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

var (
	_ bot.Messenger = (*Client)(nil)
	_ bot.Eraser    = (*Client)(nil)
)

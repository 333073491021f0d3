package meta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// APIError is the Graph API's refusal: the HTTP status and the error's code
// and subcode, never its message (which may quote the request).
type APIError struct {
	Status, Code, Subcode int
}

func (e *APIError) Error() string {
	return fmt.Sprintf("status %d, error code %d", e.Status, e.Code)
}

// Call sends a Graph API request with token as Bearer and decodes a 2xx
// answer into out; any other answer is an *APIError. Errors never carry
// the token or the URL.
func Call(ctx context.Context, c *http.Client, method, u, token string, in, out any) error {
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
		return errors.New("API URL is not valid")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		return Bare(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("read answer: %w", Bare(err))
	}
	if res.StatusCode/100 != 2 {
		var ae struct {
			Error struct {
				Code    int `json:"code"`
				Subcode int `json:"error_subcode"`
			} `json:"error"`
		}
		_ = json.Unmarshal(raw, &ae)
		return &APIError{Status: res.StatusCode, Code: ae.Error.Code, Subcode: ae.Error.Subcode}
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("answer: %w", err)
	}
	return nil
}

// Download fetches a media URL (with token as Bearer when it is not empty)
// and reads at most limit bytes. Errors never carry the URL: media URLs
// are signed.
func Download(ctx context.Context, c *http.Client, u, token string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, errors.New("media URL is not valid")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download media: %w", Bare(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download media: status %d", res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil || int64(len(data)) > limit {
		return nil, fmt.Errorf("download media: too large or cut off (%v)", Bare(err))
	}
	return data, nil
}

// Bare drops the URL from a transport error.
func Bare(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

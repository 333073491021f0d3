package meta

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"testing"
)

// sign is the platform's side, written out here rather than shared.
func sign(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestVerify(t *testing.T) {
	body := []byte(`{"object":"page"}`)
	good := sign(body, "geheim")
	for name, c := range map[string]struct {
		body   []byte
		header string
		secret string
		want   bool
	}{
		"signed":        {body, good, "geheim", true},
		"other body":    {[]byte(`{"object":"page" }`), good, "geheim", false},
		"other secret":  {body, good, "anders", false},
		"no prefix":     {body, good[len("sha256="):], "geheim", false},
		"not hex":       {body, "sha256=zz", "geheim", false},
		"empty secret":  {body, sign(body, ""), "", false},
		"no header":     {body, "", "geheim", false},
		"cut signature": {body, good[:len(good)-2], "geheim", false},
	} {
		if got := Verify(c.body, c.header, c.secret); got != c.want {
			t.Errorf("%s: Verify = %v, want %v", name, got, c.want)
		}
	}
}

func TestHandshake(t *testing.T) {
	q := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {"token-1"}, "hub.challenge": {"1158201444"}}
	if ch, ok := Handshake(q, "token-1"); !ok || ch != "1158201444" {
		t.Fatalf("good handshake: %q %v", ch, ok)
	}
	if _, ok := Handshake(q, "token-2"); ok {
		t.Fatal("a wrong verify token was accepted")
	}
	if _, ok := Handshake(q, ""); ok {
		t.Fatal("an empty configured token was accepted")
	}
	q.Set("hub.mode", "unsubscribe")
	if _, ok := Handshake(q, "token-1"); ok {
		t.Fatal("a mode other than subscribe was accepted")
	}
}

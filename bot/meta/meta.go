// Package meta holds what Meta's two messaging platforms, the WhatsApp Cloud
// API and the Messenger Platform, do the same way: the webhook's
// subscription handshake, the X-Hub-Signature-256 over the raw body, and
// Graph API calls with a Bearer token and their error answers. What differs
// between them (the webhook JSON, the send calls, which errors mean the
// reply window is closed) stays in their own packages.
package meta

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/url"
	"strings"
)

// SignatureHeader is the header that carries a webhook's signature.
const SignatureHeader = "X-Hub-Signature-256"

// Verify reports whether header ("sha256=<hex>") is the HMAC-SHA256 of the
// exact body bytes under the app secret. The comparison takes the same time
// however much of the signature matches.
func Verify(body []byte, header, appSecret string) bool {
	hexSig, ok := strings.CutPrefix(header, "sha256=")
	if !ok || appSecret == "" {
		return false
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// Handshake answers the subscription handshake (GET with hub.mode,
// hub.verify_token and hub.challenge): the challenge, and whether the
// verify token matched. An empty configured token never matches.
func Handshake(q url.Values, verifyToken string) (challenge string, ok bool) {
	if q.Get("hub.mode") != "subscribe" || verifyToken == "" ||
		subtle.ConstantTimeCompare([]byte(q.Get("hub.verify_token")), []byte(verifyToken)) != 1 {
		return "", false
	}
	return q.Get("hub.challenge"), true
}

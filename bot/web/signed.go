package web

import (
	"crypto/hmac"
	"encoding/base64"
	"encoding/hex"

	"github.com/apobot/apobot/bot"
)

// A signed value is 16 bytes of payload and 16 bytes of their MAC, keyed
// by the master key through ChatKey under a purpose no channel has, and
// bound to a context (a staff name, or nothing): the server recognises its
// own web chat tokens and device cookies without storing them.
const (
	signedPayload = 16
	signedMAC     = 16
)

func (s *Server) sign(purpose bot.Channel, bound string, payload []byte) string {
	return base64.RawURLEncoding.EncodeToString(append(payload[:signedPayload:signedPayload], s.mac(purpose, bound, payload)...))
}

// verify returns the payload of a value sign made for purpose and bound.
// Only sign's own spelling counts: 32 bytes take 43 characters whose last
// carries 2 spare bits that a plain decoder ignores (four spellings of one
// token, four chats), and a decoder skips line breaks; a value that does not
// encode back to itself is refused.
func (s *Server) verify(purpose bot.Channel, bound, value string) ([]byte, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(value)
	if err != nil || len(raw) != signedPayload+signedMAC || base64.RawURLEncoding.EncodeToString(raw) != value {
		return nil, false
	}
	payload := raw[:signedPayload]
	return payload, hmac.Equal(raw[signedPayload:], s.mac(purpose, bound, payload))
}

func (s *Server) mac(purpose bot.Channel, bound string, payload []byte) []byte {
	mac, _ := hex.DecodeString(s.cfg.ChatKey(purpose, bound+"\x00"+hex.EncodeToString(payload)))
	return mac[:signedMAC]
}

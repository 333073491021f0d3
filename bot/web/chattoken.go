package web

import (
	"crypto/rand"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/apobot/apobot/bot"
)

// A web chat token is a signed value (signed.go) whose payload is the
// chat's language ('D' or 'E'), the branch its link named (its place in
// Config.Branches plus one; 0: none), the second it was made (4 bytes, Unix
// time) and 10 random bytes: a session costs no row until its first message.
// A token made before tokens carried their time ('d' or 'e', 14 random
// bytes) counts as made long ago: it lives on only through its chat.
const tokenPurpose bot.Channel = "web-session-token"

// chatToken is what a web chat token says.
type chatToken struct {
	lang, branch string
	made         time.Time
}

// newChatToken makes a token for a chat in lang ("de" or "en") from the
// link of branch ("": none, or one the pharmacy does not have).
func (s *Server) newChatToken(lang, branch string) string {
	b := make([]byte, signedPayload)
	rand.Read(b[6:])
	b[0] = 'D'
	if lang == "en" {
		b[0] = 'E'
	}
	if i := slices.IndexFunc(s.cfg.Branches, func(x Branch) bool { return x.ID == branch }); i >= 0 && i < 255 {
		b[1] = byte(i + 1)
	}
	binary.BigEndian.PutUint32(b[2:6], uint32(s.now().Unix()))
	return s.sign(tokenPurpose, "", b)
}

// chatToken checks that token is one this server (with this master key)
// made and returns what it says.
func (s *Server) chatToken(token string) (chatToken, bool) {
	payload, ok := s.verify(tokenPurpose, "", token)
	if !ok {
		return chatToken{}, false
	}
	t := chatToken{lang: "de"}
	if payload[0] == 'e' || payload[0] == 'E' {
		t.lang = "en"
	}
	if i := int(payload[1]) - 1; i >= 0 && i < len(s.cfg.Branches) {
		t.branch = s.cfg.Branches[i].ID
	}
	if payload[0] == 'D' || payload[0] == 'E' {
		t.made = time.Unix(int64(binary.BigEndian.Uint32(payload[2:6])), 0)
	}
	return t, true
}

// DefaultChatIdle is how long a web chat token lives without a message from
// its customer, unless Config.ChatIdle says otherwise: the retention's
// default for an abandoned chat, so a token ends when its chat may be
// purged.
const DefaultChatIdle = 48 * time.Hour

// ended reports whether a token made at made has been left alone for
// ChatIdle: neither made nor written with since. A chat whose request the
// pharmacy still holds keeps its token, so the customer reads the answer
// (the retention bounds such a chat's life).
func (s *Server) ended(made time.Time, conv bot.Conversation) bool {
	if conv.PreOrderID != 0 {
		return false
	}
	last := made
	if conv.LastSeenAt.After(last) {
		last = conv.LastSeenAt
	}
	return s.now().Sub(last) >= s.cfg.ChatIdle
}

// SessionLimit is how many web chats one address may start: Burst at once,
// then PerMinute.
type SessionLimit struct {
	PerMinute float64
	Burst     int
}

// defaultSessionLimit: a family behind one router opens a handful of chats;
// 30 at once and one every 20 seconds after that is far beyond it.
var defaultSessionLimit = SessionLimit{PerMinute: 3, Burst: 30}

var errTooManySessions = &httpError{http.StatusTooManyRequests, "web.too_many_sessions", nil, nil}

// sessionLimiter limits POST /chat/session per client address (in memory:
// forgetting counts at a restart costs nothing but a few sessions).
func (s *Server) sessionLimiter() echo.MiddlewareFunc {
	l := s.cfg.SessionLimit
	if l.PerMinute <= 0 || l.Burst <= 0 {
		l = defaultSessionLimit
	}
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(l.PerMinute / 60), Burst: l.Burst, ExpiresIn: 10 * time.Minute})
	retry := strconv.Itoa(int(60/l.PerMinute) + 1)
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{Store: store,
		IdentifierExtractor: func(c echo.Context) (string, error) { return c.RealIP(), nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", retry)
			return errTooManySessions
		}})
}

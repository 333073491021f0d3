package web

import (
	"crypto/rand"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/apobot/apobot/bot"
)

// A web chat token is a signed value (signed.go) whose payload is the
// chat's language and 15 random bytes: a session costs no row until its
// first message.
const tokenPurpose bot.Channel = "web-session-token"

// newChatToken makes a token for a chat in lang ("de" or "en").
func (s *Server) newChatToken(lang string) string {
	b := make([]byte, signedPayload)
	rand.Read(b[1:])
	b[0] = lang[0]
	return s.sign(tokenPurpose, "", b)
}

// chatToken checks that token is one this server (with this master key)
// made and returns its chat's language.
func (s *Server) chatToken(token string) (lang string, ok bool) {
	payload, ok := s.verify(tokenPurpose, "", token)
	switch {
	case !ok:
		return "", false
	case payload[0] == 'e':
		return "en", true
	}
	return "de", true
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

package web

import (
	"crypto/rand"
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
// chat's language, the branch its link named (its place in Config.Branches
// plus one; 0: none) and 14 random bytes: a session costs no row until its
// first message.
const tokenPurpose bot.Channel = "web-session-token"

// newChatToken makes a token for a chat in lang ("de" or "en") from the
// link of branch ("": none, or one the pharmacy does not have).
func (s *Server) newChatToken(lang, branch string) string {
	b := make([]byte, signedPayload)
	rand.Read(b[2:])
	b[0] = lang[0]
	if i := slices.IndexFunc(s.cfg.Branches, func(x Branch) bool { return x.ID == branch }); i >= 0 && i < 255 {
		b[1] = byte(i + 1)
	}
	return s.sign(tokenPurpose, "", b)
}

// chatToken checks that token is one this server (with this master key)
// made and returns its chat's language and branch.
func (s *Server) chatToken(token string) (lang, branch string, ok bool) {
	payload, ok := s.verify(tokenPurpose, "", token)
	if !ok {
		return "", "", false
	}
	lang = "de"
	if payload[0] == 'e' {
		lang = "en"
	}
	if i := int(payload[1]) - 1; i >= 0 && i < len(s.cfg.Branches) {
		branch = s.cfg.Branches[i].ID
	}
	return lang, branch, true
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

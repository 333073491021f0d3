package web

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// Messages per web chat: a token bucket per chat, in memory (a restart
// forgets the counts, which costs nothing but one more burst).
const (
	// MessageBurst is how many messages a web chat may send at once: a
	// customer who sends an order line by line, or a photo of each pack,
	// sends a handful; 20 is far beyond.
	MessageBurst = 20
	// MessageEvery is how often a chat may send one more after the burst:
	// every 2 seconds (30 a minute), faster than anyone types a line and
	// reads the answer.
	MessageEvery = 2 * time.Second
	// messageRefill is how long a chat must be quiet for its bucket to be
	// full again: then forgetting the chat changes nothing.
	messageRefill = MessageBurst * MessageEvery
)

var errTooManyMessages = &httpError{http.StatusTooManyRequests, "web.too_many_messages", nil, nil}

// messageLimiter holds a bucket for each chat that wrote in the last
// messageRefill, and forgets the others, so its memory follows the chats
// active now, not all chats ever seen.
type messageLimiter struct {
	mu    sync.Mutex
	chats map[string]*chatBucket // by the chat's keyed pseudonym, never its token
	swept time.Time
}

type chatBucket struct {
	lim  *rate.Limiter
	last time.Time // its last message, or try
}

func newMessageLimiter() *messageLimiter {
	return &messageLimiter{chats: map[string]*chatBucket{}}
}

// allow counts a message of chat at now; when there is no room, it counts
// nothing and says how long until there is.
func (m *messageLimiter) allow(chat string, now time.Time) (time.Duration, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sweep(now)
	b := m.chats[chat]
	if b == nil {
		b = &chatBucket{lim: rate.NewLimiter(rate.Every(MessageEvery), MessageBurst)}
		m.chats[chat] = b
	}
	b.last = now
	r := b.lim.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return wait, false
	}
	return 0, true
}

// sweep forgets the chats quiet for messageRefill, at most once in that
// time, so a message costs O(1) on average.
func (m *messageLimiter) sweep(now time.Time) {
	if now.Sub(m.swept) < messageRefill {
		return
	}
	m.swept = now
	for k, b := range m.chats {
		if now.Sub(b.last) >= messageRefill {
			delete(m.chats, k)
		}
	}
}

// messageLimit refuses a chat's message beyond its bucket: 429 with
// Retry-After in whole seconds.
func (s *Server) messageLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if wait, ok := s.messages.allow(conversation(c).ChatKey, s.now()); !ok {
			c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
			return errTooManyMessages
		}
		return next(c)
	}
}

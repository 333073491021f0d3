package web

import (
	"strconv"
	"sync"
	"time"
)

// Login attempts: five failures within the window lock a name or an
// address for lockFor.
const (
	maxFailures = 5
	failWindow  = 15 * time.Minute
	lockFor     = 15 * time.Minute
)

// limiter counts failed logins per key (a name, an address), in memory: a
// restart forgets them, which only helps an attacker who can restart the
// server.
type limiter struct {
	mu  sync.Mutex
	m   map[string]*attempts
	now func() time.Time
}

type attempts struct {
	n      int
	first  time.Time
	locked time.Time // until
}

func newLimiter() *limiter { return &limiter{m: map[string]*attempts{}, now: time.Now} }

// locked returns how long the most locked of keys stays locked, 0 if none.
func (l *limiter) locked(keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now, wait := l.now(), time.Duration(0)
	for _, k := range keys {
		if a := l.m[k]; a != nil && a.locked.After(now) {
			wait = max(wait, a.locked.Sub(now))
		}
	}
	return wait
}

// fail counts a failure for each key and locks those with too many.
func (l *limiter) fail(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, k := range keys {
		a := l.m[k]
		if a == nil || now.Sub(a.first) > failWindow {
			a = &attempts{first: now}
			l.m[k] = a
		}
		if a.n++; a.n >= maxFailures {
			a.locked, a.n, a.first = now.Add(lockFor), 0, now
		}
	}
	if len(l.m) > 10000 { // bounded: forget what is old
		for k, a := range l.m {
			if now.Sub(a.first) > failWindow && !a.locked.After(now) {
				delete(l.m, k)
			}
		}
	}
}

// reset forgets a key's failures after a successful login.
func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, key)
}

func itoa(n int) string { return strconv.Itoa(n) }

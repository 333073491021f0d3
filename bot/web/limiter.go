package web

import (
	"context"
	"crypto/rand"
	"net/http"
	"runtime"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
)

// The login limit counts every try before its password is checked:
//   - the name from one address: 5 tries in 15 minutes, then 15 minutes locked;
//   - one address, whatever the names: 20 in 15 minutes, then 15 minutes;
//   - the name from everywhere: 10 in an hour, then one try a minute,
//     doubling with every further failure up to one an hour. A browser in
//     which the name logged in before (its device cookie) is exempt, so a
//     stranger guessing from elsewhere cannot lock the counter tablet out.
var (
	pairRule = bot.LoginRule{Max: 5, Window: 15 * time.Minute, Lock: 15 * time.Minute}
	addrRule = bot.LoginRule{Max: 20, Window: 15 * time.Minute, Lock: 15 * time.Minute}
	nameRule = bot.LoginRule{Max: 10, Window: time.Hour, Lock: time.Minute, Backoff: true, MaxLock: time.Hour}
)

// Logins counts staff login tries per key in the database (store.DB), so a
// restart forgets nothing and several processes share the count.
type Logins interface {
	// LoginTry counts a try against every key before the password is
	// checked, in one step; when a key is locked it counts nothing and
	// returns how long the lock lasts.
	LoginTry(ctx context.Context, keys []bot.LoginKey, now time.Time) (time.Duration, error)
	// LoginSucceeded drops the counts of forget and takes the try back
	// from those of refund.
	LoginSucceeded(ctx context.Context, forget, refund []string) error
}

// loginKeys are what a try for name from addr counts against; known says
// the browser logged in as name before.
func loginKeys(name, addr string, known bool) []bot.LoginKey {
	keys := []bot.LoginKey{{Key: "pair:" + name + "\x00" + addr, Rule: pairRule}, {Key: "addr:" + addr, Rule: addrRule}}
	if !known {
		keys = append(keys, bot.LoginKey{Key: "name:" + name, Rule: nameRule})
	}
	return keys
}

// deviceCookie names the cookie that marks a browser in which name logged
// in: one per name, its name a keyed hash of the name.
func (s *Server) deviceCookie(name string) string {
	return "apobot_device_" + s.cfg.ChatKey(devicePurpose, name)[:16]
}

const devicePurpose bot.Channel = "staff-device"

// knownDevice reports whether the request carries a device cookie that
// this server made for name.
func (s *Server) knownDevice(c echo.Context, name string) bool {
	ck, err := c.Cookie(s.deviceCookie(name))
	if err != nil {
		return false
	}
	_, ok := s.verify(devicePurpose, name, ck.Value)
	return ok
}

// rememberDevice marks the browser as one in which name logged in, for a year.
func (s *Server) rememberDevice(c echo.Context, name string) {
	nonce := make([]byte, signedPayload)
	rand.Read(nonce)
	c.SetCookie(&http.Cookie{Name: s.deviceCookie(name), Value: s.sign(devicePurpose, name, nonce), Path: "/staff/login",
		HttpOnly: true, Secure: isHTTPS(c), SameSite: http.SameSiteStrictMode, MaxAge: 365 * 24 * 3600})
}

// passwordChecks bounds the argon2id checks running at once: each takes
// 64 MiB, so a burst of logins cannot take the process's memory.
const (
	defaultPasswordChecks = 2
	passwordCheckWait     = 10 * time.Second // how long a try waits for a place
)

var errBusyLogins = &httpError{http.StatusTooManyRequests, "web.busy_logins", nil, nil}

// checkPassword runs the password check in one of the places; errBusyLogins
// when none frees up in time.
func (s *Server) checkPassword(ctx context.Context, hash, pw string) (bool, error) {
	wait, cancel := context.WithTimeout(ctx, passwordCheckWait)
	defer cancel()
	select {
	case s.checks <- struct{}{}:
	case <-wait.Done():
		return false, errBusyLogins
	}
	defer func() {
		// The check's 64 MiB are garbage now: collect them before the next
		// check takes the place, instead of letting the heap grow to twice
		// its size first (measured: 413 MB peak for a 50-login burst
		// without this, under 400 with it).
		runtime.GC()
		<-s.checks
	}()
	return s.cfg.CheckPassword(hash, pw), nil
}

package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// StaffStore keeps accounts and logins (store.DB).
type StaffStore interface {
	// StaffByName returns an account; ENOTFOUND when there is none.
	StaffByName(ctx context.Context, username string) (bot.Staff, error)
	// CreateSession records a login under the hash of its id.
	CreateSession(ctx context.Context, idHash string, staffID int64) error
	// Session returns a live login and marks it seen; ENOTFOUND when it is
	// unknown, idle longer than idle or older than maxAge.
	Session(ctx context.Context, idHash string, idle, maxAge time.Duration) (bot.StaffSession, error)
	// DeleteSession ends a login.
	DeleteSession(ctx context.Context, idHash string) error
	// SessionAlive reports whether a login still lives (as Session would
	// find it) without marking it seen.
	SessionAlive(ctx context.Context, idHash string, idle, maxAge time.Duration) (bool, error)
}

// PasswordCheck reports whether a password matches an account's hash
// (argon2id, wired in cmd/apobot: store/password.Check). An empty hash (an
// unknown name) must cost as much as a real one and never match.
type PasswordCheck func(hash, password string) bool

// Session lifetimes: a tablet left alone logs out after 30 minutes (the
// default of Config.StaffIdle), and no login lasts a working day and a half.
const (
	sessionIdle   = 30 * time.Minute
	sessionMaxAge = 12 * time.Hour
	staffKey      = "apobot.staff"
	sessionIDKey  = "apobot.session"
)

// sessionCookie is the cookie's name: with the __Host- prefix over TLS, so
// no subdomain and no plain-HTTP page can set it.
func sessionCookie(c echo.Context) string {
	if isHTTPS(c) {
		return "__Host-apobot_staff"
	}
	return "apobot_staff"
}

func hashID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

func randomID() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// csrfFor derives a session's CSRF token from its secret id.
func csrfFor(sessionID string) string {
	mac := hmac.New(sha256.New, []byte(sessionID))
	mac.Write([]byte("apobot csrf"))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// requireStaff lets only a live login through; pages send others to the
// login, actions get 401. Every POST must carry the session's CSRF token.
func (s *Server) requireStaff(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		ck, err := c.Cookie(sessionCookie(c))
		var sess bot.StaffSession
		if err == nil {
			sess, err = s.cfg.Staff.Session(c.Request().Context(), hashID(ck.Value), s.cfg.StaffIdle, sessionMaxAge)
			if bot.ErrorCode(err) == bot.EINTERNAL {
				return err
			}
		}
		if err != nil {
			if c.Request().Method == http.MethodGet {
				return c.Redirect(http.StatusSeeOther, "/staff/login")
			}
			return errLoggedOut
		}
		if c.Request().Method == http.MethodPost && !sameToken(csrfField(c), csrfFor(ck.Value)) {
			return errCSRF
		}
		c.Set(staffKey, sess)
		c.Set(sessionIDKey, ck.Value)
		return next(c)
	}
}

var (
	errLoggedOut = &httpError{http.StatusUnauthorized, "staff.login", nil, nil}
	errCSRF      = &httpError{http.StatusForbidden, "web.csrf", nil, nil}
	errLogin     = &httpError{http.StatusUnauthorized, "web.login_wrong", nil, nil}
)

// csrfField returns the CSRF token a POST carries: the form body's _csrf
// field, or the X-CSRF-Token header of a script's call. Never the query
// string: a URL ends up in logs, histories and Referer headers.
func csrfField(c echo.Context) string {
	if h := c.Request().Header.Get("X-CSRF-Token"); h != "" {
		return h
	}
	return c.Request().PostFormValue("_csrf")
}

func sameToken(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// loginCookie carries the login form's CSRF token (double submit) before
// there is a session.
const loginCookie = "apobot_login"

type loginData struct {
	CSRF, Username, Error string
}

// loginPage shows the login form.
func (s *Server) loginPage(c echo.Context) error {
	return s.renderLogin(c, http.StatusOK, "", "")
}

func (s *Server) renderLogin(c echo.Context, status int, username, problem string) error {
	token := randomID()
	c.SetCookie(&http.Cookie{Name: loginCookie, Value: token, Path: "/staff/login", HttpOnly: true, Secure: isHTTPS(c),
		SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, status, "login.html", loginData{CSRF: token, Username: username, Error: problem})
}

// login checks name and password under the login limit and starts a new
// session with a new id. The try is counted before the password is
// checked; an unknown name is checked against a dummy hash, so the answer
// takes as long as for a known one.
func (s *Server) login(c echo.Context) error {
	ck, err := c.Cookie(loginCookie)
	if err != nil || !sameToken(csrfField(c), ck.Value) {
		return errCSRF
	}
	name, pw := c.FormValue("username"), c.FormValue("password")
	ctx, addr := c.Request().Context(), c.RealIP()
	keys := loginKeys(name, addr, s.knownDevice(c, name))
	wait, err := s.cfg.Logins.LoginTry(ctx, keys, s.now())
	if err != nil {
		return err
	}
	if wait > 0 {
		s.log.Info("staff login refused: locked")
		return s.renderLogin(c, http.StatusTooManyRequests, name, s.staffText(c, "tablet.locked", msg.Args{"Count": minutes(wait)}))
	}
	staff, err := s.cfg.Staff.StaffByName(ctx, name)
	if err != nil && bot.ErrorCode(err) != bot.ENOTFOUND {
		return err
	}
	ok, err := s.checkPassword(ctx, staff.PasswordHash, pw) // "" for an unknown name
	if err != nil {
		return err
	}
	if !ok || staff.ID == 0 {
		s.log.Info("staff login failed")
		return s.renderLogin(c, http.StatusUnauthorized, name, errLogin.text(langOf(c)))
	}
	forget, refund := []string{keys[0].Key}, []string{keys[1].Key, "name:" + name}
	if err := s.cfg.Logins.LoginSucceeded(ctx, forget, refund); err != nil {
		return err
	}
	id := randomID()
	if err := s.cfg.Staff.CreateSession(ctx, hashID(id), staff.ID); err != nil {
		return err
	}
	if old, err := c.Cookie(sessionCookie(c)); err == nil {
		s.cfg.Staff.DeleteSession(ctx, hashID(old.Value))
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie(c), Value: id, Path: "/", HttpOnly: true, Secure: isHTTPS(c),
		SameSite: http.SameSiteStrictMode, MaxAge: int(sessionMaxAge.Seconds())})
	s.rememberDevice(c, name)
	s.log.Info("staff logged in", "staff", staff.ID)
	return c.Redirect(http.StatusSeeOther, "/staff")
}

// logout ends the session.
func (s *Server) logout(c echo.Context) error {
	if err := s.cfg.Staff.DeleteSession(c.Request().Context(), hashID(c.Get(sessionIDKey).(string))); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie(c), Path: "/", MaxAge: -1, HttpOnly: true, Secure: isHTTPS(c), SameSite: http.SameSiteStrictMode})
	return c.Redirect(http.StatusSeeOther, "/staff/login")
}

// minutes is d in whole minutes, rounded up, at least one.
func minutes(d time.Duration) int { return max(1, int(d.Minutes()+0.999)) }

// staffBodyLimit bounds staff form bodies before anything reads them: 64 kB,
// and 65 MB for the inventory upload.
func staffBodyLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		limit := int64(64 << 10)
		if c.Path() == "/staff/inventory" {
			limit = maxInventoryUpload + 1<<20
		}
		r := c.Request()
		if r.ContentLength > limit {
			return echo.ErrStatusRequestEntityTooLarge
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
		return next(c)
	}
}

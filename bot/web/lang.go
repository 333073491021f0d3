package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"
)

// The tablet pages speak German or English: the language a login chose
// with the switch in the header (a cookie), else the browser's. The chat
// page speaks its chat's language (chatPage).
const (
	langKey    = "apobot.lang" // the request's page language, in the echo context
	langCookie = "apobot_lang"
)

// langOf is the language of the page the request is answered with.
func langOf(c echo.Context) string {
	if l, ok := c.Get(langKey).(string); ok {
		return l
	}
	lang := language(c.Request())
	if ck, err := c.Cookie(langCookie); err == nil && (ck.Value == "de" || ck.Value == "en") {
		lang = ck.Value
	}
	c.Set(langKey, lang)
	return lang
}

// date is a day (and the time, with clock) as the tablet page shows it.
func (s *Server) date(c echo.Context, t time.Time, clock bool) string {
	layout := "02.01.2006"
	if langOf(c) == "en" {
		layout = "2 Jan 2006"
	}
	if clock {
		layout += " 15:04"
	}
	return t.In(s.cfg.Location).Format(layout)
}

// switchLanguage remembers the tablet language a login chose (?to=de|en)
// and goes back to the page it came from. The choice says nothing about
// anyone, so it is a plain preference cookie; the login page has the
// switch too.
func (s *Server) switchLanguage(c echo.Context) error {
	to := c.QueryParam("to")
	if to != "de" && to != "en" {
		return &httpError{http.StatusBadRequest, "web.language", nil, nil}
	}
	c.SetCookie(&http.Cookie{Name: langCookie, Value: to, Path: "/staff", HttpOnly: true, Secure: isHTTPS(c),
		SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	return c.Redirect(http.StatusSeeOther, localBack(c.QueryParam("back")))
}

// localBack is a staff page to go back to, as given when it is one written
// as a browser would (a valid path under /staff, nothing to re-encode);
// anything else is the queue.
func localBack(back string) string {
	u, err := url.Parse(back)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.String() != back ||
		strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\") || strings.ContainsFunc(back, unicode.IsControl) {
		return "/staff"
	}
	if rest, ok := strings.CutPrefix(u.Path, "/staff"); !ok || (rest != "" && rest[0] != '/') {
		return "/staff"
	}
	return back
}

// pagePath is the page a request shows, to come back to after a switch:
// the answer to a form is shown in place, under the form's own path,
// which is no page to come back to.
func pagePath(c echo.Context) string {
	path := c.Request().URL.Path
	if c.Request().Method == http.MethodGet {
		return path
	}
	parts := strings.Split(path, "/") // "", "staff", "requests", "7", "approve"
	switch {
	case len(parts) > 4 && parts[2] == "requests":
		return strings.Join(parts[:4], "/")
	case len(parts) > 2:
		return strings.Join(parts[:3], "/")
	}
	return "/staff"
}

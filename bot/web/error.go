package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
)

// httpError is an error with a status and bilingual message for the client.
type httpError struct {
	status int
	de, en string
	cause  error // logged for 5xx, never sent
}

func (e *httpError) Error() string {
	if e.cause != nil {
		return e.en + ": " + e.cause.Error()
	}
	return e.en
}

func (e *httpError) Unwrap() error { return e.cause }

func unavailable(cause error) error {
	return &httpError{http.StatusServiceUnavailable, "Dienst vorübergehend nicht verfügbar.", "Service temporarily unavailable.", cause}
}

// handleError is the one place where errors become responses. Client errors are
// answered with their message; internal ones are logged and answered generically.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	he := toHTTPError(err)
	if he.status >= 500 {
		s.log.Error("request failed", "route", s.routeOf(c), "status", he.status, "err", err)
	}
	if strings.HasPrefix(c.Request().URL.Path, "/staff") && c.Request().Method != http.MethodHead {
		err = s.renderError(c, he)
	} else {
		err = s.jsonError(c, he)
	}
	if err != nil {
		s.log.Warn("write error response", "err", err)
	}
}

// errorPage feeds error.html.
type errorPage struct {
	Status         int
	DE             string
	Back, BackText string
}

// renderError answers the tablet with a page in German and a way back.
func (s *Server) renderError(c echo.Context, he *httpError) error {
	p := errorPage{Status: he.status, DE: he.de, Back: "/staff", BackText: "Zu den Anfragen"}
	if he.status == http.StatusUnauthorized {
		p.Back, p.BackText = "/staff/login", "Zur Anmeldung"
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, he.status, "error.html", p)
}

func (s *Server) jsonError(c echo.Context, he *httpError) error {
	body := map[string]any{"error": map[string]string{"de": he.de, "en": he.en}}
	var err error
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(he.status)
	} else {
		err = c.JSON(he.status, body)
	}
	return err
}

// toHTTPError maps any error to a status and message.
func toHTTPError(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	var ee *echo.HTTPError
	if errors.As(err, &ee) {
		return fromEcho(ee)
	}
	var be *bot.Error
	if errors.As(err, &be) && be.Code != bot.EINTERNAL {
		return &httpError{botStatus[be.Code], be.DE, be.EN, nil}
	}
	return &httpError{http.StatusInternalServerError, "Interner Fehler. Bitte später erneut versuchen.", "Internal error. Please try again later.", err}
}

// botStatus maps the domain's error codes to statuses.
var botStatus = map[string]int{bot.EINVALID: http.StatusBadRequest, bot.ENOTFOUND: http.StatusNotFound, bot.ECONFLICT: http.StatusConflict}

// fromEcho translates echo's own errors (unknown route, wrong method, ...).
func fromEcho(ee *echo.HTTPError) *httpError {
	switch ee.Code {
	case http.StatusNotFound:
		return &httpError{ee.Code, "Diese Seite gibt es nicht.", "Not found.", nil}
	case http.StatusMethodNotAllowed:
		return &httpError{ee.Code, "Diese Methode ist hier nicht erlaubt.", "Method not allowed.", nil}
	case http.StatusRequestEntityTooLarge:
		return &httpError{ee.Code, "Die Anfrage ist zu groß.", "Request too large.", nil}
	}
	if ee.Code >= 500 {
		return &httpError{ee.Code, "Interner Fehler.", "Internal error.", ee}
	}
	text := http.StatusText(ee.Code)
	return &httpError{ee.Code, "Anfrage abgelehnt: " + text + ".", "Request refused: " + text + ".", nil}
}

package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// httpError is an error with a status and a catalogue message for the
// client, rendered in German and English at the edge.
type httpError struct {
	status int
	id     msg.ID
	args   msg.Args
	cause  error // logged for 5xx, never sent
}

func (e *httpError) Error() string {
	if e.cause != nil {
		return e.text("en") + ": " + e.cause.Error()
	}
	return e.text("en")
}

// text renders the message in lang.
func (e *httpError) text(lang string) string { return msg.Text(lang, e.id, e.args) }

func (e *httpError) Unwrap() error { return e.cause }

func unavailable(cause error) error {
	return &httpError{http.StatusServiceUnavailable, "web.unavailable", nil, cause}
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
	Text           string
	Back, BackText string
}

// staffText renders a catalogue message in the language of the tablet
// page the request is answered with.
func (s *Server) staffText(c echo.Context, id msg.ID, args msg.Args) string {
	return msg.Text(langOf(c), id, args)
}

// renderError answers the tablet with a page in its language and a way back.
func (s *Server) renderError(c echo.Context, he *httpError) error {
	p := errorPage{Status: he.status, Text: he.text(langOf(c)), Back: "/staff", BackText: s.staffText(c, "tablet.back_requests", nil)}
	if he.status == http.StatusUnauthorized {
		p.Back, p.BackText = "/staff/login", s.staffText(c, "tablet.back_login", nil)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, he.status, "error.html", p)
}

func (s *Server) jsonError(c echo.Context, he *httpError) error {
	body := map[string]any{"error": map[string]string{"id": string(he.id), "de": he.text("de"), "en": he.text("en")}}
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
		return &httpError{botStatus[be.Code], be.ID, be.Args, nil}
	}
	return &httpError{http.StatusInternalServerError, "web.internal", nil, err}
}

// botStatus maps the domain's error codes to statuses.
var botStatus = map[string]int{bot.EINVALID: http.StatusBadRequest, bot.ENOTFOUND: http.StatusNotFound, bot.ECONFLICT: http.StatusConflict,
	bot.EUNAUTHORIZED: http.StatusUnauthorized, bot.EUNAVAILABLE: http.StatusServiceUnavailable}

// fromEcho translates echo's own errors (unknown route, wrong method, ...).
func fromEcho(ee *echo.HTTPError) *httpError {
	switch ee.Code {
	case http.StatusNotFound:
		return &httpError{ee.Code, "web.not_found", nil, nil}
	case http.StatusMethodNotAllowed:
		return &httpError{ee.Code, "web.method", nil, nil}
	case http.StatusRequestEntityTooLarge:
		return &httpError{ee.Code, "web.too_large", nil, nil}
	}
	if ee.Code >= 500 {
		return &httpError{ee.Code, "web.internal", nil, ee}
	}
	return &httpError{ee.Code, "web.refused", msg.Args{"Status": http.StatusText(ee.Code)}, nil}
}

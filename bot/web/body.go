package web

import (
	"errors"
	"io"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"
)

var (
	errSlowBody = &httpError{http.StatusRequestTimeout, "web.slow_body", nil, nil}
	errCutBody  = &httpError{http.StatusBadRequest, "web.cut_body", nil, nil}
)

// readBody reads a request's whole body. A body over the route's limit is
// 413; one that arrives too slowly (the server's read deadline) is 408, and
// one cut off is 400: the peer's fault, so nothing is logged as an error, and
// the read error, which names the peer's address, is dropped.
func readBody(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	var tooBig *http.MaxBytesError
	var limit *echo.HTTPError // echo's BodyLimit
	var netErr net.Error
	switch {
	case err == nil:
		return body, nil
	case errors.As(err, &tooBig):
		return nil, echo.ErrStatusRequestEntityTooLarge
	case errors.As(err, &limit):
		return nil, limit
	case errors.As(err, &netErr) && netErr.Timeout():
		return nil, errSlowBody
	default:
		return nil, errCutBody
	}
}

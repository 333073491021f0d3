package web

import (
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// ipExtractor decides whose address the login limiter counts. Without
// trusted proxies only the peer's address counts: echo v4's default would
// believe any client's X-Forwarded-For, and one client could then spread
// its password guesses over invented addresses.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// httpsKey marks, in the request's context, a request that reached a
// trusted proxy over HTTPS.
const httpsKey = "apobot.https"

// viaProxy records whether a request came over HTTPS: directly, or through
// a trusted proxy that says so in X-Forwarded-Proto. The header of anyone
// else is ignored.
func viaProxy(trusted []*net.IPNet) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(httpsKey, c.IsTLS() || (fromTrusted(c.Request(), trusted) &&
				strings.EqualFold(c.Request().Header.Get(echo.HeaderXForwardedProto), "https")))
			return next(c)
		}
	}
}

// isHTTPS reports whether the customer's or pharmacist's browser talks
// HTTPS to apobot (see viaProxy): cookies are then Secure and the staff
// session cookie gets its __Host- prefix.
func isHTTPS(c echo.Context) bool {
	https, _ := c.Get(httpsKey).(bool)
	return https || c.IsTLS()
}

func fromTrusted(r *http.Request, trusted []*net.IPNet) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	for _, n := range trusted {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

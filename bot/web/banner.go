package web

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
)

// A banner is the green line a staff page shows after an action. A redirect
// names it by ID (?ok=approved&code=K7M2QX); the words come from this list
// only, and a parameter is taken only when it parses as what it stands for
// (a pickup code, a count), so a link cannot put words in the pharmacy's
// mouth. Errors are not banners: they are rendered with the form's answer.
type banner struct {
	format string
	args   []string // query parameters filling format's verbs, in order
}

var banners = map[string]banner{
	"approved":   {"Bestätigt: %s. Die Kundin, der Kunde ist informiert.", []string{"code"}},
	"rejected":   {"Abgelehnt: %s. Die Kundin, der Kunde ist informiert.", []string{"code"}},
	"saved":      {"Gespeichert; die Abholzeit ist neu geplant.", nil},
	"ready":      {"Bereitgelegt: %s.", []string{"code"}},
	"handed-out": {"Ausgegeben: %s. Die Vorbestellung ist abgeschlossen.", []string{"code"}},
	"imported":   {"%d Produkte importiert: %d neu, %d aktualisiert, %d nicht in der Datei (behalten).", []string{"products", "added", "updated", "kept"}},
}

// bannerURL is path with the banner id and its parameters in the query.
func bannerURL(path, id string, params ...string) string {
	q := url.Values{"ok": {id}}
	for i, name := range banners[id].args {
		q.Set(name, params[i])
	}
	return path + "?" + q.Encode()
}

// bannerText returns the text of the request's ?ok= banner; "" when there is
// none, the ID is unknown or a parameter does not parse.
func bannerText(c echo.Context) string {
	b, ok := banners[c.QueryParam("ok")]
	if !ok {
		return ""
	}
	vals := make([]any, len(b.args))
	for i, name := range b.args {
		raw := c.QueryParam(name)
		if name == "code" {
			code, err := bot.ParsePickupCode(raw)
			if err != nil {
				return ""
			}
			vals[i] = string(code)
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || n > 10_000_000 {
			return ""
		}
		vals[i] = n
	}
	return fmt.Sprintf(b.format, vals...)
}

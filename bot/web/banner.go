package web

import (
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// A banner is the green line a staff page shows after an action. A redirect
// names it by ID (?ok=approved&code=K7M2QX); the words come from this list
// only, and a parameter is taken only when it parses as what it stands for
// (a pickup code, a count), so a link cannot put words in the pharmacy's
// mouth. Errors are not banners: they are rendered with the form's answer.
type banner struct {
	id   msg.ID   // the words, from the catalogue
	args []string // query parameters filling the message's fields, in order
}

var banners = map[string]banner{
	"approved":   {"tablet.banner_approved", []string{"code"}},
	"rejected":   {"tablet.banner_rejected", []string{"code"}},
	"saved":      {"tablet.banner_saved", nil},
	"ready":      {"tablet.banner_ready", []string{"code"}},
	"handed-out": {"tablet.banner_handed_out", []string{"code"}},
	"imported":   {"tablet.banner_imported", []string{"products", "added", "updated", "kept"}},

	"account-added":    {"tablet.banner_account_added", nil},
	"account-password": {"tablet.banner_account_password", nil},
	"account-owner":    {"tablet.banner_account_owner", nil},
	"account-removed":  {"tablet.banner_account_removed", nil},
}

// bannerFields names the message fields of the query parameters.
var bannerFields = map[string]string{"code": "Code", "products": "Products", "added": "Added", "updated": "Updated", "kept": "Kept"}

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
	vals := msg.Args{}
	for _, name := range b.args {
		raw := c.QueryParam(name)
		if name == "code" {
			code, err := bot.ParsePickupCode(raw)
			if err != nil {
				return ""
			}
			vals[bannerFields[name]] = string(code)
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || n > 10_000_000 {
			return ""
		}
		vals[bannerFields[name]] = n
	}
	return msg.Text(langOf(c), b.id, vals)
}

package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
)

// pickupData feeds the pickups page.
type pickupData struct {
	Code  string
	Found *requestView
	Ready []requestView // approved and ready, by pickup time
}

// pickups finds a pre-order by its code (?code=) and lists what is due.
func (s *Server) pickups(c echo.Context) error {
	return s.renderPickups(c, strings.TrimSpace(c.QueryParam("code")), http.StatusOK, "")
}

// renderPickups shows the pickups page with code looked up, status and an
// error line (msg; none when empty).
func (s *Server) renderPickups(c echo.Context, code string, status int, problem string) error {
	d := pickupData{Code: code}
	open, err := s.openHere(c)
	if err != nil {
		return err
	}
	for _, po := range open {
		if po.Status == bot.StatusApproved || po.Status == bot.StatusReady {
			d.Ready = append(d.Ready, s.view(c, po))
		}
	}
	p := s.frame(c, s.staffText(c, "tablet.nav_pickups", nil), "pickups", &d, countNew(open))
	if d.Code != "" {
		code, err := bot.ParsePickupCode(d.Code)
		if err == nil {
			var po bot.PreOrder
			if po, err = s.preOrderByCode(c, code); err == nil {
				v := s.view(c, po)
				d.Found = &v
			}
		}
		var be *bot.Error
		if err != nil && !asBotError(err, &be) {
			return err
		}
		if be != nil {
			p.Error = be.Text(langOf(c))
		}
	}
	if problem != "" {
		p.Error = problem
	}
	return s.render(c, status, "pickups.html", p)
}

// pickupCode is the pre-order of the path's code, when the login works at
// its branch: another branch's pickup is "not found", as its request page is.
func (s *Server) pickupCode(c echo.Context) (bot.PickupCode, error) {
	code, err := bot.ParsePickupCode(c.Param("code"))
	if err == nil {
		_, err = s.preOrderByCode(c, code)
	}
	return code, err
}

// preOrderByCode finds a pre-order by its pickup code among those the login
// may open.
func (s *Server) preOrderByCode(c echo.Context, code bot.PickupCode) (bot.PreOrder, error) {
	po, err := s.cfg.Requests.PreOrderByCode(c.Request().Context(), code)
	if err == nil && !s.mayOpen(c, po) {
		return bot.PreOrder{}, bot.Errorf(bot.ENOTFOUND, "staff.no_preorder", nil)
	}
	return po, err
}

// ready marks a pre-order as on the shelf; the customer is told.
func (s *Server) ready(c echo.Context) error {
	code, err := s.pickupCode(c)
	if err == nil {
		_, err = s.cfg.Engine.Ready(c.Request().Context(), code)
	}
	return s.pickupDone(c, code, "ready", err)
}

// handedOut closes a pre-order at the counter.
func (s *Server) handedOut(c echo.Context) error {
	code, err := s.pickupCode(c)
	if err == nil {
		_, err = s.cfg.Engine.HandOut(c.Request().Context(), code)
	}
	return s.pickupDone(c, code, "handed-out", err)
}

// pickupDone answers a pickup action: the banner ok on success, the pickups
// page with the code and why on a refusal.
func (s *Server) pickupDone(c echo.Context, code bot.PickupCode, ok string, err error) error {
	var be *bot.Error
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, bannerURL("/staff/pickups", ok, string(code)))
	case asBotError(err, &be) && be.Code != bot.EINTERNAL:
		status := http.StatusConflict
		if be.Code != bot.ECONFLICT {
			status = botStatus[be.Code]
		}
		return s.renderPickups(c, c.Param("code"), status, be.Text(langOf(c)))
	}
	return err
}

func asBotError(err error, be **bot.Error) bool { return errors.As(err, be) }

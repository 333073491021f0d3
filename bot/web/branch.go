package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
)

// Branch is one of the pharmacy's branches as the tablet names it.
type Branch struct {
	ID, Name string
}

// branchCookie keeps the branch whose queue a tablet shows.
const branchCookie = "apobot_branch"

// branchesOf lists the branches the login works at: those its account
// names, or all of them.
func (s *Server) branchesOf(c echo.Context) []Branch {
	sess := c.Get(staffKey).(bot.StaffSession)
	if len(sess.Branches) == 0 {
		return s.cfg.Branches
	}
	return slices.DeleteFunc(slices.Clone(s.cfg.Branches), func(b Branch) bool { return !slices.Contains(sess.Branches, b.ID) })
}

// branchNow is the branch whose queue, pickups and stock the tablet shows:
// the one chosen with the switch, else the login's first; "" where the
// pharmacy has no branches.
func (s *Server) branchNow(c echo.Context) string {
	mine := s.branchesOf(c)
	if len(s.cfg.Branches) < 2 || len(mine) == 0 {
		return ""
	}
	if ck, err := c.Cookie(branchCookie); err == nil && slices.ContainsFunc(mine, func(b Branch) bool { return b.ID == ck.Value }) {
		return ck.Value
	}
	return mine[0].ID
}

// branchName names a branch ("" for none).
func (s *Server) branchName(id string) string {
	for _, b := range s.cfg.Branches {
		if b.ID == id {
			return b.Name
		}
	}
	return ""
}

// branchNames names branches by their names, in a line.
func (s *Server) branchNames(ids []string) string {
	var names []string
	for _, id := range ids {
		if n := s.branchName(id); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// here keeps the requests of the tablet's branch; a request whose customer
// has not chosen a branch yet shows at every branch.
func (s *Server) here(c echo.Context, pos []bot.PreOrder) []bot.PreOrder {
	b := s.branchNow(c)
	if b == "" {
		return pos
	}
	return slices.DeleteFunc(pos, func(po bot.PreOrder) bool { return po.Branch != "" && po.Branch != b })
}

// mayOpen reports whether the login works at the request's branch.
func (s *Server) mayOpen(c echo.Context, po bot.PreOrder) bool {
	if len(s.cfg.Branches) < 2 || po.Branch == "" {
		return true
	}
	return slices.ContainsFunc(s.branchesOf(c), func(b Branch) bool { return b.ID == po.Branch })
}

// switchBranch is POST /staff/branch: the tablet shows another of the
// login's branches.
func (s *Server) switchBranch(c echo.Context) error {
	id := c.FormValue("branch")
	if !slices.ContainsFunc(s.branchesOf(c), func(b Branch) bool { return b.ID == id }) {
		return &httpError{http.StatusBadRequest, "staff.no_branch_here", nil, nil}
	}
	c.SetCookie(&http.Cookie{Name: branchCookie, Value: id, Path: "/staff", HttpOnly: true, Secure: isHTTPS(c),
		SameSite: http.SameSiteStrictMode, MaxAge: 30 * 24 * 3600})
	return c.Redirect(http.StatusSeeOther, localBack(c.FormValue("back")))
}

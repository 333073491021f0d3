package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// Accounts manages the staff accounts (store.DB). Every change is made by a
// named account (actor), ends the changed account's logins at once and is
// recorded.
type Accounts interface {
	// ListStaff returns every account by name, without password hashes.
	ListStaff(ctx context.Context) ([]bot.Staff, error)
	// AddStaffAt creates an account that works at branches (none: all);
	// ECONFLICT or EINVALID for the name.
	AddStaffAt(ctx context.Context, actor, username, hash string, branches []string) (bot.Staff, error)
	// SetStaffPassword gives an account a new password; ENOTFOUND.
	SetStaffPassword(ctx context.Context, actor, username, hash string) error
	// SetStaffOwner gives or takes the owner role; ECONFLICT for the last.
	SetStaffOwner(ctx context.Context, actor, username string, owner bool) error
	// RemoveStaff deletes an account; ECONFLICT for the last owner.
	RemoveStaff(ctx context.Context, actor, username string) error
	// StaffEvents returns the latest changes, newest first.
	StaffEvents(ctx context.Context, limit int) ([]bot.StaffEvent, error)
}

// PasswordHash hashes a new password; an EINVALID bot.Error when it is too
// short.
type PasswordHash func(password string) (string, error)

// accountsData feeds the accounts page.
type accountsData struct {
	Accounts []accountView
	Events   []eventView
	Name     string // the add form's name, kept after a refusal
	// Choices are the branches the add form offers (the owner's own; none
	// where the pharmacy has no branches), none of them checked; Every
	// offers all branches, also future ones (an owner who works at all).
	Choices []Branch
	Every   bool
}

// accountView is an account as the page lists it.
type accountView struct {
	Name     string
	Owner    bool
	Created  string
	Branches string // the branches it works at, named; "" all (where there are branches)
}

// eventView is a recorded change as the page shows it.
type eventView struct {
	When, Actor, What string
}

// actionText says what a recorded change did.
var actionText = map[bot.StaffAction]msg.ID{
	bot.StaffAdded:    "tablet.account_added",
	bot.StaffPassword: "tablet.account_password",
	bot.StaffOwner:    "tablet.account_owner",
	bot.StaffBranches: "tablet.account_branches",
	bot.StaffNotOwner: "tablet.account_not_owner",
	bot.StaffRemoved:  "tablet.account_removed",
}

// accountEvents is how many changes the page lists.
const accountEvents = 50

// accountsOn reports whether owners may manage the accounts on the tablet.
func (s *Server) accountsOn() bool { return s.cfg.Accounts != nil && s.cfg.HashPassword != nil }

// requireOwner lets only an owner's login through to the accounts.
func (s *Server) requireOwner(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !c.Get(staffKey).(bot.StaffSession).Owner {
			return &httpError{http.StatusForbidden, "web.owner_only", nil, nil}
		}
		return next(c)
	}
}

// accounts shows the accounts, the forms to change them and the record of
// changes.
func (s *Server) accounts(c echo.Context) error {
	return s.renderAccounts(c, http.StatusOK, "", "")
}

func (s *Server) renderAccounts(c echo.Context, status int, problem, name string) error {
	ctx := c.Request().Context()
	list, err := s.cfg.Accounts.ListStaff(ctx)
	if err != nil {
		return err
	}
	events, err := s.cfg.Accounts.StaffEvents(ctx, accountEvents)
	if err != nil {
		return err
	}
	data := accountsData{Name: name}
	if len(s.cfg.Branches) > 1 {
		data.Choices = s.branchesOf(c)
		data.Every = len(data.Choices) == len(s.cfg.Branches)
	}
	for _, a := range list {
		data.Accounts = append(data.Accounts, accountView{a.Username, a.Owner, s.date(c, a.CreatedAt, false), s.branchNames(a.Branches)})
	}
	for _, e := range events {
		data.Events = append(data.Events, s.eventView(c, e))
	}
	p, err := s.page(c, s.staffText(c, "tablet.nav_accounts", nil), "accounts", data)
	if err != nil {
		return err
	}
	p.Error = problem
	return s.render(c, status, "accounts.html", p)
}

func (s *Server) eventView(c echo.Context, e bot.StaffEvent) eventView {
	actor := e.Actor
	if actor == "" {
		actor = s.staffText(c, "tablet.account_cli", nil)
	}
	what := s.staffText(c, actionText[e.Action], msg.Args{"Name": e.Target})
	return eventView{When: s.date(c, e.At, true), Actor: actor, What: what}
}

// addAccount creates an account with the password and, where the pharmacy
// has branches, the branches the owner chose.
func (s *Server) addAccount(c echo.Context) error {
	name := c.FormValue("username")
	return s.accountChange(c, "account-added", name, func(ctx context.Context, actor string) error {
		branches, err := s.chosenBranches(c)
		if err != nil {
			return err
		}
		hash, err := s.cfg.HashPassword(c.FormValue("password"))
		if err != nil {
			return err
		}
		_, err = s.cfg.Accounts.AddStaffAt(ctx, actor, name, hash, branches)
		return err
	})
}

// allBranches is the form's choice of every branch, also those to come.
const allBranches = "*"

// chosenBranches reads the add form's branch fields: none checked is
// refused, allBranches gives every branch (nil), else those named, each one
// the owner's login works at itself. Without branches: nil.
func (s *Server) chosenBranches(c echo.Context) ([]string, error) {
	if len(s.cfg.Branches) < 2 {
		return nil, nil
	}
	params, err := c.FormParams()
	if err != nil {
		return nil, err
	}
	picked, mine := params["branch"], s.branchesOf(c)
	if len(picked) == 0 {
		return nil, bot.Errorf(bot.EINVALID, "staff.branch_choose", nil)
	}
	if slices.Contains(picked, allBranches) && len(mine) == len(s.cfg.Branches) {
		return nil, nil
	}
	var ids []string
	for _, id := range picked {
		if !slices.ContainsFunc(mine, func(b Branch) bool { return b.ID == id }) {
			return nil, bot.Errorf(bot.EINVALID, "staff.no_branch_here", nil)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// accountPassword sets a new password; the account's logins end.
func (s *Server) accountPassword(c echo.Context) error {
	return s.accountChange(c, "account-password", "", func(ctx context.Context, actor string) error {
		hash, err := s.cfg.HashPassword(c.FormValue("password"))
		if err != nil {
			return err
		}
		return s.cfg.Accounts.SetStaffPassword(ctx, actor, c.FormValue("username"), hash)
	})
}

// accountOwner gives or takes the owner role.
func (s *Server) accountOwner(c echo.Context) error {
	return s.accountChange(c, "account-owner", "", func(ctx context.Context, actor string) error {
		return s.cfg.Accounts.SetStaffOwner(ctx, actor, c.FormValue("username"), c.FormValue("owner") == "1")
	})
}

// removeAccount deletes an account; its logins end at once.
func (s *Server) removeAccount(c echo.Context) error {
	return s.accountChange(c, "account-removed", "", func(ctx context.Context, actor string) error {
		return s.cfg.Accounts.RemoveStaff(ctx, actor, c.FormValue("username"))
	})
}

// accountChange runs one change as the logged-in owner and answers with the
// banner ok, or the page and why not.
func (s *Server) accountChange(c echo.Context, ok, name string, change func(ctx context.Context, actor string) error) error {
	actor := c.Get(staffKey).(bot.StaffSession).Username
	err := change(c.Request().Context(), actor)
	var be *bot.Error
	switch {
	case err == nil:
		s.log.Info("staff account changed", "change", ok) // no names in the log: the page records who did what
		return c.Redirect(http.StatusSeeOther, bannerURL("/staff/accounts", ok))
	case asBotError(err, &be) && be.Code != bot.EINTERNAL:
		return s.renderAccounts(c, botStatus[be.Code], be.Text(langOf(c)), name)
	}
	return err
}

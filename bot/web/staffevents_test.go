package web_test

import (
	"bufio"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// openEvents opens the tablet's event stream with s's login and returns
// its lines as they come; the channel closes with the stream.
func openEvents(t *testing.T, h *harness, s *staffClient) <-chan string {
	t.Helper()
	req, _ := http.NewRequestWithContext(testwait.Context(t), http.MethodGet, h.ts.URL+"/staff/events", nil)
	res, err := s.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
		res.Body.Close()
		t.Fatalf("events: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return lines
}

// waitEvent reads lines until want; false when the stream closed first.
func waitEvent(lines <-chan string, want string) bool {
	for l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// TestEventStreamClosesWhenItsLoginEnds: a colleague's open event stream
// says "ended" and closes once the owner gives the colleague a new
// password, and likewise once the owner removes the account.
func TestEventStreamClosesWhenItsLoginEnds(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	h.addColleague(t)
	owner := h.staffClient(t)
	owner.login(staffName, staffPassword)
	for _, c := range []struct {
		what string
		path string
		form url.Values
	}{
		{"a new password", "/staff/accounts/password", url.Values{"username": {"kollegin"}, "password": {"noch-ein-passwort-3"}}},
		{"the removal", "/staff/accounts/remove", url.Values{"username": {"kollegin"}}},
	} {
		colleague := h.staffClient(t)
		pw := "kollegin-passwort"
		if c.what == "the removal" {
			pw = "noch-ein-passwort-3"
		}
		if status := colleague.login("kollegin", pw); status != http.StatusSeeOther {
			t.Fatalf("%s: the colleague's login: %d", c.what, status)
		}
		lines := openEvents(t, h, colleague)
		if !waitEvent(lines, "event: queue") {
			t.Fatalf("%s: the stream sent no first queue event", c.what)
		}
		if status, _ := owner.post(c.path, c.form, true); status != http.StatusSeeOther {
			t.Fatalf("%s: %d", c.what, status)
		}
		if !waitEvent(lines, "event: ended") {
			t.Fatalf("after %s the stream closed without saying ended", c.what)
		}
		for l := range lines {
			if strings.HasPrefix(l, "event:") {
				t.Fatalf("after %s and ended the stream sent %q", c.what, l)
			}
		}
	}
}

// TestOwnerChoosesTheNewAccountsBranches: where the pharmacy has branches,
// the add form offers them with none checked; a form without a choice is
// refused in the tablet's language; the account gets the branches chosen,
// or all of them when chosen so; an owner limited to one branch can give
// no other.
func TestOwnerChoosesTheNewAccountsBranches(t *testing.T) {
	branches := fourBranches(t)
	h := newHarness(t, harnessOptions{branches: branches})
	owner := h.staffClient(t)
	owner.login(staffName, staffPassword)
	_, page, _ := owner.get("/staff/accounts")
	for _, b := range branches {
		if !strings.Contains(page, `name="branch" value="`+b.ID+`"`) {
			t.Fatalf("the add form does not offer %s", b.ID)
		}
	}
	if !strings.Contains(page, `name="branch" value="*"`) || strings.Contains(page, "checked") {
		t.Fatal("the add form lacks the choice of all branches, or has one checked")
	}
	add := func(c *staffClient, name string, picked ...string) (int, string) {
		return c.post("/staff/accounts", url.Values{"username": {name}, "password": {"ein-gutes-passwort"}, "branch": picked}, true)
	}
	if status, body := add(owner, "ohnewahl"); status != http.StatusBadRequest || !strings.Contains(body, "Bitte wählen Sie, in welchen Filialen") {
		t.Fatalf("no branch chosen: %d, want 400 asking for the branches", status)
	}
	if _, err := h.db.StaffByName(t.Context(), "ohnewahl"); err == nil {
		t.Fatal("the refused form created the account")
	}
	for _, c := range []struct {
		name   string
		picked []string
		want   string
	}{
		{"einefiliale", []string{"sudenburg"}, "sudenburg"},
		{"zweifilialen", []string{"sudenburg", "stadtfeld"}, "sudenburg,stadtfeld"},
		{"allefilialen", []string{"*"}, ""},
	} {
		if status, loc := add(owner, c.name, c.picked...); status != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", c.name, status, loc)
		}
		s, err := h.db.StaffByName(t.Context(), c.name)
		if err != nil || strings.Join(s.Branches, ",") != c.want {
			t.Fatalf("%s works at %v (%v), want %q", c.name, s.Branches, err, c.want)
		}
	}

	hash, _ := service.HashPassword("filial-inhaberin")
	if _, err := h.db.AddStaffAt(t.Context(), "", "filialchefin", hash, []string{"sudenburg"}); err != nil {
		t.Fatal(err)
	}
	if err := h.db.SetStaffOwner(t.Context(), "", "filialchefin", true); err != nil {
		t.Fatal(err)
	}
	chief := h.staffClient(t)
	chief.login("filialchefin", "filial-inhaberin")
	if _, page, _ := chief.get("/staff/accounts"); strings.Contains(page, `value="stadtfeld"`) || strings.Contains(page, `value="*"`) {
		t.Fatal("an owner of one branch is offered others")
	}
	for _, picked := range [][]string{{"stadtfeld"}, {"*"}} {
		if status, _ := add(chief, "fremd", picked...); status != http.StatusBadRequest {
			t.Fatalf("an owner of one branch gives %v: %d, want 400", picked, status)
		}
	}
}

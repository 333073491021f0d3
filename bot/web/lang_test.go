package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestTabletSpeaksTheChosenLanguage: the tablet pages follow the browser's
// language until a login picks one with the switch; the choice holds for
// every page, errors included, and the switch goes back only to staff pages.
func TestTabletSpeaksTheChosenLanguage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	po := h.proposal(t, "Ibuprofen AL 400 20 Stück")

	req, _ := http.NewRequest(http.MethodGet, h.ts.URL+"/staff/login", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9,de;q=0.5")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	login, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(login), `<html lang="en">`) || !strings.Contains(string(login), "Log in") {
		t.Fatalf("an English browser's login page:\n%.400s", login)
	}
	c := h.staffClient(t)
	if status := c.login(staffName, staffPassword); status != http.StatusSeeOther {
		t.Fatalf("login: %d", status)
	}
	if _, page, _ := c.get("/staff"); !strings.Contains(page, `<html lang="de">`) || !strings.Contains(page, "Anfragen") {
		t.Fatalf("without a choice or an English browser the tablet is not German:\n%.400s", page)
	}

	status, _, hdr := c.get("/staff/language?to=en&back=/staff/pickups")
	if status != http.StatusSeeOther || hdr.Get("Location") != "/staff/pickups" {
		t.Fatalf("the switch: %d to %q", status, hdr.Get("Location"))
	}
	for path, want := range map[string]string{
		"/staff":           "Requests",
		"/staff/pickups":   "Approved and ready",
		"/staff/inventory": "Upload stock",
		"/staff/requests/" + strconv.FormatInt(po.ID, 10): "Approve",
		"/staff/requests/999999":                          "There is no such pre-order",
	} {
		_, page, _ := c.get(path)
		if !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, want) {
			t.Errorf("%s after choosing English lacks %q:\n%.600s", path, want, page)
		}
	}
	c.get("/staff/language?to=de&back=/staff")
	if _, page, _ := c.get("/staff/pickups"); !strings.Contains(page, `<html lang="de">`) {
		t.Errorf("back to German: the page is not")
	}

	for _, back := range []string{"https://example.org/", "//example.org/staff", "/chat", "/staff\r\nX: y"} {
		if status, _, hdr := c.get("/staff/language?to=en&back=" + url.QueryEscape(back)); status != http.StatusSeeOther || hdr.Get("Location") != "/staff" {
			t.Errorf("back=%q: %d to %q, want the queue", back, status, hdr.Get("Location"))
		}
	}
	if status, page, _ := c.get("/staff/language?to=fr"); status != http.StatusBadRequest || !strings.Contains(page, "de or en") {
		t.Errorf("to=fr: %d\n%.300s", status, page)
	}
}

// TestAUsualReasonReachesTheCustomerInTheirLanguage: a pharmacist on the
// English tablet rejects with one of the usual reasons; a German customer
// reads it in German, an English one in English, and the record keeps it
// in German.
func TestAUsualReasonReachesTheCustomerInTheirLanguage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	s.get("/staff/language?to=en&back=/staff")
	for _, c := range []struct{ lang, text, want string }{
		{"de", "PZN 74372349", "Nicht lieferbar"},
		{"en", "PZN 74372349", "Not available"},
	} {
		w := h.webChat(t, c.lang)
		w.send(c.text, nil)
		w.waitFor(map[string]string{"de": "Verstanden", "en": "Understood"}[c.lang])
		open, err := h.db.OpenPreOrders(t.Context())
		if err != nil || len(open) != 1 {
			t.Fatalf("open requests: %+v, %v", open, err)
		}
		id := strconv.FormatInt(open[0].ID, 10)
		if _, page, _ := s.get("/staff/requests/" + id); !strings.Contains(page, `<option value="tablet.reason_unavailable">Not available</option>`) {
			t.Fatalf("the English tablet's reasons:\n%s", page)
		}
		if status, _ := s.post("/staff/requests/"+id+"/reject", url.Values{"reason": {"tablet.reason_unavailable"}}, true); status != http.StatusSeeOther {
			t.Fatalf("reject: %d", status)
		}
		w.waitFor(c.want)
		po, err := h.db.PreOrder(t.Context(), open[0].ID)
		if err != nil || po.Reason != "Nicht lieferbar" {
			t.Errorf("the record keeps %q (%v), want the German words", po.Reason, err)
		}
	}
}

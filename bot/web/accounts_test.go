package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOwnerManagesAccounts: the first account (the owner) adds an account,
// which logs in; a second staff member sees no accounts page; the owner
// gives it a new password and removes it, and each time its open login is
// refused at its next request; the last owner stays; the page lists every
// change with who made it.
func TestOwnerManagesAccounts(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	owner := h.staffClient(t)
	owner.login(staffName, staffPassword)
	if _, body, _ := owner.get("/staff"); !strings.Contains(body, `href="/staff/accounts"`) {
		t.Fatal("the owner's navigation has no accounts page")
	}
	if status, body := owner.post("/staff/accounts", url.Values{"username": {"bob"}, "password": {"kurz"}}, true); status != http.StatusBadRequest || !strings.Contains(body, "mindestens 10 Zeichen") || !strings.Contains(body, `value="bob"`) {
		t.Fatalf("short password: %d, want 400 naming the minimum and keeping the name", status)
	}
	if status, loc := owner.post("/staff/accounts", url.Values{"username": {"bob"}, "password": {"bobs-passwort-1"}}, true); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/staff/accounts?ok=account-added") {
		t.Fatalf("add: %d %q", status, loc)
	}
	bob := h.staffClient(t)
	if status := bob.login("bob", "bobs-passwort-1"); status != http.StatusSeeOther {
		t.Fatalf("the new account's login: %d", status)
	}
	if _, body, _ := bob.get("/staff"); strings.Contains(body, `href="/staff/accounts"`) {
		t.Fatal("a staff account's navigation shows the accounts page")
	}
	if status, _, _ := bob.get("/staff/accounts"); status != http.StatusForbidden {
		t.Fatalf("staff account on the accounts page: %d, want 403", status)
	}
	if status, _ := bob.post("/staff/accounts/remove", url.Values{"username": {staffName}}, true); status != http.StatusForbidden {
		t.Fatalf("staff account removing the owner: %d, want 403", status)
	}

	if status, _ := owner.post("/staff/accounts/password", url.Values{"username": {"bob"}, "password": {"neues-passwort-2"}}, true); status != http.StatusSeeOther {
		t.Fatalf("new password: %d", status)
	}
	if status, _, hdr := bob.get("/staff"); status != http.StatusSeeOther || hdr.Get("Location") != "/staff/login" {
		t.Fatalf("bob's login after his new password: %d, want sent to the login", status)
	}
	if status := bob.login("bob", "bobs-passwort-1"); status == http.StatusSeeOther {
		t.Fatal("the old password still logs in")
	}
	if status := bob.login("bob", "neues-passwort-2"); status != http.StatusSeeOther {
		t.Fatalf("the new password: %d", status)
	}
	if status, _ := owner.post("/staff/accounts/remove", url.Values{"username": {"bob"}}, true); status != http.StatusSeeOther {
		t.Fatalf("remove: %d", status)
	}
	if status, _ := bob.post("/staff/logout", url.Values{}, true); status != http.StatusUnauthorized {
		t.Fatalf("the removed account's login posts: %d, want 401", status)
	}
	if status := bob.login("bob", "neues-passwort-2"); status == http.StatusSeeOther {
		t.Fatal("the removed account logs in")
	}
	if status, body := owner.post("/staff/accounts/remove", url.Values{"username": {staffName}}, true); status != http.StatusConflict || !strings.Contains(body, "letzte Inhaber-Konto") {
		t.Fatalf("remove the last owner: %d, want 409 saying why", status)
	}
	_, page, _ := owner.get("/staff/accounts")
	for _, want := range []string{"hat das Konto „bob“ angelegt", "hat „bob“ ein neues Passwort gegeben", "hat das Konto „bob“ entfernt", "Kommandozeile"} {
		if !strings.Contains(page, want) {
			t.Errorf("the record of changes lacks %q", want)
		}
	}
	if strings.Contains(page, "bobs-passwort") || strings.Contains(page, "argon2") {
		t.Fatal("the accounts page shows password material")
	}
}

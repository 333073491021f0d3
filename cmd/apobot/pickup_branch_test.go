package main

import (
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinaryPickupCodesStayInTheirBranch: against the built binary, with
// the four-branch configuration, the Hasselbachplatz team cannot open,
// mark ready or hand out a Sudenburg pickup by its code (the last would
// erase that customer's chat); the Sudenburg team can.
func TestBinaryPickupCodesStayInTheirBranch(t *testing.T) {
	builtBinary(t)
	conf, err := filepath.Abs("../../testdata/apobot.branches.json")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(envConfig, conf)
	dir := t.TempDir()
	setUpData(t, dir) // the owner "inhaber", at every branch
	for _, b := range []string{"hasselbachplatz", "sudenburg"} {
		addAccount(t, "team-"+b)
		if code, _, errs := runArgs(t, "staff", "branches", "team-"+b, b); code != exitOK {
			t.Fatalf("staff branches: %s", errs)
		}
	}
	csv := filepath.Join(t.TempDir(), "sudenburg.csv")
	os.WriteFile(csv, []byte("pzn;name;strength;form;count;n_size;maker;rx;stock\n74372349;Ibuprofen AL 400;400 mg;Filmtabletten;20;N1;Aliud;0;5\n"), 0o600)
	if code, _, errs := runArgs(t, "inventory", "import", "--branch", "sudenburg", csv); code != exitOK {
		t.Fatalf("import: %s", errs)
	}
	p := startBinary(t, envConfig+"="+conf, envDataDir+"="+dir)
	p.dir = dir

	res, err := http.PostForm(p.base+"/chat/session", url.Values{"lang": {"de"}, "branch": {"sudenburg"}})
	if err != nil {
		t.Fatal(err)
	}
	var body struct{ Token string }
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	postText(t, p.base, body.Token, "PZN 74372349")
	waitWeb(t, p.base, body.Token, "Abholung möglich")
	id, code := onlyRequest(t, dbPath(dir))
	staffAs(t, p.base, "inhaber").approve(t, p.base, id)

	other := staffAs(t, p.base, "team-hasselbachplatz")
	if page := other.get(t, p.base+"/staff/pickups?code="+code); !strings.Contains(page, "gibt es nicht") {
		t.Fatalf("the Hasselbachplatz team looked up a Sudenburg code:\n%s", page)
	}
	for _, action := range []string{"ready", "handed-out"} {
		if status := other.postStatus(t, p.base+"/staff/pickups/"+code+"/"+action); status != http.StatusNotFound {
			t.Fatalf("%s of a Sudenburg pickup by the Hasselbachplatz team: %d, want 404", action, status)
		}
	}
	if status := requestStatus(t, dbPath(dir)); status != "approved" {
		t.Fatalf("after the Hasselbachplatz team's tries the request is %s, want approved (and its chat kept)", status)
	}

	own := staffAs(t, p.base, "team-sudenburg")
	if page := own.get(t, p.base+"/staff/pickups?code="+code); !strings.Contains(page, "Bereitgelegt") {
		t.Fatalf("the Sudenburg team does not find its own code:\n%s", page)
	}
	for _, action := range []string{"ready", "handed-out"} {
		if status := own.postStatus(t, p.base+"/staff/pickups/"+code+"/"+action); status != http.StatusOK {
			t.Fatalf("%s by the Sudenburg team: %d", action, status)
		}
	}
}

// addAccount adds an account with the password setUpData gives the first.
func addAccount(t *testing.T, name string) {
	t.Helper()
	var out, errb strings.Builder
	if code := runWith(t.Context(), []string{"staff", "add", name}, strings.NewReader("ein-langes-passwort\n"), &out, &errb); code != exitOK {
		t.Fatalf("staff add %s: %s", name, errb.String())
	}
}

// staffAs logs in as name with setUpData's password.
func staffAs(t *testing.T, base, name string) *staff {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	s := &staff{c: &http.Client{Jar: jar}}
	s.get(t, base+"/staff/login")
	res, err := s.c.PostForm(base+"/staff/login", url.Values{"username": {name}, "password": {"ein-langes-passwort"}, "_csrf": {s.csrf}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if m := csrfRe.FindSubmatch(page); m != nil {
		s.csrf = string(m[1])
	}
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Request.URL.Path, "/staff") || strings.HasSuffix(res.Request.URL.Path, "/login") {
		t.Fatalf("login as %s: %d at %s", name, res.StatusCode, res.Request.URL)
	}
	return s
}

// postStatus posts the session's CSRF token to u and returns the status of
// the page it ends on.
func (s *staff) postStatus(t *testing.T, u string) int {
	t.Helper()
	res, err := s.c.PostForm(u, url.Values{"_csrf": {s.csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// requestStatus reads the status of the only request.
func requestStatus(t *testing.T, db string) string {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var status string
	if err := conn.QueryRow("SELECT status FROM preorders").Scan(&status); err != nil {
		t.Fatal(err)
	}
	return status
}

// onlyRequest reads the id and the pickup code of the only request.
func onlyRequest(t *testing.T, db string) (id, code string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.QueryRow("SELECT id, code FROM preorders").Scan(&id, &code); err != nil {
		t.Fatal(err)
	}
	return id, code
}

package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/pzn"
	"github.com/apobot/apobot/store/password"
)

// staffClient is a browser without JavaScript: a cookie jar and forms.
type staffClient struct {
	t    testing.TB
	base string
	c    *http.Client
	csrf string
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (h *harness) staffClient(t testing.TB) *staffClient {
	jar, _ := cookiejar.New(nil)
	return &staffClient{t: t, base: h.ts.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (s *staffClient) get(path string) (int, string, http.Header) {
	s.t.Helper()
	res, err := s.c.Get(s.base + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if m := csrfRe.FindSubmatch(b); m != nil {
		s.csrf = string(m[1])
	}
	return res.StatusCode, string(b), res.Header
}

// post sends a form; the session's CSRF token is added unless the form
// has its own _csrf (or withCSRF is false).
func (s *staffClient) post(path string, form url.Values, withCSRF bool) (int, string) {
	s.t.Helper()
	if withCSRF && form.Get("_csrf") == "" {
		form.Set("_csrf", s.csrf)
	}
	res, err := s.c.PostForm(s.base+path, form)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location") + string(b)
}

func (s *staffClient) login(name, pw string) int {
	s.t.Helper()
	s.get("/staff/login")
	status, _ := s.post("/staff/login", url.Values{"username": {name}, "password": {pw}}, true)
	if status == http.StatusSeeOther {
		s.get("/staff") // picks up the session's CSRF token
	}
	return status
}

// proposal makes a request through the web chat and returns its pre-order.
func (h *harness) proposal(t testing.TB, text string) bot.PreOrder {
	t.Helper()
	_, po := h.chatProposal(t, text)
	return po
}

// chatProposal is proposal, also returning the customer's web chat.
func (h *harness) chatProposal(t testing.TB, text string) (*webChat, bot.PreOrder) {
	t.Helper()
	w := h.webChat(t, "de")
	w.send(text, nil)
	w.waitFor("Verstanden")
	open, err := h.db.OpenPreOrders(t.Context())
	if err != nil || len(open) == 0 {
		t.Fatalf("no open pre-order: %v", err)
	}
	return w, open[0]
}

func TestStaffPagesNeedASession(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	po := h.proposal(t, "Ibuprofen AL 400 20 Stück")
	anon := h.staffClient(t)
	for _, path := range []string{"/staff", "/staff/events", "/staff/requests/1", "/staff/requests/1/photos/1", "/staff/pickups", "/staff/inventory?q=ibu", "/staff/accounts"} {
		if status, _, hdr := anon.get(path); status != http.StatusSeeOther || hdr.Get("Location") != "/staff/login" {
			t.Errorf("GET %s without a session: %d %q, want 303 to the login", path, status, hdr.Get("Location"))
		}
	}
	for _, path := range []string{"/staff/logout", "/staff/requests/1/approve", "/staff/requests/1/reject", "/staff/requests/1/items",
		"/staff/requests/1/codes", "/staff/pickups/" + string(po.Code) + "/ready", "/staff/pickups/" + string(po.Code) + "/handed-out", "/staff/inventory",
		"/staff/accounts", "/staff/accounts/password", "/staff/accounts/owner", "/staff/accounts/remove"} {
		if status, _ := anon.post(path, url.Values{"reason": {"x"}, "_csrf": {"forged"}}, false); status != http.StatusUnauthorized {
			t.Errorf("POST %s without a session: %d, want 401", path, status)
		}
	}
	if got, _ := h.db.PreOrder(t.Context(), po.ID); got.Status != bot.StatusProposed {
		t.Fatalf("status %s after anonymous posts, want proposed", got.Status)
	}
}

func TestStaffPostWithoutCSRFIsRefused(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	po := h.proposal(t, "Ibuprofen AL 400 20 Stück")
	s := h.staffClient(t)
	if status := s.login(staffName, staffPassword); status != http.StatusSeeOther {
		t.Fatalf("login: %d", status)
	}
	path := "/staff/requests/" + strconv.Itoa(int(po.ID)) + "/approve"
	for name, form := range map[string]url.Values{"none": {}, "wrong": {"_csrf": {"AAAA"}}} {
		if status, body := s.post(path, form, false); status != http.StatusForbidden || !strings.Contains(body, "Formular ist abgelaufen") {
			t.Errorf("%s CSRF token: %d, want 403 with a German page", name, status)
		}
	}
	// The right token in the query string is refused too: URLs travel in
	// logs, histories and Referer headers.
	if status, _ := s.post(path+"?_csrf="+url.QueryEscape(s.csrf), url.Values{}, false); status != http.StatusForbidden {
		t.Errorf("CSRF token in the query string: %d, want 403", status)
	}
	if got, _ := h.db.PreOrder(t.Context(), po.ID); got.Status != bot.StatusProposed {
		t.Fatalf("status %s after forged posts, want proposed", got.Status)
	}
	if status, _ := s.post(path, url.Values{}, true); status != http.StatusSeeOther {
		t.Fatalf("approve with the token: %d", status)
	}
	if got, _ := h.db.PreOrder(t.Context(), po.ID); got.Status != bot.StatusApproved {
		t.Fatalf("status %s, want approved", got.Status)
	}
}

func TestLoginLocksAfterFiveWrongPasswords(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	s := h.staffClient(t)
	for i := range web.PairRule.Max {
		if status := s.login(staffName, "falsch-falsch"); status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i+1, status)
		}
	}
	s.get("/staff/login")
	status, body := s.post("/staff/login", url.Values{"username": {staffName}, "password": {staffPassword}}, true)
	if status != http.StatusTooManyRequests || !strings.Contains(body, "Zu viele Fehlversuche") {
		t.Fatalf("right password after five wrong ones: %d, want 429 and the lock message", status)
	}
	other := h.staffClient(t) // another name from the same address is not locked by them
	if status := other.login("jemand", "egal-egal-egal"); status != http.StatusUnauthorized {
		t.Fatalf("same address, other name: %d, want 401", status)
	}
	h.advance(web.PairRule.Lock + time.Minute)
	if status := s.login(staffName, staffPassword); status != http.StatusSeeOther {
		t.Fatalf("after the lock: %d, want 303", status)
	}
}

// TestParallelLoginsAreCountedBeforeTheCheck sends twenty logins for one
// name from one address at once, one with the right password: five are
// checked, the rest refused before any password work, and never more than
// the allowed number of checks run at once.
func TestParallelLoginsAreCountedBeforeTheCheck(t *testing.T) {
	var checks, running, peak atomic.Int64
	counting := func(hash, pw string) bool {
		checks.Add(1)
		n := running.Add(1)
		defer running.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		return password.Check(hash, pw)
	}
	h := newHarness(t, harnessOptions{checkPassword: counting})
	clients := make([]*staffClient, 20)
	for i := range clients {
		clients[i] = h.staffClient(t)
		clients[i].get("/staff/login")
	}
	statuses := make([]int, len(clients))
	var wg sync.WaitGroup
	for i, c := range clients {
		pw := "falsch-falsch"
		if i == 13 {
			pw = staffPassword
		}
		wg.Go(func() {
			statuses[i], _ = c.post("/staff/login", url.Values{"username": {staffName}, "password": {pw}}, true)
		})
	}
	wg.Wait()
	refused := 0
	for _, st := range statuses {
		if st == http.StatusTooManyRequests {
			refused++
		}
	}
	if checks.Load() > int64(web.PairRule.Max) || refused != len(clients)-int(checks.Load()) {
		t.Log(h.logs.String())
		t.Fatalf("statuses %v: %d passwords checked, %d refused; want at most %d checked and the rest refused",
			statuses, checks.Load(), refused, web.PairRule.Max)
	}
	if peak.Load() > int64(web.DefaultPasswordChecks) {
		t.Fatalf("%d password checks ran at once, want at most %d", peak.Load(), web.DefaultPasswordChecks)
	}
}

// TestPasswordChecksAreCapped: logins for many names from many addresses
// (no lock applies) still run at most two argon2 checks at once.
func TestPasswordChecksAreCapped(t *testing.T) {
	var running, peak atomic.Int64
	counting := func(hash, pw string) bool {
		n := running.Add(1)
		defer running.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		return password.Check(hash, pw)
	}
	h := newHarness(t, harnessOptions{checkPassword: counting, proxies: loopbackNet(t)})
	var wg sync.WaitGroup
	statuses := make([]int, 12)
	for i := range statuses {
		c := h.staffClient(t).behind(fmt.Sprintf("203.0.113.%d", i+1), "http")
		c.get("/staff/login")
		wg.Go(func() {
			statuses[i], _ = c.post("/staff/login", url.Values{"username": {fmt.Sprint("name", i)}, "password": {"falsch-falsch"}}, true)
		})
	}
	wg.Wait()
	for _, st := range statuses {
		if st != http.StatusUnauthorized && st != http.StatusTooManyRequests {
			t.Fatalf("statuses %v, want 401 (checked) or 429 (no place in time)", statuses)
		}
	}
	if peak.Load() > int64(web.DefaultPasswordChecks) || peak.Load() == 0 {
		t.Fatalf("%d password checks at once, want 1 to %d", peak.Load(), web.DefaultPasswordChecks)
	}
}

// TestUnknownNameIsCheckedLikeAKnownOne: the password check runs for a
// name that does not exist (against a dummy hash), so the answer takes as
// long as for a real account.
func TestUnknownNameIsCheckedLikeAKnownOne(t *testing.T) {
	var hashes []string
	var mu sync.Mutex
	recording := func(hash, pw string) bool {
		mu.Lock()
		hashes = append(hashes, hash)
		mu.Unlock()
		return password.Check(hash, pw)
	}
	h := newHarness(t, harnessOptions{checkPassword: recording})
	if status := h.staffClient(t).login("niemand", "falsch-falsch"); status != http.StatusUnauthorized {
		t.Fatalf("unknown name: %d, want 401", status)
	}
	if len(hashes) != 1 || hashes[0] != "" {
		t.Fatalf("checks for an unknown name: %q, want one (against the dummy hash)", hashes)
	}
}

// TestStrangerCannotLockOutTheTablet: a guesser trying the pharmacist's
// name from many addresses uses up the name's budget, so a browser that
// never logged in as that name is held off; the counter tablet, where she
// logged in before, still gets in.
func TestStrangerCannotLockOutTheTablet(t *testing.T) {
	// The clock stands still but for h.advance: forty argon2 checks take
	// long on a busy machine, and a running clock would end the locks
	// this test looks at early.
	stopped := func() time.Time { return clockAnchor }
	h := newHarness(t, harnessOptions{proxies: loopbackNet(t), now: stopped})
	tablet := h.staffClient(t).behind("192.0.2.10", "http")
	if status := tablet.login(staffName, staffPassword); status != http.StatusSeeOther {
		t.Fatalf("the tablet's first login: %d", status)
	}
	tablet.post("/staff/logout", url.Values{}, true)
	guessed := 0
	for i := range 40 {
		g := h.staffClient(t).behind(fmt.Sprintf("203.0.113.%d", 1+i/4), "http")
		if status := g.login(staffName, fmt.Sprint("rate-mal-", i)); status == http.StatusUnauthorized {
			guessed++
		}
	}
	if guessed > web.NameRule.Max+1 {
		t.Fatalf("a distributed guesser had %d guesses in a row, want at most %d", guessed, web.NameRule.Max+1)
	}
	newcomer := h.staffClient(t).behind("198.51.100.99", "http")
	if status := newcomer.login(staffName, staffPassword); status != http.StatusTooManyRequests {
		t.Fatalf("a browser new to the name during the guessing: %d, want 429", status)
	}
	if status := tablet.login(staffName, staffPassword); status != http.StatusSeeOther {
		t.Fatalf("the counter tablet during the guessing: %d, want 303", status)
	}
	// The backoff doubles: one try a minute, then two, then four.
	for i, wait := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		h.advance(wait/2 + time.Second)
		g := h.staffClient(t).behind(fmt.Sprintf("203.0.113.%d", 100+i), "http")
		if status := g.login(staffName, "noch-ein-versuch"); status != http.StatusTooManyRequests {
			t.Fatalf("try %d half way through the lock: %d, want 429", i, status)
		}
		h.advance(wait / 2)
		if status := g.login(staffName, "noch-ein-versuch"); status != http.StatusUnauthorized {
			t.Fatalf("try %d after the lock: %d, want 401", i, status)
		}
	}
}

func TestSessionCookieAndLogout(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	s := h.staffClient(t)
	s.get("/staff/login")
	res, err := s.c.PostForm(h.ts.URL+"/staff/login", url.Values{"username": {staffName}, "password": {staffPassword}, "_csrf": {s.csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var ck *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "apobot_staff" {
			ck = c
		}
	}
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || len(ck.Value) < 43 {
		t.Fatalf("session cookie %+v", ck)
	}
	first := ck.Value
	s.get("/staff")
	if status, _ := s.post("/staff/logout", url.Values{}, true); status != http.StatusSeeOther {
		t.Fatalf("logout: %d", status)
	}
	// The old id is dead even if someone kept it.
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(h.ts.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "apobot_staff", Value: first}})
	thief := &staffClient{t: t, base: h.ts.URL, c: &http.Client{Jar: jar, CheckRedirect: s.c.CheckRedirect}}
	if status, _, _ := thief.get("/staff"); status != http.StatusSeeOther {
		t.Fatalf("the logged-out session still opens the queue: %d", status)
	}
	s.login(staffName, staffPassword)
	for _, c := range s.c.Jar.Cookies(u) {
		if c.Name == "apobot_staff" && c.Value == first {
			t.Fatal("a new login kept the old session id")
		}
	}
}

// nextWeekday is the date of the next such weekday in Magdeburg, at least
// two days ahead (the staff tests run on the real clock).
func nextWeekday(d time.Weekday) time.Time {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	t := testNow().In(berlin).AddDate(0, 0, 2)
	for t.Weekday() != d {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

func TestStaffDecidesAndHandsOut(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w, po := h.chatProposal(t, "Ibuprofen AL 400 20 Stück")
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	_, queue, hdr := s.get("/staff")
	if !strings.Contains(queue, string(po.Code)) || !strings.Contains(queue, "vorrätig") || hdr.Get("Cache-Control") != "no-store" {
		t.Fatalf("queue lacks the request or is cacheable (%q)", hdr.Get("Cache-Control"))
	}
	id := strconv.Itoa(int(po.ID))
	if status, _ := s.post("/staff/requests/"+id+"/items", url.Values{"qty_0": {"2"}, "add_pzn": {"87519624"}, "add_qty": {"1"}}, true); status != http.StatusSeeOther {
		t.Fatalf("correct: %d", status)
	}
	got, _ := h.db.PreOrder(t.Context(), po.ID)
	if len(got.Items) != 2 || got.Items[0].Quantity != 2 || got.Items[1].Name != "Paracetamol AbZ" {
		t.Fatalf("corrected items %+v", got.Items)
	}
	sunday, wednesday := nextWeekday(time.Sunday), nextWeekday(time.Wednesday)
	status, body := s.post("/staff/requests/"+id+"/approve", url.Values{"pickup_at": {sunday.Format("2006-01-02") + "T10:00"}}, true)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Zu dieser Zeit ist die Apotheke geschlossen") {
		t.Fatalf("approve for a Sunday: %d, want 422 with the request page saying why", status)
	}
	status, body = s.post("/staff/requests/"+id+"/approve", url.Values{"pickup_at": {wednesday.Format("2006-01-02") + "T16:30"}}, true)
	if status != http.StatusSeeOther {
		t.Fatalf("approve: %d", status)
	}
	if _, page, _ := s.get(body); !strings.Contains(page, "Bestätigt: "+string(po.Code)+". Die Kundin, der Kunde ist informiert.") {
		t.Fatalf("the queue after approving (%s) shows no confirmation", body)
	}
	reply := w.waitFor("bestätigt")
	if want := "Mittwoch, " + wednesday.Format("02.01.") + ", 16:30 Uhr"; !strings.Contains(reply, want) || !strings.Contains(reply, string(po.Code)) {
		t.Fatalf("customer told %q, want the changed time and the code", reply)
	}
	if _, body, _ := s.get("/staff/pickups?code=" + strings.ToLower(string(po.Code))); !strings.Contains(body, "Bereitgelegt") {
		t.Fatal("the pickup page does not find the code typed in lower case")
	}
	if status, _ := s.post("/staff/pickups/"+string(po.Code)+"/ready", url.Values{}, true); status != http.StatusSeeOther {
		t.Fatalf("ready: %d", status)
	}
	w.waitFor("liegt bereit")
	if status, _ := s.post("/staff/pickups/"+string(po.Code)+"/handed-out", url.Values{}, true); status != http.StatusSeeOther {
		t.Fatalf("hand out: %d", status)
	}
	if got, _ := h.db.PreOrder(t.Context(), po.ID); got.Status != bot.StatusHandedOut {
		t.Fatalf("status %s, want handed_out", got.Status)
	}
	status, body = s.post("/staff/pickups/"+string(po.Code)+"/handed-out", url.Values{}, true)
	if status != http.StatusConflict || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("handing out twice: %d, want 409 with the pickups page saying why", status)
	}
}

func TestStaffRejectsWithAReason(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w, po := h.chatProposal(t, "PZN 74372349")
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	if status, _ := s.post("/staff/requests/"+strconv.Itoa(int(po.ID))+"/reject", url.Values{"reason": {"Nicht lieferbar"}, "reason_text": {"Hersteller liefert erst im Januar"}}, true); status != http.StatusSeeOther {
		t.Fatalf("reject: %d", status)
	}
	w.waitFor("Hersteller liefert erst im Januar")
	if p, _ := h.db.Product(t.Context(), "74372349"); p.Stock != 7 {
		t.Fatalf("stock %d after the rejection, want 7 back", p.Stock)
	}
}

// TestEmptyInventoryIsSaid: until the pharmacy imports its stock, every
// tablet page says the inventory is empty and leads to the import; after a
// good import the note is gone.
func TestEmptyInventoryIsSaid(t *testing.T) {
	h := newHarness(t, harnessOptions{noStock: true})
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	for _, path := range []string{"/staff", "/staff/pickups", "/staff/inventory"} {
		if _, body, _ := s.get(path); !strings.Contains(body, `<a href="/staff/inventory#import">Sortiment leer – Bestand importieren</a>`) {
			t.Errorf("%s does not say the inventory is empty", path)
		}
	}
	if _, body, _ := s.get("/staff/inventory"); !strings.Contains(body, `id="import"`) {
		t.Fatal("the inventory page has no import section to lead to")
	}
	h2 := newHarness(t, harnessOptions{})
	s2 := h2.staffClient(t)
	s2.login(staffName, staffPassword)
	if _, body, _ := s2.get("/staff"); strings.Contains(body, "Sortiment leer") {
		t.Fatal("a pharmacy with products is told its inventory is empty")
	}
}

func TestInventoryPage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	if _, body, _ := s.get("/staff/inventory?q=ibuprofen+al"); !strings.Contains(body, "74372349") || strings.Contains(body, "Paracetamol") {
		t.Fatal("search for 'ibuprofen al' did not find just Ibuprofen AL")
	}
	upload := func(csv string) string {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("_csrf", s.csrf)
		fw, _ := mw.CreateFormFile("csv", "bestand.csv")
		fw.Write([]byte(csv))
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, h.ts.URL+"/staff/inventory", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, err := s.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if loc := res.Header.Get("Location"); loc != "" {
			_, page, _ := s.get(loc)
			return fmt.Sprint(res.StatusCode, " ", page)
		}
		return fmt.Sprint(res.StatusCode, " ", string(body))
	}
	head := "pzn;name;strength;form;count;n_size;maker;rx;stock\n"
	if loc := upload(head + "74372349;Ibuprofen AL;400 mg;Filmtabletten;20;N2;AL;0;30\n"); !strings.Contains(loc, "1 Produkte importiert: 0 neu, 1 aktualisiert") {
		t.Fatalf("good upload: %q", loc)
	}
	if loc := upload(head + "74372349;Ibuprofen AL;400 mg;Filmtabletten;20;N2;AL;0;30\n12345670;Kaputt;;;x;;;0;1\n27580899;;;;1;;;0;1\n"); !strings.HasPrefix(loc, "422 ") ||
		!strings.Contains(loc, "<li>Zeile 3, pzn") || !strings.Contains(loc, "<li>Zeile 4, name") || !strings.Contains(loc, "nichts importiert") {
		t.Fatalf("bad upload: %q", loc)
	}
	if p, _ := h.db.Product(t.Context(), "74372349"); p.Stock != 30 {
		t.Fatalf("stock %d, want 30 from the good upload only", p.Stock)
	}
}

func TestAccessCodesAndPhotosNeedAnExplicitAction(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	const task, code = "160.000.006.394.157.15", "777bea0e13cc9c42ceec14aec3ddee2263325dc2c6c699db115f58fe423607ea"
	tok, err := pzn.ParseToken(`{"urls":["Task/` + task + `/$accept?ac=` + code + `"]}`)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	photo := []byte("\xff\xd8\xff\xe0 a photo of an e-prescription token")
	conv, msgID, _, err := h.db.SaveInbound(ctx, bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "k", MessageID: "m1", Photo: photo})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.MarkProcessed(ctx, conv.ID, msgID, nil, bot.Findings{Kind: "erx_token", Tasks: tok.Tasks}.Record()); err != nil {
		t.Fatal(err)
	}
	po := bot.PreOrder{Items: []bot.Item{{Name: "E-Rezept-Verordnung 1", Quantity: 1, Rx: true}}}
	if err := h.db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	conv.PreOrderID = po.ID
	if err := h.db.UpdateConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	id := strconv.Itoa(int(po.ID))
	_, page, _ := s.get("/staff/requests/" + id)
	if !strings.Contains(page, task) || strings.Contains(page, code) || !strings.Contains(page, "Zugangscodes anzeigen") {
		t.Fatal("the request page must show the task id and hide the access code behind the action")
	}
	if !strings.Contains(page, "E-Rezept abrufen") || strings.Contains(page, ">bestellen<") {
		t.Fatal("an e-prescription item must read 'E-Rezept abrufen', not 'bestellen'")
	}
	status, body := s.post("/staff/requests/"+id+"/codes", url.Values{}, true)
	if status != http.StatusOK || !strings.Contains(body, code) {
		t.Fatalf("show codes: %d, code shown: %v", status, strings.Contains(body, code))
	}
	if strings.Contains(h.logs.String(), code) {
		t.Fatal("the access code is in the log")
	}
	res, err := s.c.Get(h.ts.URL + "/staff/requests/" + id + "/photos/" + strconv.Itoa(int(msgID)))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Equal(got, photo) || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("photo: %d, %d bytes, Cache-Control %q", res.StatusCode, len(got), res.Header.Get("Cache-Control"))
	}
	if status, _, _ := s.get("/staff/requests/" + id + "/photos/999999"); status != http.StatusNotFound {
		t.Fatalf("a photo that is not there: %d, want 404", status)
	}
}

// TestBannersComeFromAFixedList: a link can name a banner and its code or
// counts, never its words.
func TestBannersComeFromAFixedList(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	for query, want := range map[string]string{
		"?ok=approved&code=K7M2QX":                                       "Bestätigt: K7M2QX. Die Kundin, der Kunde ist informiert.",
		"?ok=imported&products=3&added=1&updated=2&kept=0":               "3 Produkte importiert: 1 neu, 2 aktualisiert, 0 nicht in der Datei (behalten).",
		"?ok=Ihre+Bestellung+ist+storniert.+Bitte+rufen+Sie+0800-123+an": "",
		"?err=Bitte+rufen+Sie+0800-123+an":                               "",
		"?ok=approved&code=Bitte+rufen+Sie+an":                           "",
		"?ok=imported&products=viele&added=1&updated=2&kept=0":           "",
	} {
		_, page, _ := s.get("/staff" + query)
		if strings.Contains(page, "0800-123") || strings.Contains(page, "Bitte rufen") || strings.Contains(page, "viele") {
			t.Errorf("GET /staff%s shows words from the link", query)
		}
		banner := strings.Contains(page, `class="flash`)
		if want == "" && banner || want != "" && !strings.Contains(page, want) {
			t.Errorf("GET /staff%s: banner shown %v, want %q", query, banner, want)
		}
	}
}

// TestPhotoIsServedCleanAndAsAnImage: a JPEG with a GPS block posted
// straight to the web chat (not through the page's script) reaches the
// tablet without its EXIF block, as an image that downloads when opened on
// its own; a file that only starts like a JPEG is refused and not stored.
func TestPhotoIsServedCleanAndAsAnImage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	w, po := h.chatProposal(t, "PZN 74372349")
	ct, body := form("", gpsPhoto(t))
	status, b := w.do(http.MethodPost, "/chat/messages", ct, body)
	var sent struct{ ID int64 }
	if err := json.Unmarshal(b, &sent); status != http.StatusAccepted || err != nil {
		t.Fatalf("photo: %d %s", status, b)
	}
	ct, body = form("", append([]byte{0xff, 0xd8, 0xff, 0xe0}, []byte("<html><body>not a photo</body></html>")...))
	if status, _ := w.do(http.MethodPost, "/chat/messages", ct, body); status != http.StatusUnsupportedMediaType {
		t.Fatalf("HTML with a JPEG start: %d, want 415", status)
	}
	s := h.staffClient(t)
	s.login(staffName, staffPassword)
	res, err := s.c.Get(h.ts.URL + "/staff/requests/" + strconv.Itoa(int(po.ID)) + "/photos/" + strconv.Itoa(int(sent.ID)))
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/jpeg" ||
		res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("photo served %d as %q, nosniff %q, disposition %q", res.StatusCode, res.Header.Get("Content-Type"),
			res.Header.Get("X-Content-Type-Options"), res.Header.Get("Content-Disposition"))
	}
	if bytes.Contains(served, []byte(gpsPlace)) || bytes.Contains(served, []byte("Exif")) {
		t.Fatal("the photo is served with its EXIF GPS block")
	}
	img, err := jpeg.Decode(bytes.NewReader(served))
	if err != nil || img.Bounds().Dx() != 32 || img.Bounds().Dy() != 64 {
		t.Fatalf("served photo %v (%v), want 32×64: turned upright before the metadata went", img.Bounds(), err)
	}
	msgs := w.messages()
	photos := 0
	for _, m := range msgs {
		if m.Photo {
			photos++
		}
	}
	if photos != 1 {
		t.Fatalf("%d photos in the chat, want 1 (the refused file is not stored)", photos)
	}
}

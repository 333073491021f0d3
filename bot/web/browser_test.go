package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// browser starts a headless Chromium (Debian's chromium, installed by make
// test) and returns a context for its first tab.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Fatal("no Chromium found: make test installs the Debian package chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1180, 820), chromedp.Flag("lang", "de-DE"), chromedp.Flag("accept-lang", "de-DE,de"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := context.AfterFunc(testwait.Context(t), cancel) // the browser gives up with the test
	t.Cleanup(func() { stop(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// screenshots is the folder the browser tests write their pictures to:
// $APOBOT_SCREENSHOTS, else apobot-screenshots in the temp folder.
func screenshots(t *testing.T) string {
	dir := os.Getenv("APOBOT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "apobot-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestTabletFromChatToHandOut is the pharmacy's day in one test: a
// pharmacist logs in on the tablet, a customer writes in the web chat (a
// second tab at phone size), the request appears in the queue without a
// reload, the pharmacist opens and approves it, the customer sees time and
// code, and the pickup is handed out by code.
func TestTabletFromChatToHandOut(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	dir := screenshots(t)
	staff := browser(t)
	run(t, staff, "log in",
		chromedp.Navigate(h.ts.URL+"/staff"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, staffName),
		chromedp.SendKeys(`input[name=password]`, staffPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#queue`),
	)

	phone, cancel := chromedp.NewContext(staff)
	defer cancel()
	run(t, phone, "open the web chat",
		chromedp.EmulateViewport(390, 760),
		chromedp.Navigate(h.ts.URL+"/"),
		chromedp.WaitVisible(`.msg.bot`),
		chromedp.SendKeys(`#text`, "Ibuprofen AL 400 20 Stück"),
		chromedp.Click(`#send`),
	)
	var chat string
	wait, cancelWait := context.WithCancel(phone)
	defer cancelWait()
	if err := chromedp.Do(wait, waitText(`#log`, "Verstanden", &chat)); err != nil {
		shoot(t, phone, dir, "failed-chat.png")
		t.Fatalf("the proposal in the chat: %v; the chat shows %q", err, chat)
	}

	var card string
	run(t, staff, "the request appears without a reload", waitText(`#queue`, "Ibuprofen AL", &card))
	if !strings.Contains(card, "vorrätig") {
		t.Fatalf("queue card %q lacks the stock", card)
	}
	look(t, staff, dir, "queue.png")

	run(t, staff, "open the request",
		chromedp.Click(`.card a`),
		chromedp.WaitVisible(`#approve`),
	)
	look(t, staff, dir, "request.png")
	run(t, staff, "approve", chromedp.Click(`#approve`), chromedp.WaitVisible(`.flash.ok`))

	open, _ := h.db.OpenPreOrders(t.Context())
	if len(open) != 1 || open[0].Status != bot.StatusApproved {
		t.Fatalf("after approval: %+v", open)
	}
	code := string(open[0].Code)
	run(t, phone, "the customer sees time and code", waitText(`#log`, code, &chat))
	if !strings.Contains(chat, "bestätigt") {
		t.Fatalf("chat %q lacks the confirmation", chat)
	}
	// The server keeps only the decision now, and the open tab drops the
	// rest at the same poll: the chat does not outlive the request on screen.
	for _, gone := range []string{"Ibuprofen AL 400 20 Stück", "Verstanden", "Datenschutz"} {
		if strings.Contains(chat, gone) {
			t.Fatalf("the open chat tab still shows %q after the decision:\n%s", gone, chat)
		}
	}
	look(t, phone, dir, "chat-phone.png")

	var flash string
	run(t, staff, "hand out by code",
		chromedp.Navigate(h.ts.URL+"/staff/pickups"),
		chromedp.SendKeys(`input[name=code]`, strings.ToLower(code)),
		chromedp.Submit(`input[name=code]`),
		chromedp.WaitVisible(`#handout`),
		chromedp.Click(`#handout`),
		textOf(`.flash.ok`, &flash),
	)
	if !strings.Contains(flash, "Ausgegeben") {
		t.Fatalf("flash %q", flash)
	}
	if po, _ := h.db.PreOrder(t.Context(), open[0].ID); po.Status != bot.StatusHandedOut {
		t.Fatalf("status %s, want handed_out", po.Status)
	}
}

// TestTabletLocksAfterFiveWrongPasswords types a wrong password five times.
func TestTabletLocksAfterFiveWrongPasswords(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := browser(t)
	for range 5 {
		run(t, ctx, "wrong password", append(typeLogin(h.ts.URL, staffName, "falsch-geraten"), chromedp.WaitVisible(`.flash.err`))...)
	}
	var msg string
	run(t, ctx, "the right password is refused now", append(typeLogin(h.ts.URL, staffName, staffPassword), textOf(`.flash.err`, &msg))...)
	if !strings.Contains(msg, "Zu viele Fehlversuche") {
		t.Fatalf("after five wrong passwords: %q", msg)
	}
}

// addColleague adds the staff account "kollegin" (password
// "kollegin-passwort") beside the owner's.
func (h *harness) addColleague(t *testing.T) {
	t.Helper()
	hash, err := service.HashPassword("kollegin-passwort")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.AddStaff(t.Context(), "", "kollegin", hash); err != nil {
		t.Fatal(err)
	}
}

// typeLogin opens the login page at base and submits name and password.
func typeLogin(base, name, password string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(base + "/staff/login"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, name),
		chromedp.SendKeys(`input[name=password]`, password),
		chromedp.Submit(`input[name=password]`),
	}
}

// waitText polls sel's text until it contains want.
func waitText(sel, want string, got *string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for {
			// A node may vanish while the page loads anew (the chat page
			// follows the chat's language): that is "not yet", as long as
			// the context lasts.
			text, err := chromedp.Run(ctx, chromedp.Text(sel, chromedp.NodeVisible))
			if err == nil {
				if *got = text; strings.Contains(text, want) {
					return nil
				}
			}
			select {
			case <-ctx.Done():
				if err != nil {
					return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
				}
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

// textOf reads sel's visible text.
func textOf(sel string, got *string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		text, err := chromedp.Run(ctx, chromedp.Text(sel, chromedp.NodeVisible))
		*got = text
		return err
	})
}

// TestChatPageFollowsTheChatsLanguage: the page's switch turns page and
// bot English; "auf Deutsch bitte" in the chat turns both back, the chat
// going on.
func TestChatPageFollowsTheChatsLanguage(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	ctx := browser(t)
	var got string
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		wait, cancel := context.WithCancel(ctx)
		defer cancel()
		if err := chromedp.Do(wait, actions...); err != nil {
			t.Fatalf("%s: %v; last seen %q", what, err, got)
		}
	}
	step("a German page",
		chromedp.EmulateViewport(390, 760),
		chromedp.Navigate(h.ts.URL+"/?lang=de"), // headless Chromium asks for English
		waitText(`#log`, "Datenschutz", &got),
		textOf(`#send`, &got),
	)
	if got != "Senden" {
		t.Fatalf("the send button says %q", got)
	}
	step("switch to English",
		chromedp.Click(`#lang-switch`),
		waitText(`#log`, "Privacy", &got),
		textOf(`#send`, &got),
	)
	if got != "Send" {
		t.Fatalf("after the switch the send button says %q", got)
	}
	step("write in English",
		chromedp.SendKeys(`#text`, "PZN 74372349"),
		chromedp.Click(`#send`),
		waitText(`#log`, "Understood", &got),
	)
	step("ask the bot for German",
		chromedp.SendKeys(`#text`, "auf Deutsch bitte"),
		chromedp.Click(`#send`),
		waitText(`#lang-switch`, "English", &got),
		waitText(`#log`, "auf Deutsch", &got),
		waitText(`#log`, "Understood", &got), // the chat went on
		textOf(`#send`, &got),
	)
	if got != "Senden" {
		t.Fatalf("after 'auf Deutsch bitte' the send button says %q", got)
	}
}

// TestOwnerRemovesAnAccountOnTheTablet: the owner removes a colleague's
// account on the tablet page while the colleague is logged in elsewhere;
// the colleague's next request is refused.
func TestOwnerRemovesAnAccountOnTheTablet(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	h.addColleague(t)
	colleague := h.staffClient(t)
	if status := colleague.login("kollegin", "kollegin-passwort"); status != http.StatusSeeOther {
		t.Fatalf("the colleague's login: %d", status)
	}
	dir := screenshots(t)
	owner := browser(t)
	var flash string
	run(t, owner, "log in and open the accounts", append(typeLogin(h.ts.URL, staffName, staffPassword),
		chromedp.WaitVisible(`#queue`),
		chromedp.Click(`a[href="/staff/accounts"]`),
		chromedp.WaitVisible(`#remove-kollegin`))...)
	look(t, owner, dir, "accounts.png")
	run(t, owner, "remove", chromedp.Click(`#remove-kollegin`), textOf(`.flash.ok`, &flash))
	if !strings.Contains(flash, "entfernt") {
		t.Fatalf("after the removal the page says %q", flash)
	}
	if status, _, hdr := colleague.get("/staff"); status != http.StatusSeeOther || hdr.Get("Location") != "/staff/login" {
		t.Fatalf("the removed colleague's open login: %d %q, want sent to the login", status, hdr.Get("Location"))
	}
}

package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/store/storetest"
)

// pageWords are the words the accessibility tests look for, per language.
type pageWords struct {
	lang, twoProducts, understood, confirmed, fromBot, fromMe, announced string
}

func wordsOf(lang string) pageWords {
	t := func(id msg.ID, args msg.Args) string { return msg.Text(lang, id, args) }
	w := pageWords{lang: lang, fromBot: t("page.from_bot", nil), fromMe: t("page.from_me", nil),
		announced: t("tablet.announce_one", nil)}
	w.twoProducts, w.understood, w.confirmed = "PZN 74372349 und PZN 98848147", "Verstanden", "bestätigt"
	if lang == "en" {
		w.twoProducts, w.understood, w.confirmed = "PZN 74372349 and PZN 98848147", "Understood", "confirmed"
	}
	return w
}

// TestEveryPageIsAccessible walks the pharmacy's day in German and in
// English and checks every page and state on the way (axe-core's WCAG 2.2
// A and AA rules, reflow, the focus at every stop of the Tab key) at phone
// and tablet size and at 320 CSS px: the chat's greeting, conversation and
// decision; the tablet's login, queue, request, pickups, inventory,
// accounts and error page. It also writes screenshots at 200 % and 400 %
// zoom for a person to look at.
func TestEveryPageIsAccessible(t *testing.T) {
	pagesOnly(t)
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) { accessibleDay(t, wordsOf(lang)) })
	}
}

// pagesOnly skips a test of the pages alone in the PostgreSQL pass of
// make test: what it checks does not depend on the database, and the first
// pass has checked it.
func pagesOnly(t *testing.T) {
	t.Helper()
	if storetest.Postgres() {
		t.Skip("the pages' accessibility does not depend on the database; the SQLite pass checks it")
	}
}

func accessibleDay(t *testing.T, w pageWords) {
	h := newHarness(t, harnessOptions{})
	// A colleague's account and a request of two products: controls that
	// repeat per account and per item must still be told apart.
	h.addColleague(t)
	dir := screenshots(t)
	staff := browser(t)
	run(t, staff, "open the login", resize(tabletSize), chromedp.Navigate(h.ts.URL+"/staff"), chromedp.WaitVisible(`input[name=username]`))
	if w.lang == "en" {
		run(t, staff, "switch the tablet to English", chromedp.Click(`.switch a`), chromedp.WaitVisible(`html[lang=en] input[name=username]`))
	}
	checkPage(t, staff, "login", tabletSize)
	run(t, staff, "log in",
		chromedp.SendKeys(`input[name=username]`, staffName),
		chromedp.SendKeys(`input[name=password]`, staffPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#queue`))

	phone, cancel := chromedp.NewContext(staff)
	defer cancel()
	var chat string
	run(t, phone, "open the web chat", resize(phoneSize), chromedp.Navigate(h.ts.URL+"/?lang="+w.lang), waitText(`#log`, w.fromBot, &chat))
	checkPage(t, phone, "chat greeting", phoneSize)
	shootZoomed(t, phone, dir, "chat-greeting-"+w.lang, phoneSize, zoomed(390, 760, 200), zoomed(1280, 800, 200), zoomed(1280, 800, 400))
	run(t, phone, "write", chromedp.SendKeys(`#text`, w.twoProducts), chromedp.Click(`#send`), waitText(`#log`, w.understood, &chat))
	checkSenders(t, phone, w)
	checkPage(t, phone, "chat conversation", phoneSize)
	shootZoomed(t, phone, dir, "chat-conversation-"+w.lang, phoneSize, zoomed(390, 760, 200), zoomed(1280, 800, 400))

	var card string
	run(t, staff, "the request appears", waitText(`#queue`, "74372349", &card))
	run(t, staff, "the announcement", chromedp.Poll[chromedp.Void](`document.getElementById("announce").textContent !== ""`, chromedp.WithPollingTimeout(0)))
	announced, err := chromedp.Run(staff, chromedp.Evaluate[string](`document.getElementById("announce").textContent`))
	if err != nil || announced != w.announced {
		t.Errorf("a screen reader hears %q of the new request (%v), want %q", announced, err, w.announced)
	}
	checkPage(t, staff, "queue", tabletSize)
	shootZoomed(t, staff, dir, "queue-"+w.lang, tabletSize, zoomed(1280, 1024, 200), zoomed(1280, 1024, 400))

	run(t, staff, "open the request", chromedp.Click(`.card a`), chromedp.WaitVisible(`#approve`))
	checkPage(t, staff, "request", tabletSize)
	shootZoomed(t, staff, dir, "request-"+w.lang, tabletSize, zoomed(1280, 1024, 200), zoomed(1280, 1024, 400))
	run(t, staff, "approve", chromedp.Click(`#approve`), chromedp.WaitVisible(`.flash.ok`))
	checkPage(t, staff, "queue after the approval", tabletSize)

	open, err := h.db.OpenPreOrders(t.Context())
	if err != nil || len(open) != 1 || open[0].Status != bot.StatusApproved || len(open[0].Items) != 2 {
		t.Fatalf("after the approval: %+v, %v", open, err)
	}
	code := string(open[0].Code)
	run(t, phone, "the decision in the chat", waitText(`#log`, code, &chat))
	if !strings.Contains(chat, w.confirmed) {
		t.Errorf("the chat after the decision: %q", chat)
	}
	checkPage(t, phone, "chat after the decision", phoneSize)
	shootZoomed(t, phone, dir, "chat-decision-"+w.lang, phoneSize, zoomed(1280, 800, 400))

	for _, p := range []struct{ name, path, ready string }{
		{"pickups", "/staff/pickups?code=" + code, `#handout`},
		{"inventory", "/staff/inventory", `#import`},
		{"accounts", "/staff/accounts", `#remove-` + staffName},
		{"error page", "/staff/requests/999999", `.flash.err`},
	} {
		run(t, staff, "open "+p.name, chromedp.Navigate(h.ts.URL+p.path), chromedp.WaitVisible(p.ready))
		checkPage(t, staff, p.name, tabletSize)
		if p.name != "error page" {
			shootZoomed(t, staff, dir, p.name+"-"+w.lang, tabletSize, zoomed(1280, 1024, 400))
		}
	}
}

// checkSenders fails when a message in the chat's log does not say who
// wrote it: the log (role=log) announces each new one with its text.
func checkSenders(t *testing.T, ctx context.Context, w pageWords) {
	t.Helper()
	texts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('[role=log] .msg')].map(m => (m.classList.contains('bot') ? 'bot ' : 'me ') + m.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) < 3 {
		t.Fatalf("the log holds %q: want the greeting, the message and the answer", texts)
	}
	for _, m := range texts {
		from, text, _ := strings.Cut(m, " ")
		want := map[string]string{"bot": w.fromBot, "me": w.fromMe}[from]
		if !strings.HasPrefix(text, want+" ") {
			t.Errorf("a %s message is heard as %q, without %q first", from, text, want)
		}
	}
}

// shootZoomed writes a full-page screenshot of the page at each size
// (name-<size>.png) and puts the window back at back.
func shootZoomed(t *testing.T, ctx context.Context, dir, name string, back size, sizes ...size) {
	t.Helper()
	for _, sz := range sizes {
		run(t, ctx, "resize for a screenshot", resize(sz))
		shoot(t, ctx, dir, name+"-"+strings.NewReplacer("×", "x", " at ", "-", " %", "pct").Replace(sz.name)+".png")
	}
	run(t, ctx, "resize back", resize(back))
}

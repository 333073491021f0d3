package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/store/password"
)

// fourBranches are the demo pharmacy's branches; the Hasselbachplatz
// closes at 13:00 on weekdays.
func fourBranches(t *testing.T) []service.BranchConfig {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	list := []service.BranchConfig{
		{ID: "alter-markt", Name: "Löwen-Apotheke am Alten Markt", Address: "Alter Markt 4", Words: []string{"Alter Markt", "Alten Markt"}},
		{ID: "hasselbachplatz", Name: "Filiale am Hasselbachplatz", Address: "Hasselbachplatz 3", Words: []string{"Hasselbachplatz"}},
		{ID: "sudenburg", Name: "Filiale Sudenburg", Address: "Halberstädter Straße 100", Words: []string{"Sudenburg"}},
		{ID: "stadtfeld", Name: "Filiale Stadtfeld", Address: "Olvenstedter Straße 20", Words: []string{"Stadtfeld"}},
	}
	for i := range list {
		list[i].Plan = plan.Demo(berlin)
	}
	for d := time.Monday; d <= time.Friday; d++ {
		list[1].Plan.Hours[d] = list[1].Plan.Hours[d][:1]
	}
	return list
}

// TestBranchChatToTheBranchQueue: a customer of the four-branch demo
// pharmacy picks the Hasselbachplatz by its number, hears that another
// branch has the pack that branch lacks, switches there by its name, and
// the request shows on that branch's queue for its team, and not for the
// Hasselbachplatz team, whose link to it finds nothing. An owner switches
// the tablet between the branches.
func TestBranchChatToTheBranchQueue(t *testing.T) {
	branches := fourBranches(t)
	h := newHarness(t, harnessOptions{branches: branches})
	ctx := context.Background()
	// A pack sold out at the Hasselbachplatz and on the shelf elsewhere.
	var product bot.Product
	var other service.BranchConfig
	ps, _ := h.db.Inventory("hasselbachplatz").Products(ctx)
	for _, p := range ps {
		stock, _ := h.db.StockByBranch(ctx, p.PZN)
		if p.Stock > 0 || p.Rx || !strings.HasPrefix(p.Name, "Ibuprofen") {
			continue
		}
		for _, b := range branches {
			if stock[b.ID] > 0 && product.PZN == "" {
				product, other = p, b
			}
		}
	}
	if product.PZN == "" {
		t.Fatal("the demo inventory has no Ibuprofen sold out at the Hasselbachplatz and stocked elsewhere")
	}
	hash, err := password.Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{"hasselbachplatz", other.ID} {
		if _, err := h.db.AddStaff(ctx, "", "team-"+b, hash); err != nil {
			t.Fatal(err)
		}
		if err := h.db.SetStaffBranches(ctx, "", "team-"+b, []string{b}); err != nil {
			t.Fatal(err)
		}
	}
	dir := screenshots(t)
	root := browser(t)
	run(t, root, "start the browser", chromedp.Navigate("about:blank"))

	phone, cancel := chromedp.NewContext(root)
	defer cancel()
	var chat string
	run(t, phone, "a request before the branch",
		germanPage(),
		chromedp.EmulateViewport(390, 760),
		chromedp.Navigate(h.ts.URL+"/"),
		chromedp.WaitVisible(`.msg.bot`),
		chromedp.SendKeys(`#text`, "PZN "+string(product.PZN)),
		chromedp.Click(`#send`),
	)
	run(t, phone, "the branch question", waitText(`#log`, "In welcher unserer Apotheken", &chat))
	look(t, phone, dir, "branch-asked.png")
	run(t, phone, "the Hasselbachplatz by its number",
		chromedp.SendKeys(`#text`, "2"),
		chromedp.Click(`#send`),
		waitText(`#log`, "vorrätig. Möchten Sie lieber dort abholen", &chat),
	)
	if !strings.Contains(chat, "in der "+other.Name+" vorrätig") || !strings.Contains(chat, "wird bestellt") {
		t.Fatalf("the chat does not say the other branch has it:\n%s", chat)
	}
	look(t, phone, dir, "branch-elsewhere.png")
	run(t, phone, "switch by the other branch's name",
		chromedp.SendKeys(`#text`, other.Words[0]),
		chromedp.Click(`#send`),
		waitText(`#log`, "Sie holen in der "+other.Name+" ab", &chat),
	)
	look(t, phone, dir, "branch-switched.png")
	open, _ := h.db.OpenPreOrders(ctx)
	if len(open) != 1 || open[0].Branch != other.ID || open[0].Items[0].Reserved != open[0].Items[0].Quantity {
		t.Fatalf("the request after the switch: %+v", open)
	}
	req := "/staff/requests/" + strconv.FormatInt(open[0].ID, 10)

	team, cancelTeam := chromedp.NewContext(root)
	defer cancelTeam()
	var card string
	run(t, team, "the branch's team sees it on its queue",
		append(typeLogin(h.ts.URL, "team-"+other.ID, staffPassword), waitText(`#queue`, product.Name, &card))...)
	if !strings.Contains(card, "vorrätig") {
		t.Fatalf("queue card %q lacks the stock", card)
	}
	look(t, team, dir, "branch-queue.png")
	var page string
	run(t, team, "and opens it", chromedp.Navigate(h.ts.URL+req), waitText(`main`, other.Name, &page))
	look(t, team, dir, "branch-request.png")

	hassel, cancelHassel := chromedp.NewContext(root)
	defer cancelHassel()
	run(t, hassel, "the Hasselbachplatz team does not",
		append(typeLogin(h.ts.URL, "team-hasselbachplatz", staffPassword), waitText(`#queue`, "Keine", &card))...)
	if strings.Contains(card, product.Name) {
		t.Fatalf("another branch's request on the Hasselbachplatz queue: %q", card)
	}
	run(t, hassel, "and its link finds nothing", chromedp.Navigate(h.ts.URL+req), waitText(`main`, "gibt es nicht", &page))

	owner, cancelOwner := chromedp.NewContext(root)
	defer cancelOwner()
	run(t, owner, "an owner switches the tablet to the Hasselbachplatz",
		append(typeLogin(h.ts.URL, staffName, staffPassword),
			chromedp.WaitVisible(`select[name=branch]`),
			chromedp.SetValue(`select[name=branch]`, "hasselbachplatz"),
			chromedp.Submit(`select[name=branch]`),
			waitText(`#queue`, "Keine", &card))...)
	run(t, owner, "and to the branch of the request",
		chromedp.SetValue(`select[name=branch]`, other.ID),
		chromedp.Submit(`select[name=branch]`),
		waitText(`#queue`, product.Name, &card))
	look(t, owner, dir, "branch-switch.png")
	checkPage(t, owner, "the queue with the branch switch", tabletSize) // the header's widest form
	run(t, owner, "the accounts show where each works",
		chromedp.Navigate(h.ts.URL+"/staff/accounts"), waitText(`main`, "team-hasselbachplatz", &page))
	if !strings.Contains(page, "Filiale am Hasselbachplatz") || !strings.Contains(page, "alle Filialen") {
		t.Fatalf("the accounts page does not name the branches:\n%s", page)
	}
}

// germanPage makes the tab ask for German pages, as a German phone does.
func germanPage() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "de-DE,de"}})
		return err
	})
}

// A chat opened from a branch's own link (/?filiale=ID) is that branch's:
// its page names the branch, and its customer is not asked where they pick
// up. A link naming no branch of the pharmacy is a chat like any other.
func TestABranchLinkOpensThatBranchsChat(t *testing.T) {
	h := newHarness(t, harnessOptions{branches: fourBranches(t)})
	res, err := http.Get(h.ts.URL + "/?filiale=sudenburg")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), "Filiale Sudenburg") || !strings.Contains(string(page), `data-branch="sudenburg"`) {
		t.Fatalf("the branch's link does not name it:\n%s", page)
	}
	session := func(branch string) *webChat {
		res, err := http.PostForm(h.ts.URL+"/chat/session", url.Values{"lang": {"de"}, "branch": {branch}})
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body struct{ Token string }
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusCreated {
			t.Fatalf("session: %d %v", res.StatusCode, err)
		}
		return &webChat{t: t, base: h.ts.URL, token: body.Token}
	}
	c := session("sudenburg")
	c.send("PZN 74372349", nil)
	c.waitFor("Abholung möglich")
	for _, m := range c.messages() {
		if strings.Contains(m.Text, "In welcher unserer Apotheken") {
			t.Fatal("a chat from the branch's link was asked for the branch")
		}
	}
	if open, _ := h.db.OpenPreOrders(t.Context()); len(open) != 1 || open[0].Branch != "sudenburg" {
		t.Fatalf("the request of the branch's chat: %+v", open)
	}
	other := session("nirgendwo")
	other.send("PZN 74372349", nil)
	other.waitFor("In welcher unserer Apotheken")
}

package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/password"
)

// TestPickupCodesStayInTheirBranch: a login limited to one branch that
// types another branch's pickup code finds nothing, and cannot mark it
// ready or hand it out (which would erase that customer's chat); the
// branch's own team can.
func TestPickupCodesStayInTheirBranch(t *testing.T) {
	h := newHarness(t, harnessOptions{branches: fourBranches(t)})
	ctx := t.Context()
	res, err := http.PostForm(h.ts.URL+"/chat/session", url.Values{"lang": {"de"}, "branch": {"sudenburg"}})
	if err != nil {
		t.Fatal(err)
	}
	var body struct{ Token string }
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	w := &webChat{t: t, base: h.ts.URL, token: body.Token}
	w.send("PZN 74372349", nil)
	w.waitFor("Abholung möglich")
	open, _ := h.db.OpenPreOrders(ctx)
	if len(open) != 1 || open[0].Branch != "sudenburg" {
		t.Fatalf("the Sudenburg request: %+v", open)
	}
	po := open[0]
	if _, err := h.engine.Desk().Approve(ctx, po.ID, po.PickupAt); err != nil {
		t.Fatal(err)
	}
	hash, err := password.Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{"hasselbachplatz", "sudenburg"} {
		if _, err := h.db.AddStaff(ctx, "", "team-"+b, hash); err != nil {
			t.Fatal(err)
		}
		if err := h.db.SetStaffBranches(ctx, "", "team-"+b, []string{b}); err != nil {
			t.Fatal(err)
		}
	}
	code := string(po.Code)

	other := h.staffClient(t)
	other.login("team-hasselbachplatz", staffPassword)
	if _, page, _ := other.get("/staff/pickups?code=" + code); strings.Contains(page, "Bereitgelegt") || !strings.Contains(page, "gibt es nicht") {
		t.Fatalf("another branch's code on the Hasselbachplatz pickups page:\n%s", page)
	}
	for _, action := range []string{"ready", "handed-out"} {
		if status, _ := other.post("/staff/pickups/"+code+"/"+action, url.Values{}, true); status != http.StatusNotFound {
			t.Fatalf("%s of another branch's pickup: %d, want 404", action, status)
		}
	}
	if got, _ := h.db.PreOrder(ctx, po.ID); got.Status != bot.StatusApproved {
		t.Fatalf("another branch's login changed the request to %s", got.Status)
	}
	if _, err := h.db.ConversationOf(ctx, po.ID); err != nil {
		t.Fatalf("the customer's chat is gone: %v", err)
	}

	own := h.staffClient(t)
	own.login("team-sudenburg", staffPassword)
	if _, page, _ := own.get("/staff/pickups?code=" + code); !strings.Contains(page, "Bereitgelegt") {
		t.Fatalf("the branch's own team does not find its code:\n%s", page)
	}
	for _, action := range []string{"ready", "handed-out"} {
		if status, _ := own.post("/staff/pickups/"+code+"/"+action, url.Values{}, true); status != http.StatusSeeOther {
			t.Fatalf("%s by the branch's own team: %d", action, status)
		}
	}
}

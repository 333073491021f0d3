package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
)

// Requests is what the staff pages read of pre-orders and their chats
// (store.DB).
type Requests interface {
	// OpenPreOrders lists what staff still has to act on, new ones first.
	OpenPreOrders(ctx context.Context) ([]bot.PreOrder, error)
	// PreOrder returns one pre-order; ENOTFOUND when there is none.
	PreOrder(ctx context.Context, id int64) (bot.PreOrder, error)
	// PreOrderByCode finds a pre-order by its pickup code; ENOTFOUND.
	PreOrderByCode(ctx context.Context, c bot.PickupCode) (bot.PreOrder, error)
	// ConversationIDOf returns the chat of a pre-order, 0 once deleted.
	ConversationIDOf(ctx context.Context, preorderID int64) (int64, error)
	// Evidence returns what the chat's photos showed.
	Evidence(ctx context.Context, convID int64) ([]bot.Evidence, error)
	// Photo opens one photo of the chat; ENOTFOUND when it is gone.
	Photo(ctx context.Context, convID, msgID int64) ([]byte, error)
	// SearchProductsAt finds a branch's inventory lines by PZN, name or
	// maker ("": the pharmacy without branches).
	SearchProductsAt(ctx context.Context, branch, q string, limit int) ([]bot.Product, int64, error)
	// LastPurge returns when the retention purge last ran (zero: never)
	// and what it counted.
	LastPurge(ctx context.Context) (time.Time, map[string]int64, error)
}

// ImportResult is what an inventory upload did.
type ImportResult struct {
	Products, Added, Updated, Kept int
}

// Importer reads an inventory CSV and imports it all or nothing into a
// branch's stock ("": the pharmacy without branches); a bad file is an
// EINVALID bot.Error naming the line.
type Importer func(ctx context.Context, branch string, r io.Reader) (ImportResult, error)

// staffPage is what every staff page gets besides its own data.
type staffPage struct {
	Title    string
	Nav      string // queue, pickups, inventory
	User     string
	CSRF     string
	NewCount int // requests waiting for a decision: the badge
	Flash    string
	Error    string
	Problems []string // what the Error is about, one item each (an import's bad lines)
	NoStock  bool     // the inventory is empty: the bot cannot say what is in stock
	Owner    bool     // the login may manage the accounts: the navigation shows them
	Branches []Branch // the login's branches, when there are two or more: the switch
	Branch   string   // the branch shown
	Path     string   // the page, for the switch to come back to
	Idle     int      // seconds until the login ends unless used: the page warns before
	Data     any
}

// page fills the frame of a staff page; the badge needs the open requests.
func (s *Server) page(c echo.Context, title, nav string, data any) (staffPage, error) {
	open, err := s.openHere(c)
	if err != nil {
		return staffPage{}, err
	}
	return s.frame(c, title, nav, data, countNew(open)), nil
}

// openHere lists the open requests of the tablet's branch.
func (s *Server) openHere(c echo.Context) ([]bot.PreOrder, error) {
	open, err := s.cfg.Requests.OpenPreOrders(c.Request().Context())
	return s.here(c, open), err
}

// frame fills the frame of a staff page whose handler knows the badge.
func (s *Server) frame(c echo.Context, title, nav string, data any, newCount int) staffPage {
	sess := c.Get(staffKey).(bot.StaffSession)
	p := staffPage{Title: title, Nav: nav, User: sess.Username, CSRF: csrfFor(c.Get(sessionIDKey).(string)),
		NewCount: newCount, Data: data, Flash: bannerText(c), NoStock: s.noStock(c), Owner: sess.Owner && s.accountsOn(),
		Branch: s.branchNow(c), Path: pagePath(c), Idle: int(s.cfg.StaffIdle / time.Second)}
	if mine := s.branchesOf(c); len(s.cfg.Branches) > 1 && len(mine) > 1 {
		p.Branches = mine
	}
	return p
}

// noStock reports an inventory without products: every page says so until
// the pharmacy imports its stock (a failed count says nothing).
func (s *Server) noStock(c echo.Context) bool {
	_, total, err := s.cfg.Requests.SearchProductsAt(c.Request().Context(), s.branchNow(c), "", 1)
	return err == nil && total == 0
}

func countNew(pos []bot.PreOrder) int {
	n := 0
	for _, po := range pos {
		if po.Status == bot.StatusReceived || po.Status == bot.StatusProposed {
			n++
		}
	}
	return n
}

// queueData feeds the queue page.
type queueData struct {
	Requests []requestView
	Purge    string // the last purge's counts, in a line
}

// requestView is a pre-order as the tablet shows it.
type requestView struct {
	bot.PreOrder
	BranchName string // where it is picked up; "" without branches or not chosen
	BranchOpen bool   // the pharmacy has branches and the customer chose none yet
	New        bool
	StatusText string
	Pickup     string
	Created    string
}

func (s *Server) view(c echo.Context, po bot.PreOrder) requestView {
	return requestView{PreOrder: po, BranchName: s.branchName(po.Branch), BranchOpen: len(s.cfg.Branches) > 1 && po.Branch == "",
		New:        po.Status == bot.StatusReceived || po.Status == bot.StatusProposed,
		StatusText: po.Status.Text(langOf(c)), Pickup: s.when(c, po.PickupAt), Created: s.when(c, po.CreatedAt)}
}

// when is a time as the tablet page shows it, in its language.
func (s *Server) when(c echo.Context, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return engine.When(t, s.cfg.Location, langOf(c))
}

// queue shows the requests: new ones first. ?fragment=1 renders the list
// alone, for the page's live update.
func (s *Server) queue(c echo.Context) error {
	open, err := s.openHere(c)
	if err != nil {
		return err
	}
	data := queueData{}
	for _, po := range open {
		data.Requests = append(data.Requests, s.view(c, po))
	}
	at, counts, err := s.cfg.Requests.LastPurge(c.Request().Context())
	if err != nil {
		return err
	}
	data.Purge = s.staffText(c, "tablet.purge_none", nil)
	if !at.IsZero() {
		data.Purge = s.staffText(c, "tablet.purge", msg.Args{"When": s.when(c, at), "Chats": counts["conversations"],
			"PreOrders": counts["preorders"], "Logins": counts["sessions"], "Expired": counts["expired"]})
	}
	p := s.frame(c, s.staffText(c, "tablet.nav_queue", nil), "queue", data, countNew(open))
	if c.QueryParam("fragment") == "1" {
		return s.render(c, http.StatusOK, "queue.html#list", p)
	}
	return s.render(c, http.StatusOK, "queue.html", p)
}

// events tells the tablet when the queue changed (server-sent events): the
// number of new requests and a version that changes with any request. At
// every look it checks that its login still lives: once a new password, a
// removal, a logout or the idle time ended it, the stream says "ended" and
// closes (the page then goes to the login).
func (s *Server) events(c echo.Context) error {
	w := c.Response()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	ctx := c.Request().Context()
	tick := time.NewTicker(s.cfg.EventInterval)
	defer tick.Stop()
	var changed <-chan struct{} // nil: only the ticker
	if s.cfg.QueueChanges != nil {
		changed = s.cfg.QueueChanges(ctx)
	}
	last, id := "", hashID(c.Get(sessionIDKey).(string))
	for {
		alive, err := s.cfg.Staff.SessionAlive(ctx, id, s.cfg.StaffIdle, sessionMaxAge)
		if err != nil {
			return nil // the client reconnects
		}
		if !alive {
			fmt.Fprint(w, "event: ended\ndata: {}\n\n")
			w.Flush()
			return nil
		}
		open, err := s.openHere(c)
		if err != nil {
			return nil // the client reconnects
		}
		if v := queueVersion(open); v != last {
			last = v
			fmt.Fprintf(w, "event: queue\ndata: {\"new\":%d,\"version\":%q}\n\n", countNew(open), v)
			w.Flush()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		case <-changed:
		}
	}
}

func queueVersion(pos []bot.PreOrder) string {
	v := fmt.Sprint(len(pos))
	for _, po := range pos {
		v += fmt.Sprintf(";%d:%s:%d", po.ID, po.Status, po.UpdatedAt.UnixNano())
	}
	sum := hashID(v)
	return sum[:16]
}

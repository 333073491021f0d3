package engine

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/pzn"
)

// branches are the engine's branches, with one engine view per branch:
// the same engine with that branch's planner, inventory and catalogue.
type branches struct {
	list  []bot.Branch
	views map[string]*dialog
	union *dialog // before a branch is chosen: every branch's products
}

// setUpBranches makes the views; call it once the engine is built.
func (e *Engine) setUpBranches() {
	if len(e.cfg.Branches) < 2 {
		return
	}
	b := &branches{list: e.cfg.Branches, views: map[string]*dialog{}}
	view := func(inv bot.Inventory, p *plan.Planner) *dialog {
		v := *e.talk
		v.cfg.Inventory, v.cfg.Planner, v.catalog = inv, p, &catalogCache{}
		return &v
	}
	for _, br := range b.list {
		b.views[br.ID] = view(br.Inventory, br.Planner)
	}
	b.union = view(unionInventory(b.list), b.list[0].Planner)
	e.talk.branches = b
	for _, v := range b.views {
		v.branches = b
	}
	b.union.branches = b
}

// at returns the engine as seen from branch id: its planner, inventory
// and catalogue. Without branches, or for a branch not chosen yet (""), it
// is e, or the view of every branch's products.
func (e *dialog) at(id string) *dialog {
	if e.branches == nil {
		return e
	}
	if v := e.branches.views[id]; v != nil {
		return v
	}
	return e.branches.union
}

// branch returns the configured branch id; false when there is none.
func (e *dialog) branch(id string) (bot.Branch, bool) {
	if e.branches == nil {
		return bot.Branch{}, false
	}
	i := slices.IndexFunc(e.branches.list, func(b bot.Branch) bool { return b.ID == id })
	if i < 0 {
		return bot.Branch{}, false
	}
	return e.branches.list[i], true
}

// branchNamed finds the branch a message names: by one of its words, or by
// its number when the bot has just asked which branch. The rest of the
// text is what is left without the branch's words.
func (e *dialog) branchNamed(c bot.Conversation, text string) (bot.Branch, bool) {
	if e.branches == nil {
		return bot.Branch{}, false
	}
	norm := " " + strings.Join(match.Words(e.lx.Normalize(text)), " ") + " "
	for _, b := range e.branches.list {
		for _, w := range b.Words {
			if w = strings.Join(match.Words(e.lx.Normalize(w)), " "); w != "" && strings.Contains(norm, " "+w+" ") {
				return b, true
			}
		}
	}
	if c.BranchAsked == 0 {
		return bot.Branch{}, false
	}
	f := match.Words(e.lx.Normalize(text))
	f = slices.DeleteFunc(f, func(w string) bool { return e.lx.In("polite", w) || e.lx.In("branch_filler", w) })
	if len(f) != 1 {
		return bot.Branch{}, false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 || n > len(e.branches.list) {
		return bot.Branch{}, false
	}
	return e.branches.list[n-1], true
}

// askedNoReplay marks a chat asked for its branch with no message to
// answer once it is chosen (message ids start at 1).
const askedNoReplay = -1

// askBranch asks which branch the customer picks up at, listing them; a
// question message (the hours) is answered once they chose.
func (e *dialog) askBranch(t *turn, replay int64) {
	var list []string
	for i, b := range e.branches.list {
		list = append(list, msg.Text(t.conv.Language, "branch.item", msg.Args{"N": i + 1, "Name": b.Name, "Address": b.Address}))
	}
	t.say("branch.which", msg.Args{"List": strings.Join(list, "; ")})
	t.conv.BranchAsked = replay
	if replay == 0 {
		t.conv.BranchAsked = askedNoReplay
	}
}

// needsBranch reports whether the turn has to ask for a branch before it
// can say something that depends on it (hours, deliveries, a pickup time).
func (e *dialog) needsBranch(t *turn) bool { return e.branches != nil && t.conv.Branch == "" }

// chooseBranch handles a message that names a branch or asks for another:
// the chat's branch is set, an open request moves there (its packs are
// reserved anew and its pickup time planned there), and a question asked
// before the choice is answered. It reports whether the message was about
// the branch; rest is the text left to read (a request beside the choice).
func (e *dialog) chooseBranch(ctx context.Context, t *turn, text string) (handled bool, rest string, err error) {
	if e.branches == nil {
		return false, text, nil
	}
	b, ok := e.branchNamed(t.conv, text)
	if !ok {
		if e.lx.Says(text, nlu.Branch) {
			e.askBranch(t, 0)
			return true, "", nil
		}
		return false, text, nil
	}
	replay := t.conv.BranchAsked
	t.conv.Branch, t.conv.BranchAsked = b.ID, 0
	t.say("branch.chosen", msg.Args{"Name": b.Name, "Address": b.Address})
	if err := e.at(b.ID).moveRequest(ctx, t); err != nil {
		return true, "", err
	}
	if rest = e.lx.withoutBranch(text, b); strings.TrimSpace(rest) == "" && replay > 0 {
		rest, err = e.askedText(ctx, t.conv.ID, replay)
	}
	return true, rest, err
}

// withoutBranch drops the words naming b (and the words for a branch,
// [words] branch_names) from text; "" when nothing but fillers and numbers
// is left.
func (lx *lexicon) withoutBranch(text string, b bot.Branch) string {
	for _, w := range append(slices.Clone(b.Words), lx.List("branch_names")...) {
		text = regexp.MustCompile(`(?i)(^|[^\pL\pN])`+regexp.QuoteMeta(w)+`($|[^\pL\pN])`).ReplaceAllString(text, "$1 $2")
	}
	left := slices.DeleteFunc(match.Words(lx.Normalize(text)), func(f string) bool {
		_, err := strconv.Atoi(f)
		return err == nil || lx.In("branch_filler", f) || lx.In("polite", f)
	})
	if len(left) == 0 {
		return ""
	}
	return text
}

// askedText is the text of the message the branch question was about.
func (e *dialog) askedText(ctx context.Context, convID, id int64) (string, error) {
	msgs, err := e.cfg.Conversations.Messages(ctx, convID, id-1)
	if err != nil || len(msgs) == 0 || msgs[0].ID != id || msgs[0].FromBot {
		return "", err
	}
	return msgs[0].Text, nil
}

// moveRequest moves the chat's open request to the engine's branch (e is
// that branch's view): reserved anew there, and proposed with its hours.
func (e *dialog) moveRequest(ctx context.Context, t *turn) error {
	if t.conv.PreOrderID == 0 {
		return nil
	}
	po, err := e.cfg.PreOrders.PreOrder(ctx, t.conv.PreOrderID)
	if err != nil || po.Branch == t.conv.Branch || (po.Status != bot.StatusReceived && po.Status != bot.StatusProposed) {
		return err
	}
	d := &draft{id: po.ID, items: po.Items, flags: po.Flags, dirty: true}
	return e.save(ctx, t, d)
}

// elsewhere tells, for the request's items not on the chosen branch's
// shelf, another branch that has them.
func (e *dialog) elsewhere(ctx context.Context, t *turn, items []bot.Item) {
	if e.branches == nil || e.cfg.StockByBranch == nil {
		return
	}
	for _, it := range items {
		if it.PZN == "" || it.InStock() {
			continue
		}
		if b, ok := e.branchWith(ctx, it.PZN, it.Quantity, t.conv.Branch); ok {
			word := b.Name
			if len(b.Words) > 0 {
				word = b.Words[0]
			}
			t.say("branch.elsewhere", msg.Args{"Product": it.Name, "Name": b.Name, "Word": word})
		}
	}
}

// branchWith finds the first branch other than not with n packs of z.
func (e *dialog) branchWith(ctx context.Context, z pzn.PZN, n int, not string) (bot.Branch, bool) {
	stock, err := e.cfg.StockByBranch(ctx, z)
	if err != nil {
		e.log.Warn("stock at the branches", "err", err)
		return bot.Branch{}, false
	}
	for _, b := range e.branches.list {
		if b.ID != not && stock[b.ID] >= max(n, 1) {
			return b, true
		}
	}
	return bot.Branch{}, false
}

// unionInventory is every branch's products at once, for reading a request
// before the customer chose a branch: a PZN's stock is the sum of theirs.
type unionInventory []bot.Branch

func (u unionInventory) Products(ctx context.Context) ([]bot.Product, error) {
	var out []bot.Product
	at := map[pzn.PZN]int{}
	for _, b := range u {
		ps, err := b.Inventory.Products(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if i, ok := at[p.PZN]; ok {
				out[i].Stock += p.Stock
				continue
			}
			at[p.PZN] = len(out)
			out = append(out, p)
		}
	}
	return out, nil
}

func (u unionInventory) Product(ctx context.Context, z pzn.PZN) (bot.Product, error) {
	for _, b := range u {
		if p, err := b.Inventory.Product(ctx, z); err == nil {
			return p, nil
		}
	}
	return bot.Product{}, bot.Errorf(bot.ENOTFOUND, "staff.no_product", nil)
}

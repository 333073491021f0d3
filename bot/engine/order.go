package engine

import (
	"context"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/plan"
)

// draft is the open pre-order of a conversation as a message changes it.
type draft struct {
	id     int64 // 0: not filed yet
	items  []bot.Item
	flags  bot.Flags
	dirty  bool // items changed: file, plan and summarise
	marked bool // only flags changed
	again  bool // a product named was on the pre-order already, unchanged
}

// loadDraft returns the conversation's pre-order while it can still be
// changed (received or proposed), or an empty draft.
func (e *dialog) loadDraft(ctx context.Context, c bot.Conversation) (*draft, error) {
	d := &draft{flags: bot.Flags{Medical: c.Medical}}
	if c.PreOrderID == 0 {
		return d, nil
	}
	po, err := e.cfg.PreOrders.PreOrder(ctx, c.PreOrderID)
	if bot.ErrorCode(err) == bot.ENOTFOUND {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	if po.Status != bot.StatusReceived && po.Status != bot.StatusProposed {
		return d, nil // approved or closed: new items start a new request
	}
	d.id, d.items, d.flags = po.ID, po.Items, po.Flags
	d.flags.Medical = d.flags.Medical || c.Medical
	return d, nil
}

// add puts a product into the draft; a product already there gets the new
// quantity when one was given.
func (d *draft) add(it bot.Item, quantity int) {
	for i := range d.items {
		if it.PZN != "" && d.items[i].PZN == it.PZN {
			if quantity > 0 && quantity != d.items[i].Quantity {
				d.items[i].Quantity = quantity
				d.dirty = true
			} else {
				d.again = true
			}
			return
		}
	}
	it.Quantity = max(quantity, 1)
	d.items = append(d.items, it)
	d.dirty = true
}

// itemMaker is the item's maker in the inventory; "" when it is not there.
func itemMaker(it bot.Item, c *match.Catalog) string {
	p, _ := c.ByPZN(it.PZN)
	return p.Maker
}

// replaceLast puts p in place of the last item, in the same quantity: "die
// große Packung".
func (d *draft) replaceLast(p bot.Product) {
	it := itemOf(p)
	it.Quantity = d.items[len(d.items)-1].Quantity
	d.items[len(d.items)-1], d.dirty = it, true
}

func itemOf(p bot.Product) bot.Item {
	return bot.Item{PZN: p.PZN, Name: p.Name, Strength: p.Strength, Form: p.Form, Count: p.Count, Rx: p.Rx}
}

// save files the draft: creates or revises the pre-order, plans the pickup
// and proposes it, and adds the summary to the turn.
func (e *dialog) save(ctx context.Context, t *turn, d *draft) error {
	if len(d.items) == 0 || !d.dirty && !d.marked {
		return nil
	}
	po := bot.PreOrder{ID: d.id, Branch: t.conv.Branch, Items: d.items, Flags: d.flags, ConversationID: t.conv.ID}
	var err error
	first := d.id == 0
	if first {
		err = e.cfg.PreOrders.CreatePreOrder(ctx, &po)
	} else {
		po, err = e.cfg.PreOrders.Revise(ctx, d.id, t.conv.Branch, d.items, d.flags)
	}
	if err != nil {
		return err
	}
	t.conv.PreOrderID = po.ID
	if !d.dirty {
		return nil
	}
	if e.needsBranch(t) { // noted; planned once the customer chose where to pick up
		if !t.said("branch.which") {
			t.say("branch.noted", nil)
			e.askBranch(t, 0)
		}
		return nil
	}
	prop, err := e.cfg.Planner.Plan(e.now(), planItems(po.Items))
	if err != nil {
		return err
	}
	if po, err = e.cfg.PreOrders.SetStatus(ctx, po.ID, bot.StatusProposed, prop.PickupAt, ""); err != nil {
		return err
	}
	t.add(Summary(po, e.cfg.Planner.Location(), t.conv.Language, first))
	e.elsewhere(ctx, t, po.Items)
	return nil
}

// sayAlready answers a message that only named products already on the
// pre-order (a photo sent twice), so the customer is not left without a
// reply.
func sayAlready(t *turn, d *draft) {
	if d.again && !d.dirty && len(t.replies) == 0 {
		t.say("quantity.already", nil)
	}
}

func planItems(items []bot.Item) []plan.Item {
	out := make([]plan.Item, len(items))
	for i, it := range items {
		out[i] = plan.Item{InStock: it.InStock(), Rx: it.Rx && !it.ERx()}
	}
	return out
}

// Summary tells the customer what the bot understood and when the order
// could be picked up, pending a pharmacist's approval; first, with the
// chat's first proposal, also how to change it (ChangeHelp).
func Summary(po bot.PreOrder, loc *time.Location, lang string, first bool) bot.Reply {
	c := composeIn(lang).add("", "proposal.understood", nil)
	addLines(c, po, lang)
	c.add("\n", "proposal.pickup", msg.Args{"When": When(po.PickupAt, loc, lang)})
	if po.BringPrescription {
		c.add(" ", "proposal.bring_prescription", nil)
	}
	if first {
		c.add("\n", "proposal.change_help", nil)
	}
	return c.reply()
}

// addLines adds a line per item of po: quantity, label, and whether it is
// in stock, to be ordered or an e-prescription.
func addLines(c *compose, po bot.PreOrder, lang string) {
	for _, it := range po.Items {
		stock := msg.ID("proposal.to_order")
		switch {
		case it.ERx():
			stock = "proposal.erx"
		case it.InStock():
			stock = "proposal.in_stock"
		}
		label := it.Label(lang)
		if it.Printed { // read from the photo: the number tells the customer which pack was meant
			label = msg.Text(lang, "proposal.printed", msg.Args{"Label": label, "PZN": string(it.PZN)})
		}
		c.add("\n", "proposal.line", msg.Args{"Quantity": it.Quantity, "Label": label, "Stock": msg.Text(lang, stock, nil)})
		c.r.IDs = append(c.r.IDs, stock)
	}
}

// ChangeHelp says what happens with a request and how to change it: with
// the first proposal of a chat, and on "hilfe" / "help", not with every
// revision.

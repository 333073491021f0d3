package engine

import (
	"context"
	"slices"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// Desk carries out the staff's decisions on pre-orders from the tablet:
// approve, change, reject, ready, handed out; the customer is told on the
// chat's channel.
type Desk struct{ e *Engine }

// Desk returns the engine's desk for the staff's decisions.
func (e *Engine) Desk() *Desk { return &Desk{e} }

// Approve confirms pre-order id for pickup at pickupAt (the proposed time
// when zero) and tells the customer the time and the pickup code.
func (k *Desk) Approve(ctx context.Context, id int64, pickupAt time.Time) (bot.PreOrder, error) {
	e := k.e
	cur, err := e.cfg.PreOrders.PreOrder(ctx, id)
	if err != nil {
		return bot.PreOrder{}, err
	}
	if e.talk.branches != nil && cur.Branch == "" {
		return bot.PreOrder{}, bot.Errorf(bot.ECONFLICT, "staff.no_branch", nil)
	}
	eb := e.talk.at(cur.Branch)
	if err := eb.checkPickup(pickupAt); err != nil {
		return bot.PreOrder{}, err
	}
	po, err := e.cfg.PreOrders.SetStatus(ctx, id, bot.StatusApproved, pickupAt, "")
	if err != nil {
		return bot.PreOrder{}, err
	}
	b, _ := e.talk.branch(po.Branch)
	e.notify(ctx, po, func(lang string) bot.Reply { return approvedAt(po, b, eb.cfg.Planner.Location(), lang) }, true)
	return po, nil
}

// approvedAt is ApprovedReply, naming the branch to pick up at where the
// pharmacy has branches.
func approvedAt(po bot.PreOrder, b bot.Branch, loc *time.Location, lang string) bot.Reply {
	c := composeIn(lang).add("", "status.approved", msg.Args{"When": When(po.PickupAt, loc, lang), "Code": string(po.Code)})
	if b.ID != "" {
		c.add(" ", "branch.pickup", msg.Args{"Name": b.Name, "Address": b.Address})
	}
	if po.BringPrescription {
		c.add(" ", "proposal.bring_prescription", nil)
	}
	return c.reply()
}

// checkPickup refuses a pickup time when the pharmacy is closed: a typo on
// the tablet would otherwise send the customer to a locked door. A time
// already past is kept: "pickup from" then means now, as when a request is
// approved after its proposed time. Zero keeps the proposal.
func (e *dialog) checkPickup(at time.Time) error {
	p := e.cfg.Planner
	if at.IsZero() || p.OpenAt(at) {
		return nil
	}
	next, err := p.NextOpen(at)
	if err != nil {
		return bot.Errorf(bot.EINVALID, "hours.closed_then", nil)
	}
	return bot.Errorf(bot.EINVALID, "hours.closed_then_next", msg.Args{"When": At(next, p.Location())})
}

// UsualReasons are the reasons the tablet offers with one tap, by their
// catalogue id. Given as its id, such a reason reaches the customer in the
// customer's language, whatever language the tablet speaks, and is kept in
// German.
var UsualReasons = []msg.ID{"tablet.reason_unavailable", "tablet.reason_rx_only", "tablet.reason_advice", "tablet.reason_not_approved"}

// Reject turns pre-order id down with a reason (words of the pharmacy's,
// or one of UsualReasons by id) and tells the customer.
func (k *Desk) Reject(ctx context.Context, id int64, reason string) (bot.PreOrder, error) {
	e := k.e
	if reason == "" {
		return bot.PreOrder{}, bot.Errorf(bot.EINVALID, "status.reason_missing", nil)
	}
	told := func(string) string { return reason }
	if slices.Contains(UsualReasons, msg.ID(reason)) {
		usual := msg.ID(reason)
		reason, told = msg.Text("de", usual, nil), func(lang string) string { return msg.Text(lang, usual, nil) }
	}
	po, err := e.cfg.PreOrders.SetStatus(ctx, id, bot.StatusRejected, time.Time{}, reason)
	if err != nil {
		return bot.PreOrder{}, err
	}
	e.notify(ctx, po, func(lang string) bot.Reply { return RejectedReply(told(lang), lang) }, false)
	return po, nil
}

// notify tells the customer of a pre-order about a decision, if the chat
// still exists, and then closes the chat: the request is handled. In the web
// chat the decision becomes the only message of a fresh chat; on a
// messenger the conversation is deleted after sending (Telegram: with its
// earlier messages there), or, when keepIfAsked and the customer asked to
// be told when the order is ready, stripped to its sealed reply address.
// The decision stands either way: a failure is logged.
func (e *Engine) notify(ctx context.Context, po bot.PreOrder, text func(lang string) bot.Reply, keepIfAsked bool) {
	c, err := e.cfg.Conversations.ConversationOf(ctx, po.ID)
	if bot.ErrorCode(err) == bot.ENOTFOUND {
		return // the customer deleted the chat: nobody to tell
	}
	if err == nil {
		err = e.hold(ctx, c.ID, func(ctx context.Context) error {
			return e.tell(ctx, c, text(c.Language).Text, keepIfAsked && c.Notify)
		})
	}
	if err != nil && bot.ErrorCode(err) != bot.ENOTFOUND {
		e.log.Error("tell the customer", "preorder", po.ID, "err", err)
	}
}

// tell sends a final message and closes the chat (see notify).
func (e *Engine) tell(ctx context.Context, c bot.Conversation, text string, keepAddress bool) error {
	defer e.photos.dropConversation(c.ID)
	if e.cfg.Messengers[c.Channel] == nil {
		_, err := e.cfg.Conversations.ResetConversation(ctx, c.ID, text)
		return err
	}
	if err := e.flush(ctx, &c); err != nil { // a reply the hold interrupted goes out first
		return err
	}
	before, err := e.cfg.Conversations.Messages(ctx, c.ID, 0)
	if err != nil {
		return err
	}
	pending, err := e.deliver(ctx, &c, text)
	if err != nil {
		return err
	}
	if len(before) > 0 {
		e.eraseOnPlatform(ctx, c, before[len(before)-1].ID) // only the decision stays there
	}
	if keepAddress || pending { // the address stays for "ready", or until the decision can go out
		return e.cfg.Conversations.StripConversation(ctx, c.ID)
	}
	e.log.Info("conversation deleted: request handled", "conversation", c.ID, "channel", string(c.Channel))
	return e.cfg.Conversations.DeleteConversation(ctx, c.ID)
}

// ApprovedReply tells the pickup time and code of an approved pre-order.
func ApprovedReply(po bot.PreOrder, loc *time.Location, lang string) bot.Reply {
	return approvedAt(po, bot.Branch{}, loc, lang)
}

// RejectedReply tells why a pre-order was turned down.
func RejectedReply(reason, lang string) bot.Reply {
	return sentence(lang, "status.rejected", msg.Args{"Reason": reason})
}

// Correct replaces the items of a request that is not yet approved (a
// pharmacist's correction; an item given only by PZN is filled in from the
// inventory) and plans its pickup anew; the customer hears of it with the
// decision.
func (k *Desk) Correct(ctx context.Context, id int64, items []bot.Item) (bot.PreOrder, error) {
	e := k.e
	po, err := e.cfg.PreOrders.PreOrder(ctx, id)
	if err != nil {
		return bot.PreOrder{}, err
	}
	d := e.talk.at(po.Branch)
	cat := d.catalogNow()
	for i, it := range items {
		if p, ok := cat.ByPZN(it.PZN); ok && it.Name == "" {
			items[i] = itemOf(p)
			items[i].Quantity = it.Quantity
		}
	}
	if po, err = e.cfg.PreOrders.Revise(ctx, id, po.Branch, items, po.Flags); err != nil {
		return bot.PreOrder{}, err
	}
	prop, err := d.cfg.Planner.Plan(e.now(), planItems(po.Items))
	if err != nil {
		return bot.PreOrder{}, err
	}
	return e.cfg.PreOrders.SetStatus(ctx, id, bot.StatusProposed, prop.PickupAt, "")
}

// Ready marks an approved pre-order as ready on the shelf and tells the
// customer, if the chat still exists.
func (k *Desk) Ready(ctx context.Context, code bot.PickupCode) (bot.PreOrder, error) {
	e := k.e
	po, err := e.cfg.PreOrders.PreOrderByCode(ctx, code)
	if err != nil {
		return bot.PreOrder{}, err
	}
	if po, err = e.cfg.PreOrders.SetStatus(ctx, po.ID, bot.StatusReady, time.Time{}, ""); err != nil {
		return bot.PreOrder{}, err
	}
	e.notify(ctx, po, func(lang string) bot.Reply {
		return sentence(lang, "status.ready", msg.Args{"Code": string(po.Code)})
	}, false)
	return po, nil
}

// HandOut closes a pre-order: the customer has it, and whatever is left of
// the chat (a reply address kept to tell "ready") is deleted.
func (k *Desk) HandOut(ctx context.Context, code bot.PickupCode) (bot.PreOrder, error) {
	e := k.e
	po, err := e.cfg.PreOrders.PreOrderByCode(ctx, code)
	if err != nil {
		return bot.PreOrder{}, err
	}
	if po, err = e.cfg.PreOrders.SetStatus(ctx, po.ID, bot.StatusHandedOut, time.Time{}, ""); err != nil {
		return bot.PreOrder{}, err
	}
	if c, err := e.cfg.Conversations.ConversationOf(ctx, po.ID); err == nil {
		if err := e.Erase(ctx, c.ID); err != nil {
			e.log.Error("delete the handed-out request's chat", "preorder", po.ID, "err", err)
		}
	}
	return po, nil
}

package bot

import (
	"context"
	"time"
)

// Approve confirms pre-order id for pickup at pickupAt (the proposed time
// when zero) and tells the customer the time and the pickup code.
func (e *Engine) Approve(ctx context.Context, id int64, pickupAt time.Time) (PreOrder, error) {
	po, err := e.cfg.PreOrders.SetStatus(ctx, id, StatusApproved, pickupAt, "")
	if err != nil {
		return PreOrder{}, err
	}
	e.notify(ctx, po, func(lang string) string { return ApprovedReply(po, e.cfg.Planner.Location(), lang) })
	return po, nil
}

// Reject turns pre-order id down with a reason and tells the customer.
func (e *Engine) Reject(ctx context.Context, id int64, reason string) (PreOrder, error) {
	if reason == "" {
		return PreOrder{}, Errorf(EINVALID, "Bitte geben Sie einen Grund an.", "Please give a reason.")
	}
	po, err := e.cfg.PreOrders.SetStatus(ctx, id, StatusRejected, time.Time{}, reason)
	if err != nil {
		return PreOrder{}, err
	}
	e.notify(ctx, po, func(lang string) string { return RejectedReply(reason, lang) })
	return po, nil
}

// notify tells the customer of a pre-order about a decision, if the chat
// still exists, and then deletes the chat's earlier messages on a platform
// that allows it (Telegram): the decision, with the code, is what stays.
// The decision stands either way: a failure is logged.
func (e *Engine) notify(ctx context.Context, po PreOrder, text func(lang string) string) {
	c, err := e.cfg.Conversations.ConversationOf(ctx, po.ID)
	if ErrorCode(err) == ENOTFOUND {
		return // the customer deleted the chat: nobody to tell
	}
	var before []Message
	if err == nil {
		before, err = e.cfg.Conversations.Messages(ctx, c.ID, 0)
	}
	if err == nil {
		err = e.deliver(ctx, &c, text(c.Language))
	}
	if err != nil {
		e.log.Error("tell the customer", "preorder", po.ID, "err", err)
		return
	}
	if len(before) > 0 {
		e.eraseOnPlatform(ctx, c, before[len(before)-1].ID) // handled: only the decision stays
	}
}

// ApprovedReply tells the pickup time and code of an approved pre-order.
func ApprovedReply(po PreOrder, loc *time.Location, lang string) string {
	s := pick(lang, "Ihre Vorbestellung ist bestätigt. Abholung ab ", "Your pre-order is confirmed. Pickup from ") +
		When(po.PickupAt, loc, lang) + pick(lang, ". Ihr Abholcode: ", ". Your pickup code: ") + string(po.Code) + "."
	if po.BringPrescription {
		s += " " + pick(lang, "Bitte bringen Sie das Rezept mit.", "Please bring the prescription.")
	}
	return s
}

// RejectedReply tells why a pre-order was turned down.
func RejectedReply(reason, lang string) string {
	return pick(lang, "Leider können wir Ihre Vorbestellung nicht annehmen: ", "Sorry, we cannot accept your pre-order: ") +
		reason + pick(lang, ". Fragen Sie uns gern in der Apotheke.", ". Feel free to ask us at the pharmacy.")
}

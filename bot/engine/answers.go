package engine

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
)

// productsAsked returns the products a text names, or else the last one
// on the request ("ist das auch ohne Rezept?").
func (e *dialog) productsAsked(ctx context.Context, t *turn, text string) []bot.Product {
	res := e.catalogNow().Match(text)
	if res.Product != nil {
		return []bot.Product{*res.Product}
	}
	if len(res.Candidates) > 0 {
		return productsOf(res.Candidates)
	}
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil || len(d.items) == 0 {
		return nil
	}
	p, ok := e.catalogNow().ByPZN(d.items[len(d.items)-1].PZN)
	if !ok {
		return nil
	}
	return []bot.Product{p}
}

// sayRx tells whether products need a prescription, by their active
// ingredient; for a mix, that the pharmacist tells.
func sayRx(t *turn, ps []bot.Product) {
	name := strings.Fields(ps[0].Name)[0]
	if !slices.ContainsFunc(ps, func(p bot.Product) bool { return p.Strength != ps[0].Strength }) {
		name += " " + ps[0].Strength // "Ibuprofen 400 mg": another strength may differ
	}
	rx := slices.ContainsFunc(ps, func(p bot.Product) bool { return p.Rx })
	otc := slices.ContainsFunc(ps, func(p bot.Product) bool { return !p.Rx })
	switch {
	case rx && otc:
		t.conv.Medical = true
		t.say("product.rx_some", msg.Args{"Name": name})
	case rx:
		t.say("product.rx", msg.Args{"Name": name})
	default:
		t.say("product.otc", msg.Args{"Name": name})
	}
}

// namesDay reports whether a text asks after the pharmacy on a day it
// names (a date, a holiday, a weekday, "morgen"): beside the day it asks
// about the hours, addresses the pharmacy or a visit ([words] day_ask:
// "habt ihr", "abholen"), or says nothing else ("und morgen früh?"). A day
// with a subject of its own ("wie wird das Wetter am Samstag") is none.
func (e *dialog) namesDay(text string) bool {
	now := e.now()
	_, ok := e.dateAsked(text, now)
	if !ok {
		_, ok = e.lx.askedDay(text, now, e.cfg.Planner.Location())
	}
	return ok && (e.lx.Says(text, nlu.Hours) || e.lx.saysAny("day_ask", text) || e.lx.onlyDay(text))
}

// sayHours answers a question about the hours; where the pharmacy has
// branches and the chat chose none yet, it asks which first and answers
// once told.
func (e *dialog) sayHours(t *turn, text string) {
	if e.needsBranch(t) {
		e.askBranch(t, t.msgID)
		return
	}
	t.add(e.hoursReply(text, t.conv.Language))
}

// hoursReply tells today's hours, or those of the day the text asks about.
func (e *dialog) hoursReply(text, lang string) bot.Reply {
	now, loc := e.now(), e.cfg.Planner.Location()
	if e.lx.saysAny("weekend", text) { // "Habt ihr am Wochenende offen?": Saturday and Sunday
		local := now.In(loc)
		sat := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc).AddDate(0, 0, (int(time.Saturday)-int(local.Weekday())+7)%7)
		a, b := DayHoursReply(e.cfg.Planner, sat, lang), DayHoursReply(e.cfg.Planner, sat.AddDate(0, 0, 1), lang)
		return bot.Reply{Text: a.Text + "\n" + b.Text, IDs: append(a.IDs, b.IDs...)}
	}
	day, ok := e.dateAsked(text, now)
	if !ok {
		day, ok = e.lx.askedDay(text, now, loc)
	}
	if !ok && e.lx.saysAny("holidays_any", text) { // "Habt ihr an Feiertagen offen?"
		local := now.In(loc)
		if next, found := e.nextHoliday(time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc), false, func(string) bool { return true }); found {
			name := msg.Text(lang, "hours.day_name", msg.Args{"Weekday": weekday(next, lang), "Date": date(next, lang)})
			return sentence(lang, "hours.holidays", msg.Args{"Holiday": e.cfg.Planner.Holiday(next), "Day": name})
		}
	}
	if ok && day.Format("2006-01-02") != now.In(loc).Format("2006-01-02") {
		return DayHoursReply(e.cfg.Planner, day, lang)
	}
	return HoursReply(e.cfg.Planner, now, lang)
}

// cancel cancels the conversation's open pre-order.
func (e *dialog) cancel(ctx context.Context, t *turn) error {
	asked := len(t.conv.Question) > 0
	t.conv.Question, t.conv.Asked, t.conv.Next, t.conv.NextAsked = nil, 0, nil, 0
	switch {
	case t.conv.PreOrderID == 0 && asked: // "doch nicht" while a choice is open
		t.say("choose.none", nil)
		return nil
	case t.conv.PreOrderID == 0:
		t.say("cancel.none", nil)
		return nil
	}
	_, err := e.cfg.PreOrders.SetStatus(ctx, t.conv.PreOrderID, bot.StatusCancelled, time.Time{}, "")
	switch bot.ErrorCode(err) {
	case "":
		t.say("cancel.done", nil)
		t.handled = true
	case bot.ECONFLICT, bot.ENOTFOUND:
		t.say("cancel.too_late", nil)
	default:
		return err
	}
	t.conv.PreOrderID = 0
	return nil
}

// medical notes a question only a pharmacist may answer, for staff to see.
func (e *dialog) medical(ctx context.Context, t *turn) error {
	t.conv.Medical = true
	t.say("answer.medical", nil)
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil || d.id == 0 {
		return err
	}
	d.flags.Medical, d.marked = true, true
	return e.save(ctx, t, d)
}

// status tells how the conversation's request stands.
func (e *dialog) status(ctx context.Context, t *turn) error {
	if t.conv.PreOrderID == 0 && len(t.conv.Question) > 0 { // the choice is still open
		t.say("choose.pending", msg.Args{"Count": len(t.conv.Question)})
		return nil
	}
	if t.conv.PreOrderID == 0 {
		t.say("status.none", nil)
		return nil
	}
	po, err := e.cfg.PreOrders.PreOrder(ctx, t.conv.PreOrderID)
	if err != nil {
		return err
	}
	lang, loc := t.conv.Language, e.cfg.Planner.Location()
	switch po.Status {
	case bot.StatusReceived, bot.StatusProposed:
		c := composeIn(lang).add("", "status.checking", msg.Args{"When": When(po.PickupAt, loc, lang)})
		addLines(c, po, lang) // "was hab ich alles bestellt?": what is on it
		t.add(c.reply())
	case bot.StatusApproved:
		t.add(ApprovedReply(po, loc, lang))
	case bot.StatusReady:
		t.say("status.ready", msg.Args{"Code": string(po.Code)})
	default:
		t.say("status.is", msg.Args{"Status": po.Status.Text(lang)})
	}
	return nil
}

// answered answers a question the pharmacy's data or the way apobot works
// answers: an e-prescription without app or printout, how to hand in a
// prescription, who may pick up, whether a product needs a prescription,
// what happens when something is not in stock, earlier orders, the next
// delivery, what to bring. False when the text asks none of these.
func (e *dialog) answered(ctx context.Context, t *turn, m nlu.Meaning, text string) bool {
	if e.lx.lacksERxCode(text) {
		t.say("answer.erx_card", nil) // "E-Rezept, aber keine App und kein Ausdruck": the health card
		return true
	}
	if e.asksHandIn(m, text) {
		e.sayPrescription(t) // "Wie kann ich ein Rezept einreichen?"
		return true
	}
	if e.lx.pickupBySomeoneElse(text) {
		t.say("answer.someone_else", nil) // "Kann mein Mann die Bestellung abholen?"
		return true
	}
	if h, ok := m.Hit(nlu.Rx); ok && !h.Negated {
		ps := e.productsAsked(ctx, t, text)
		if len(ps) == 0 { // "Kann man bei euch auch ohne Rezept bestellen?": yes, how
			e.sayHelp(t)
			return true
		}
		sayRx(t, ps) // "Brauche ich für Amoxicillin ein Rezept?": the inventory says
		e.offer(t, text)
		return true
	}
	if e.lx.saysAny("what_if", text) && e.lx.saysAny("stock_ask", text) && !e.namesProduct(text) {
		t.say("answer.order_in", nil) // "Was ist, wenn das Medikament nicht vorrätig ist?"
		return true
	}
	if e.lx.asksLastTime(text) && !e.namesProduct(text) {
		t.say("answer.last_time", nil) // "dasselbe wie letztes Mal": earlier chats are gone
		return true
	}
	if e.lx.saysAny("delivery_ask", text) && e.needsBranch(t) {
		e.askBranch(t, t.msgID)
		return true
	}
	if e.lx.saysAny("delivery_ask", text) {
		if next, err := e.cfg.Planner.NextDelivery(e.now()); err == nil {
			t.say("answer.delivery", msg.Args{"When": When(next, e.cfg.Planner.Location(), t.conv.Language)}) // "Wann kommt die nächste Lieferung?"
			return true
		}
	}
	if e.lx.saysAny("bring_ask", text) {
		t.say("answer.bring", nil) // "Was muss ich zum Abholen mitbringen?"
		return true
	}
	return false
}

package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/bot/triage"
)

// Replies to the customer, built from the message catalogue (bot/msg).
// Every function takes the customer's language ("de" or "en"; anything
// else reads as German).

// compose builds a Reply sentence by sentence.
type compose struct {
	lang string
	r    bot.Reply
}

func composeIn(lang string) *compose { return &compose{lang: lang} }

// add appends a sentence, after sep when the reply is not empty.
func (c *compose) add(sep string, id msg.ID, args msg.Args) *compose {
	if c.r.Text != "" {
		c.r.Text += sep
	}
	c.r.Text += msg.Text(c.lang, id, args)
	c.r.IDs = append(c.r.IDs, id)
	return c
}

func (c *compose) reply() bot.Reply { return c.r }

// sentence is a reply of one catalogue sentence.
func sentence(lang string, id msg.ID, args msg.Args) bot.Reply {
	return composeIn(lang).add("", id, args).reply()
}

// PrivacyNotice is the first reply of a conversation: what is stored, that
// it is deleted when handled, on a messenger that the platform has its
// own rules and the pharmacy's web chat is the alternative, and what the
// channel does not take under policy p (nil: DefaultPolicy).
func PrivacyNotice(lang string, ch bot.Channel, p bot.Policy) bot.Reply {
	c := composeIn(lang).add("", "privacy.notice", nil)
	if ch != bot.ChannelWeb {
		c.add(" ", "privacy.messenger", msg.Args{"Platform": platformNames[ch]})
	}
	if refused := p.Refused(ch); len(refused) > 0 {
		c.add(" ", "privacy.refuses", msg.Args{"Platform": channelName(ch), "What": contentNames(lang, refused)})
	}
	return c.reply()
}

// platformNames name the messengers in the privacy notice, with the
// company whose rules apply.
var platformNames = map[bot.Channel]string{
	bot.ChannelWhatsApp:  "WhatsApp (Meta)",
	bot.ChannelTelegram:  "Telegram",
	bot.ChannelThreema:   "Threema",
	bot.ChannelMessenger: "Facebook Messenger (Meta)",
}

// TriageReply answers a message that says someone needs help now: 112
// first for an emergency, the poison information centre for something
// swallowed (112 when the state has none), then 116 117 and the pharmacy on
// duty, whether the pharmacy is open at now, and, after an emergency or a
// poisoning, that an order can follow.
func TriageReply(f triage.Finding, centre triage.Centre, p *plan.Planner, now time.Time, lang string) bot.Reply {
	c, sep := composeIn(lang), ""
	if f.Danger || f.Poison && centre.Phone == "" {
		c.add(sep, "emergency.call_112", nil)
		sep = " "
	}
	if f.Poison && centre.Phone != "" {
		c.add(sep, "emergency.poison", msg.Args{"Centre": centre.Name, "Phone": centre.Phone})
		sep = " "
	}
	c.add(sep, "emergency.urgent", nil)
	if p.OpenAt(now) {
		c.add(" ", "emergency.open_now", nil)
	} else {
		c.add(" ", "emergency.closed_now", nil)
	}
	if f.Danger || f.Poison { // no order from this message
		c.add(" ", "emergency.order_after", nil)
	}
	return c.reply()
}

// HoursReply tells today's opening hours, or why the pharmacy is closed
// today, and the next opening when it is closed now.
func HoursReply(p *plan.Planner, now time.Time, lang string) bot.Reply {
	spans, closed := p.HoursOn(now)
	c := notHoliday(composeIn(lang), p, now)
	switch {
	case closed != "" && closed != "closed":
		c.add("", "hours.today_holiday", msg.Args{"Holiday": closed})
	case len(spans) == 0:
		c.add("", "hours.today_closed", nil)
	default:
		c.add("", "hours.today", msg.Args{"Spans": spanList(spans, lang)})
	}
	if next, err := p.NextOpen(now); err == nil && !p.OpenAt(now) {
		c.add(" ", "hours.next_open", msg.Args{"When": When(next, nil, lang)})
	}
	return c.reply()
}

// DayHoursReply tells the opening hours of another day than today (a
// customer asked about "morgen" or "Samstag").
func DayHoursReply(p *plan.Planner, day time.Time, lang string) bot.Reply {
	name := msg.Text(lang, "hours.day_name", msg.Args{"Weekday": weekday(day, lang), "Date": date(day, lang)})
	spans, closed := p.HoursOn(day)
	c := notHoliday(composeIn(lang), p, day)
	switch {
	case closed != "" && closed != "closed":
		return c.add(" ", "hours.day_holiday", msg.Args{"Day": name, "Holiday": closed}).reply()
	case len(spans) == 0:
		return c.add(" ", "hours.day_closed", msg.Args{"Day": name}).reply()
	}
	return c.add(" ", "hours.day", msg.Args{"Day": name, "Spans": spanList(spans, lang)}).reply()
}

// notHoliday starts a reply about the day of t, when that day is a public
// holiday of another German state only, by saying that it is none in the
// pharmacy's ("Allerheiligen ist in Sachsen-Anhalt kein gesetzlicher
// Feiertag."): a visitor from Bayern expects it closed.
func notHoliday(c *compose, p *plan.Planner, t time.Time) *compose {
	if h := p.HolidayElsewhere(t); h != "" {
		state := msg.Text(c.lang, msg.ID("state."+strings.ToLower(p.State())), nil)
		c.add("", "hours.not_holiday", msg.Args{"Holiday": h, "State": state})
	}
	return c
}

// spanList writes opening spans: "08:00–13:00 und 14:00–18:30".
func spanList(spans []plan.Span, lang string) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = s.Open.String() + "–" + s.Close.String()
	}
	return msg.List(lang, parts)
}

var weekdayIDs = [...]msg.ID{"weekday.sunday", "weekday.monday", "weekday.tuesday", "weekday.wednesday",
	"weekday.thursday", "weekday.friday", "weekday.saturday"}

// weekday names t's day of the week.
func weekday(t time.Time, lang string) string { return msg.Text(lang, weekdayIDs[t.Weekday()], nil) }

// date writes t's day and month: "30.11." or "30 Nov".
func date(t time.Time, lang string) string {
	return msg.Text(lang, "day.date", msg.Args{"Day": t.Day(), "DD": fmt.Sprintf("%02d", t.Day()),
		"MM": fmt.Sprintf("%02d", int(t.Month())), "Month": msg.Text(lang, msg.ID(fmt.Sprintf("month.m%d", int(t.Month()))), nil)})
}

// At is a time written in the message's language, in loc.
func At(t time.Time, loc *time.Location) msg.Phrase { return atTime{t, loc} }

type atTime struct {
	t   time.Time
	loc *time.Location
}

func (a atTime) Text(lang string) string { return When(a.t, a.loc, lang) }

// When formats a time in the pharmacy's time zone (loc; nil keeps t's):
// "Montag, 30.11., 08:00 Uhr" or "Monday, 30 Nov, 08:00".
func When(t time.Time, loc *time.Location, lang string) string {
	if loc != nil {
		t = t.In(loc)
	}
	return msg.Text(lang, "day.pickup", msg.Args{"Weekday": weekday(t, lang), "Date": date(t, lang), "Time": t.Format("15:04")})
}

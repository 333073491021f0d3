package plan

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rickar/cal/v2"
)

// PlanConfig is what the planner knows about the pharmacy.
type Config struct {
	// Location is the pharmacy's time zone (Europe/Berlin).
	Location *time.Location
	// State is the German state whose public holidays close the pharmacy
	// (ISO 3166-2 code without "DE-": "ST" for Sachsen-Anhalt).
	State string
	// Hours are the opening hours per weekday.
	Hours Week
	// Closed lists further days the pharmacy is closed (holidays of its own).
	Closed []Date
	// Deliveries are the wholesaler's runs.
	Deliveries []Delivery
	// Buffer is the time staff need to put an order together.
	Buffer time.Duration
}

// Delivery is a wholesaler's run on its Days: what is ordered before Cutoff
// arrives at Arrives the same day, or, when Arrives is not after Cutoff, on
// the next day the wholesaler delivers (an overnight run).
type Delivery struct {
	Cutoff, Arrives Clock
	Days            []time.Weekday
}

// Date is a calendar day without a time.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("plan: date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Planner proposes pickup times.
type Planner struct {
	cfg      Config
	holidays *cal.Calendar
	germany  *cal.Calendar // every state's holidays, to name another state's
}

// NewPlanner checks cfg and returns a planner for it.
func New(cfg Config) (*Planner, error) {
	if cfg.Location == nil {
		return nil, errors.New("plan: planner needs a time zone")
	}
	if err := cfg.Hours.validate(); err != nil {
		return nil, err
	}
	if cfg.Buffer < 0 {
		return nil, errors.New("plan: the preparation buffer cannot be negative")
	}
	code, hs, err := stateHolidays(cfg.State)
	if err != nil {
		return nil, err
	}
	cfg.State = code
	c := &cal.Calendar{}
	c.AddHoliday(hs...)
	return &Planner{cfg: cfg, holidays: c, germany: germany()}, nil
}

// PlanItem is what the planner needs of an item.
type Item struct {
	InStock bool
	Rx      bool // prescription only: the customer brings the prescription
}

// Proposal is a proposed pickup.
type Proposal struct {
	PickupAt          time.Time
	BringPrescription bool
}

// horizon bounds every search for an open hour or a delivery.
const horizon = 21 // days

// ErrNoOpening is returned when the pharmacy opens on no day within three
// weeks (opening hours left empty, or everything closed).
var ErrNoOpening = errors.New("plan: the pharmacy does not open within three weeks")

// Plan proposes when items can be picked up when asked at now: items in stock
// after the preparation buffer, the others after the first delivery whose
// cut-off is still ahead, each at the next opening time; the order is ready
// when its last item is.
func (p *Planner) Plan(now time.Time, items []Item) (Proposal, error) {
	var out Proposal
	ready := now
	for _, it := range items {
		out.BringPrescription = out.BringPrescription || it.Rx
		if it.InStock {
			continue
		}
		at, err := p.NextDelivery(now)
		if err != nil {
			return Proposal{}, err
		}
		ready = later(ready, at)
	}
	at, err := p.NextOpen(ready.Add(p.cfg.Buffer))
	if err != nil {
		return Proposal{}, err
	}
	out.PickupAt = at
	return out, nil
}

// NextOpen returns the first time at or after t, rounded up to a quarter
// hour, when the pharmacy is open: not a holiday, not a closed day, within a
// span of the day's opening hours.
func (p *Planner) NextOpen(t time.Time) (time.Time, error) {
	t = ceilQuarter(t.In(p.cfg.Location))
	for day := 0; day < horizon; day++ {
		date := t.AddDate(0, 0, day)
		if p.Closed(date) {
			continue
		}
		for _, s := range p.cfg.Hours[date.Weekday()] {
			open, closes := s.Open.On(date, p.cfg.Location), s.Close.On(date, p.cfg.Location)
			switch {
			case t.Before(open):
				return open, nil
			case t.Before(closes):
				return t, nil
			}
		}
	}
	return time.Time{}, ErrNoOpening
}

// NextDelivery returns when goods ordered at t arrive: the earliest arrival of
// the runs whose cut-off is after t, on days the wholesaler delivers.
func (p *Planner) NextDelivery(t time.Time) (time.Time, error) {
	t = t.In(p.cfg.Location)
	var best time.Time
	for day := 0; day < horizon; day++ {
		date := t.AddDate(0, 0, day)
		for _, d := range p.cfg.Deliveries {
			if !p.delivers(d, date) || !d.Cutoff.On(date, p.cfg.Location).After(t) {
				continue
			}
			at, ok := p.arrival(d, date)
			if ok && (best.IsZero() || at.Before(best)) {
				best = at
			}
		}
		if !best.IsZero() && best.Before(date) {
			break // later days only have later arrivals
		}
	}
	if best.IsZero() {
		return time.Time{}, errors.New("plan: no wholesaler delivery within three weeks")
	}
	return best, nil
}

// arrival is when run d, ordered on date, arrives.
func (p *Planner) arrival(d Delivery, date time.Time) (time.Time, bool) {
	if d.Arrives > d.Cutoff {
		return d.Arrives.On(date, p.cfg.Location), true
	}
	for day := 1; day < horizon; day++ {
		next := date.AddDate(0, 0, day)
		if p.delivers(d, next) {
			return d.Arrives.On(next, p.cfg.Location), true
		}
	}
	return time.Time{}, false
}

// delivers reports whether run d comes on the day of t: one of its days and
// not a public holiday.
func (p *Planner) delivers(d Delivery, t time.Time) bool {
	if !slices.Contains(d.Days, t.Weekday()) {
		return false
	}
	actual, _, _ := p.holidays.IsHoliday(t)
	return !actual
}

// Closed reports whether the pharmacy is closed all day on the day of t: a
// public holiday of its state or a closed day of its own. It does not look at
// the opening hours.
func (p *Planner) Closed(t time.Time) bool {
	t = t.In(p.cfg.Location)
	if actual, _, _ := p.holidays.IsHoliday(t); actual {
		return true
	}
	return slices.Contains(p.cfg.Closed, DateOf(t))
}

// Holiday names the public holiday on the day of t, or "".
func (p *Planner) Holiday(t time.Time) string {
	if actual, _, h := p.holidays.IsHoliday(t.In(p.cfg.Location)); actual {
		return h.Name
	}
	return ""
}

// ceilQuarter rounds t up to the next quarter hour (15-minute steps of the
// local clock; a time on the step stays).
func ceilQuarter(t time.Time) time.Time {
	y, m, d := t.Date()
	mins := t.Hour()*60 + t.Minute()
	if t.Second() > 0 || t.Nanosecond() > 0 {
		mins++
	}
	mins = (mins + 14) / 15 * 15
	return time.Date(y, m, d, 0, mins, 0, 0, t.Location())
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// HoursOn returns the opening spans on the day of t, and why the pharmacy is
// closed all day when it is: the holiday's name, or "closed" for a closed
// day of its own ("" otherwise, also on a day without hours).
func (p *Planner) HoursOn(t time.Time) ([]Span, string) {
	t = t.In(p.cfg.Location)
	if h := p.Holiday(t); h != "" {
		return nil, h
	}
	if slices.Contains(p.cfg.Closed, DateOf(t)) {
		return nil, "closed"
	}
	return p.cfg.Hours[t.Weekday()], ""
}

// OpenAt reports whether the pharmacy is open at t.
func (p *Planner) OpenAt(t time.Time) bool {
	spans, closed := p.HoursOn(t)
	if closed != "" {
		return false
	}
	c := clockOf(t, p.cfg.Location)
	for _, s := range spans {
		if c >= s.Open && c < s.Close {
			return true
		}
	}
	return false
}

// Location returns the pharmacy's time zone.
func (p *Planner) Location() *time.Location { return p.cfg.Location }

// State is the code of the German state the pharmacy is in ("ST"; "DE-ST"
// and "" in the configuration read as "ST").
func (p *Planner) State() string { return p.cfg.State }

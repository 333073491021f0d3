package plan

import (
	"fmt"
	"time"
)

// Clock is a time of day in minutes after midnight, local to the pharmacy.
type Clock int

// ParseClock reads "HH:MM" (00:00 to 24:00).
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' || !digits(s[:2]) || !digits(s[3:]) {
		return 0, fmt.Errorf("plan: time of day %q: want HH:MM", s)
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, fmt.Errorf("plan: time of day %q is out of range", s)
	}
	return Clock(h*60 + m), nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// MustClock is ParseClock for constants; it panics on a bad string.
func MustClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String formats c as "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// On returns c on the day of t, in loc. On a day when clocks change, a time
// the change skips is moved on by the change (02:30 becomes 03:30).
func (c Clock) On(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, int(c)/60, int(c)%60, 0, 0, loc)
}

// clockOf is the time of day of t in loc.
func clockOf(t time.Time, loc *time.Location) Clock {
	l := t.In(loc)
	return Clock(l.Hour()*60 + l.Minute())
}

// Span is an opening period of a day, [Open, Close).
type Span struct {
	Open, Close Clock
}

// Week holds the opening spans of each weekday (time.Sunday = 0), in order;
// a break is the gap between two spans.
type Week [7][]Span

// validate checks that every day's spans are ordered and do not overlap.
func (w Week) validate() error {
	for day, spans := range w {
		last := Clock(-1)
		for _, s := range spans {
			if s.Open >= s.Close || s.Open < last {
				return fmt.Errorf("plan: opening hours of %s: %s-%s is empty or overlaps", time.Weekday(day), s.Open, s.Close)
			}
			last = s.Close
		}
	}
	return nil
}

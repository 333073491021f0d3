package plan

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
)

// stateHolidayLists are the public holidays of each German state, by its
// ISO 3166-2 code (github.com/rickar/cal/v2/de keeps them).
var stateHolidayLists = map[string][]*cal.Holiday{
	"BW": de.HolidaysBW, "BY": de.HolidaysBY, "BE": de.HolidaysBE, "BB": de.HolidaysBB,
	"HB": de.HolidaysHB, "HH": de.HolidaysHH, "HE": de.HolidaysHE, "MV": de.HolidaysMV,
	"NI": de.HolidaysNI, "NW": de.HolidaysNW, "RP": de.HolidaysRP, "SL": de.HolidaysSL,
	"SN": de.HolidaysSN, "ST": de.HolidaysST, "SH": de.HolidaysSH, "TH": de.HolidaysTH,
}

// DefaultState is Sachsen-Anhalt.
const DefaultState = "ST"

// stateHolidays returns a state's code ("ST", also written "DE-ST" or "st")
// and its holidays.
func stateHolidays(state string) (string, []*cal.Holiday, error) {
	code := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(state)), "DE-")
	if code == "" {
		code = DefaultState
	}
	hs, ok := stateHolidayLists[code]
	if !ok {
		codes := make([]string, 0, len(stateHolidayLists))
		for c := range stateHolidayLists {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		return "", nil, fmt.Errorf("plan: unknown state %q for holidays; use one of %s", state, strings.Join(codes, ", "))
	}
	return code, hs, nil
}

// germanHolidays are every state's public holidays, each once, in the same
// order every time.
func germanHolidays() []*cal.Holiday {
	var out []*cal.Holiday
	for _, code := range slices.Sorted(maps.Keys(stateHolidayLists)) {
		for _, h := range stateHolidayLists[code] {
			if !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}

// germany is a calendar of every state's public holidays.
func germany() *cal.Calendar {
	c := &cal.Calendar{}
	c.AddHoliday(germanHolidays()...)
	return c
}

// HolidayNames are the names of every German state's public holidays, as
// the calendar writes them ("Allerheiligen", "Buß- und Bettag").
func HolidayNames() []string {
	var out []string
	for _, h := range germanHolidays() {
		out = append(out, h.Name)
	}
	return out
}

// HolidayElsewhere names the public holiday of another German state on the
// day of t ("Allerheiligen" for Sachsen-Anhalt), or "" when there is none
// or the day is a holiday of the pharmacy's state too.
func (p *Planner) HolidayElsewhere(t time.Time) string {
	t = t.In(p.cfg.Location)
	if p.Holiday(t) != "" {
		return ""
	}
	if actual, _, h := p.germany.IsHoliday(t); actual {
		return h.Name
	}
	return ""
}

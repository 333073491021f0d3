package engine

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/bot/plan"
)

// numericDateRe is a day and month in digits: "24.12.", "1.5", "24.12.2026".
var numericDateRe = regexp.MustCompile(`(?:^|[^\d.,])(\d{1,2})\.(\d{1,2})\.?(?:\d{2,4})?(?:$|[^\d])`)

// dateAsked finds a date a message names: "am 24.12.", "1.5.", "31.
// Oktober", "24th December", "Dec 24", a named day ("Heiligabend") or a
// holiday of the pharmacy's state, by its calendar name or another one
// ("Reformationstag", "Weihnachten", "Easter Monday"). It returns the next
// such day from now, at noon in the pharmacy's time zone.
func (e *dialog) dateAsked(text string, now time.Time) (time.Time, bool) {
	loc := e.cfg.Planner.Location()
	local := now.In(loc)
	today := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)
	if m := numericDateRe.FindStringSubmatch(text); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return nextDate(today, d, mo)
	}
	ws := nlu.Words(text)
	if day, ok := e.nextHoliday(today, true, func(name string) bool { return containsPhrase(ws, nlu.Words(name)) }); ok {
		return day, true // a calendar's own name first: "Mariä Himmelfahrt" before "Himmelfahrt"
	}
	for i, w := range ws {
		if date, holiday, _ := e.lx.Named(ws, i); strings.HasPrefix(date, "easter") {
			off, _ := strconv.Atoi(strings.TrimPrefix(date, "easter"))
			return nextEaster(today, off), true // "Ostersonntag": easter+0
		} else if date != "" {
			d, mo, _ := strings.Cut(date, ".")
			dn, _ := strconv.Atoi(d)
			mn, _ := strconv.Atoi(mo)
			return nextDate(today, dn, mn)
		} else if holiday != "" {
			return e.nextHoliday(today, true, func(name string) bool { return name == holiday })
		}
		if d, ok := e.lx.dayOfMonth(w); ok {
			k := i + 1
			for k < len(ws) && e.lx.In("date_of", ws[k]) { // "1st of January"
				k++
			}
			if k < len(ws) {
				if mo, ok := e.lx.Month(ws[k]); ok {
					return nextDate(today, d, mo)
				}
			}
		}
		if mo, ok := e.lx.Month(w); ok && i+1 < len(ws) {
			if d, ok := e.lx.dayOfMonth(ws[i+1]); ok {
				return nextDate(today, d, mo)
			}
		}
	}
	if m := e.lx.dayOnlyRe.FindStringSubmatch(text); m != nil { // "am 24.": the next 24th
		d, _ := strconv.Atoi(m[1])
		for k := 0; k < 2; k++ {
			if day, ok := nextDate(today, d, int(today.AddDate(0, k, 0).Month())); ok && day.Sub(today) < 62*24*time.Hour {
				return day, true
			}
		}
	}
	return time.Time{}, false
}

// nextEaster is Easter Sunday plus off days, this year's or next year's,
// from today on.
func nextEaster(today time.Time, off int) time.Time {
	for y := today.Year(); ; y++ {
		d := cal.CalcEasterOffset(&cal.Holiday{Offset: off}, y)
		day := time.Date(y, d.Month(), d.Day(), 12, 0, 0, 0, today.Location())
		if !day.Before(today) {
			return day
		}
	}
}

// nextDate is the next day d.m from today on (this year's, or next year's
// once it has passed); false for a date no calendar has.
func nextDate(today time.Time, d, m int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	for y := today.Year(); y <= today.Year()+1; y++ {
		t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, today.Location())
		if t.Day() != d { // 31.4. does not exist; 29.2. only some years
			continue
		}
		if !t.Before(today) {
			return t, true
		}
	}
	return time.Time{}, false
}

// nextHoliday is the first day within a year from today whose public
// holiday name fits: a holiday of the pharmacy's state, or, with elsewhere,
// of any German state ("Allerheiligen" is an ordinary day in
// Sachsen-Anhalt, and its hours are what a visitor from Bayern asks for).
func (e *dialog) nextHoliday(today time.Time, elsewhere bool, fits func(name string) bool) (time.Time, bool) {
	p := e.cfg.Planner
	for day := today; day.Before(today.AddDate(1, 0, 1)); day = day.AddDate(0, 0, 1) {
		if name := p.Holiday(day); name != "" && fits(name) {
			return day, true
		}
		if name := p.HolidayElsewhere(day); elsewhere && name != "" && fits(name) {
			return day, true
		}
	}
	return time.Time{}, false
}

// onlyDay reports a text of day words and words that ask after a day only
// ("und am 2. Weihnachtstag?", "what about Sunday", "Sonnabend bis wann?"):
// fillers, lead and small talk words, [words] day_follow.
func (lx *lexicon) onlyDay(text string) bool {
	ws, spelt := nlu.Words(text), nlu.Spelled(text)
	for i := 0; i < len(ws); {
		if n := lx.dayWords(ws, i); n > 0 {
			i += n
			continue
		}
		if w := spelt[i]; !lx.isFiller(w) && !lx.In("day_follow", w) && !lx.In("holidays_any", w) {
			return false
		}
		i++
	}
	return true
}

// dayWords is how many words from position i name a day or a part of a
// date: a named day or holiday, "morgen", a weekday, a month, a day of the
// month, a next ("nächsten"); 0 for none.
func (lx *lexicon) dayWords(ws []string, i int) int {
	if _, _, n := lx.Named(ws, i); n > 0 {
		return n
	}
	if _, n := lx.Day(ws, i); n > 0 {
		return n
	}
	if _, n := lx.Weekday(ws, i); n > 0 {
		return n
	}
	if _, n := lx.everyWeekday(ws[i]); n > 0 {
		return 1 // "samstags"
	}
	for _, name := range holidayNames {
		if hw := nlu.Words(name); i+len(hw) <= len(ws) && slices.Equal(ws[i:i+len(hw)], hw) {
			return len(hw)
		}
	}
	_, month := lx.Month(ws[i])
	_, day := lx.dayOfMonth(ws[i])
	if month || day || lx.In("next", ws[i]) {
		return 1
	}
	return 0
}

// holidayNames are the calendar names of every German state's holidays.
var holidayNames = plan.HolidayNames()

// everyWeekday is the weekday a word with a suffix of [words]
// weekday_suffixes names ("samstags", "mondays"), as Lexicon.Weekday.
func (lx *lexicon) everyWeekday(w string) (day, n int) {
	for _, suffix := range lx.weekdaySuffixes {
		if head, ok := strings.CutSuffix(w, suffix); ok {
			if day, n = lx.Weekday([]string{head}, 0); n > 0 {
				return day, n
			}
		}
	}
	return 0, 0
}

// dayOfMonth reads "24", "24th", "1st", "2nd", "3rd" ([words]
// ordinal_suffixes) as a day of a month.
func (lx *lexicon) dayOfMonth(w string) (int, bool) {
	for _, suffix := range lx.ordinalSuffixes {
		w = strings.TrimSuffix(w, suffix)
	}
	d, err := strconv.Atoi(w)
	return d, err == nil && d >= 1 && d <= 31
}

// containsPhrase reports whether the words of a phrase stand in ws, in a row.
func containsPhrase(ws, phrase []string) bool {
	for i := 0; len(phrase) > 0 && i+len(phrase) <= len(ws); i++ {
		if strings.Join(ws[i:i+len(phrase)], " ") == strings.Join(phrase, " ") {
			return true
		}
	}
	return false
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Berlin even where the system has no zone files

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/retention"
)

const envConfig = "APOBOT_CONFIG"

// fileConfig is the APOBOT_CONFIG file (JSON). Every field is optional; what
// is left out keeps the demo pharmacy's value (bot.DemoPlanConfig).
type fileConfig struct {
	Pharmacy           string              `json:"pharmacy"`
	TimeZone           string              `json:"time_zone"`
	State              string              `json:"state"`
	Hours              map[string][]string `json:"hours"`
	Closed             []string            `json:"closed"`
	Deliveries         []fileDelivery      `json:"deliveries"`
	PreparationMinutes *int                `json:"preparation_minutes"`
	Retention          *fileRetention      `json:"retention"`
}

// fileRetention are the retention windows and the purge time.
type fileRetention struct {
	AbandonedHours  *int   `json:"abandoned_hours"`
	UndecidedDays   *int   `json:"undecided_days"`
	UncollectedDays *int   `json:"uncollected_days"`
	ClosedDays      *int   `json:"closed_days"`
	PurgeAt         string `json:"purge_at"`
}

type fileDelivery struct {
	OrderBy string   `json:"order_by"`
	Arrives string   `json:"arrives"`
	Days    []string `json:"days"`
}

// weekdays are the day keys of "hours" and "days".
var weekdays = map[string]time.Weekday{"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday}

// pharmacyConfig is what the file configures.
type pharmacyConfig struct {
	Name      string
	Plan      bot.PlanConfig
	Retention retention.Policy
}

// loadPharmacy reads the APOBOT_CONFIG file, or returns the demo pharmacy
// when the variable is empty. Errors name the file and the field.
func loadPharmacy(getenv func(string) string) (pharmacyConfig, error) {
	path := strings.TrimSpace(getenv(envConfig))
	if path == "" {
		return pharmacyFrom(fileConfig{})
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return pharmacyConfig{}, fmt.Errorf("%s: %w", envConfig, err)
	}
	var fc fileConfig
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return pharmacyConfig{}, fmt.Errorf("%s (%s): %w", envConfig, path, err)
	}
	pc, err := pharmacyFrom(fc)
	if err != nil {
		return pharmacyConfig{}, fmt.Errorf("%s (%s): %w", envConfig, path, err)
	}
	return pc, nil
}

// pharmacyFrom applies a file's values over the demo pharmacy and checks
// the result by building a planner from it.
func pharmacyFrom(fc fileConfig) (pharmacyConfig, error) {
	tz := valueOr(fc.TimeZone, "Europe/Berlin")
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return pharmacyConfig{}, fmt.Errorf("time_zone %q: %w", tz, err)
	}
	pc := pharmacyConfig{Name: valueOr(fc.Pharmacy, "Demo-Apotheke Magdeburg"), Plan: bot.DemoPlanConfig(loc)}
	if fc.State != "" {
		pc.Plan.State = fc.State
	}
	var errs []error
	if fc.Hours != nil {
		pc.Plan.Hours, err = parseWeek(fc.Hours)
		errs = append(errs, err)
	}
	if fc.Closed != nil {
		pc.Plan.Closed, err = parseDates(fc.Closed)
		errs = append(errs, err)
	}
	if fc.Deliveries != nil {
		pc.Plan.Deliveries, err = parseDeliveries(fc.Deliveries)
		errs = append(errs, err)
	}
	if fc.PreparationMinutes != nil {
		pc.Plan.Buffer = time.Duration(*fc.PreparationMinutes) * time.Minute
	}
	pc.Retention, err = retentionFrom(fc.Retention, loc)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return pharmacyConfig{}, err
	}
	if _, err := bot.NewPlanner(pc.Plan); err != nil {
		return pharmacyConfig{}, err
	}
	return pc, nil
}

// parseWeek reads {"mon": ["08:00-13:00", "14:00-18:30"], ...}; a day left out
// is closed.
func parseWeek(hours map[string][]string) (bot.Week, error) {
	var w bot.Week
	for key, spans := range hours {
		day, ok := weekdays[strings.ToLower(key)]
		if !ok {
			return w, fmt.Errorf("hours: unknown day %q (use mon, tue, wed, thu, fri, sat, sun)", key)
		}
		for _, s := range spans {
			open, closes, found := strings.Cut(s, "-")
			o, err1 := bot.ParseClock(strings.TrimSpace(open))
			c, err2 := bot.ParseClock(strings.TrimSpace(closes))
			if !found || err1 != nil || err2 != nil {
				return w, fmt.Errorf("hours.%s: %q: want HH:MM-HH:MM", key, s)
			}
			w[day] = append(w[day], bot.Span{Open: o, Close: c})
		}
	}
	return w, nil
}

func parseDates(ss []string) ([]bot.Date, error) {
	out := make([]bot.Date, 0, len(ss))
	for _, s := range ss {
		d, err := bot.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("closed: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}

func parseDeliveries(fds []fileDelivery) ([]bot.Delivery, error) {
	out := make([]bot.Delivery, 0, len(fds))
	for i, fd := range fds {
		cut, err1 := bot.ParseClock(fd.OrderBy)
		arr, err2 := bot.ParseClock(fd.Arrives)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("deliveries[%d]: %w", i, err)
		}
		d := bot.Delivery{Cutoff: cut, Arrives: arr}
		for _, k := range fd.Days {
			day, ok := weekdays[strings.ToLower(k)]
			if !ok {
				return nil, fmt.Errorf("deliveries[%d].days: unknown day %q", i, k)
			}
			d.Days = append(d.Days, day)
		}
		if len(d.Days) == 0 {
			return nil, fmt.Errorf("deliveries[%d].days: name the days the wholesaler comes", i)
		}
		out = append(out, d)
	}
	return out, nil
}

// retentionFrom applies the file's windows over the defaults.
func retentionFrom(fr *fileRetention, loc *time.Location) (retention.Policy, error) {
	p := retention.DefaultPolicy()
	p.Location = loc
	if fr == nil {
		return p, nil
	}
	set := func(d *time.Duration, v *int, unit time.Duration) {
		if v != nil {
			*d = time.Duration(*v) * unit
		}
	}
	set(&p.Abandoned, fr.AbandonedHours, time.Hour)
	set(&p.Undecided, fr.UndecidedDays, 24*time.Hour)
	set(&p.Uncollected, fr.UncollectedDays, 24*time.Hour)
	set(&p.Closed, fr.ClosedDays, 24*time.Hour)
	if fr.PurgeAt != "" {
		c, err := bot.ParseClock(fr.PurgeAt)
		if err != nil {
			return p, fmt.Errorf("retention purge_at %q: want HH:MM", fr.PurgeAt)
		}
		p.AtHour, p.AtMinute = int(c)/60, int(c)%60
	}
	return p, p.Validate()
}

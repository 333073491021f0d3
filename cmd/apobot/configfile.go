package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Berlin even where the system has no zone files

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/internal/service"
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
	Branches           []fileBranch        `json:"branches"`
	// ChannelPolicy is the content each channel takes (channelpolicy.go),
	// WebChatURL where customers are sent with what a channel refuses.
	ChannelPolicy map[string]fileChannelPolicy `json:"channel_policy"`
	WebChatURL    string                       `json:"web_chat_url"`
}

// fileBranch is one branch of a pharmacy with branches (Filialverbund):
// what it leaves out of hours, closed days, deliveries and preparation it
// takes from the pharmacy's.
type fileBranch struct {
	ID                 string              `json:"id"`
	Name               string              `json:"name"`
	Address            string              `json:"address"`
	Words              []string            `json:"words"`
	Hours              map[string][]string `json:"hours"`
	Closed             []string            `json:"closed"`
	Deliveries         []fileDelivery      `json:"deliveries"`
	PreparationMinutes *int                `json:"preparation_minutes"`
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
	Plan      plan.Config
	Retention retention.Policy
	Branches  []service.BranchConfig // none, or two and more
	Policy    bot.Policy             // nil: bot.DefaultPolicy
	WebChat   string                 // web_chat_url, "" when not given
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
	pc := pharmacyConfig{Name: valueOr(fc.Pharmacy, "Demo-Apotheke Magdeburg"), Plan: plan.Demo(loc)}
	if fc.State != "" {
		pc.Plan.State = fc.State
	}
	var errs []error
	errs = append(errs, applyPlan(&pc.Plan, fc.Hours, fc.Closed, fc.Deliveries, fc.PreparationMinutes))
	pc.Retention, err = retentionFrom(fc.Retention, loc)
	errs = append(errs, err)
	if pc.Branches, err = branchesFrom(fc.Branches, pc.Plan); err != nil {
		errs = append(errs, err)
	}
	pc.Policy, err = policyFrom(fc.ChannelPolicy)
	errs = append(errs, err)
	pc.WebChat, err = webChatURL(fc.WebChatURL)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return pharmacyConfig{}, err
	}
	if _, err := plan.New(pc.Plan); err != nil {
		return pharmacyConfig{}, err
	}
	if len(pc.Branches) > 0 {
		pc.Plan = pc.Branches[0].Plan // the first branch is where a pharmacy-wide answer comes from
	}
	return pc, nil
}

// applyPlan sets what a file gives of hours, closed days, deliveries and
// preparation over p.
func applyPlan(p *plan.Config, hours map[string][]string, closed []string, deliveries []fileDelivery, prep *int) error {
	var errs []error
	var err error
	if hours != nil {
		p.Hours, err = parseWeek(hours)
		errs = append(errs, err)
	}
	if closed != nil {
		p.Closed, err = parseDates(closed)
		errs = append(errs, err)
	}
	if deliveries != nil {
		p.Deliveries, err = parseDeliveries(deliveries)
		errs = append(errs, err)
	}
	if prep != nil {
		p.Buffer = time.Duration(*prep) * time.Minute
	}
	return errors.Join(errs...)
}

// branchID is how a branch is named in the database and on the command line.
var branchID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// branchesFrom reads the branches over the pharmacy's plan: none, or two
// and more with distinct ids and words.
func branchesFrom(fbs []fileBranch, base plan.Config) ([]service.BranchConfig, error) {
	switch len(fbs) {
	case 0:
		return nil, nil
	case 1:
		return nil, errors.New("branches: list two or more branches, or leave the list out for a pharmacy without branches")
	}
	var out []service.BranchConfig
	var errs []error
	ids, words := map[string]bool{}, map[string]string{}
	for i, fb := range fbs {
		where := fmt.Sprintf("branches[%d]", i)
		if !branchID.MatchString(fb.ID) || ids[fb.ID] {
			errs = append(errs, fmt.Errorf("%s.id %q: want a new id of small letters, digits and -, such as hasselbachplatz", where, fb.ID))
		}
		ids[fb.ID] = true
		if strings.TrimSpace(fb.Name) == "" || strings.TrimSpace(fb.Address) == "" {
			errs = append(errs, fmt.Errorf("%s: name and address are needed (customers are told them)", where))
		}
		if len(fb.Words) == 0 {
			fb.Words = []string{fb.Name}
		}
		for _, w := range fb.Words {
			key := strings.ToLower(strings.TrimSpace(w))
			if other, ok := words[key]; ok || key == "" {
				errs = append(errs, fmt.Errorf("%s.words %q: already names %s", where, w, other))
			}
			words[key] = fb.ID
		}
		pc := base
		if err := applyPlan(&pc, fb.Hours, fb.Closed, fb.Deliveries, fb.PreparationMinutes); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		} else if _, err := plan.New(pc); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
		out = append(out, service.BranchConfig{ID: fb.ID, Name: fb.Name, Address: fb.Address, Words: fb.Words, Plan: pc})
	}
	return out, errors.Join(errs...)
}

// parseWeek reads {"mon": ["08:00-13:00", "14:00-18:30"], ...}; a day left out
// is closed.
func parseWeek(hours map[string][]string) (plan.Week, error) {
	var w plan.Week
	for key, spans := range hours {
		day, ok := weekdays[strings.ToLower(key)]
		if !ok {
			return w, fmt.Errorf("hours: unknown day %q (use mon, tue, wed, thu, fri, sat, sun)", key)
		}
		for _, s := range spans {
			open, closes, found := strings.Cut(s, "-")
			o, err1 := plan.ParseClock(strings.TrimSpace(open))
			c, err2 := plan.ParseClock(strings.TrimSpace(closes))
			if !found || err1 != nil || err2 != nil {
				return w, fmt.Errorf("hours.%s: %q: want HH:MM-HH:MM", key, s)
			}
			w[day] = append(w[day], plan.Span{Open: o, Close: c})
		}
	}
	return w, nil
}

func parseDates(ss []string) ([]plan.Date, error) {
	out := make([]plan.Date, 0, len(ss))
	for _, s := range ss {
		d, err := plan.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("closed: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}

func parseDeliveries(fds []fileDelivery) ([]plan.Delivery, error) {
	out := make([]plan.Delivery, 0, len(fds))
	for i, fd := range fds {
		cut, err1 := plan.ParseClock(fd.OrderBy)
		arr, err2 := plan.ParseClock(fd.Arrives)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("deliveries[%d]: %w", i, err)
		}
		d := plan.Delivery{Cutoff: cut, Arrives: arr}
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
		c, err := plan.ParseClock(fr.PurgeAt)
		if err != nil {
			return p, fmt.Errorf("retention purge_at %q: want HH:MM", fr.PurgeAt)
		}
		p.AtHour, p.AtMinute = int(c)/60, int(c)%60
	}
	return p, p.Validate()
}

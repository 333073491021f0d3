package plan

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // the tests need Europe/Berlin on any machine
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func demoPlanner(t *testing.T) *Planner {
	t.Helper()
	p, err := New(Demo(berlin(t)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// at parses a local Berlin time "2006-01-02 15:04".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, berlin(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var (
	inStock = []Item{{InStock: true}}
	toOrder = []Item{{InStock: false}}
)

func TestPlan(t *testing.T) {
	p := demoPlanner(t)
	for _, c := range []struct {
		name  string
		now   string
		items []Item
		want  string
	}{
		{"in stock, open", "2026-12-01 10:07", inStock, "2026-12-01 10:45"},
		{"in stock, on a quarter", "2026-12-01 10:00", inStock, "2026-12-01 10:30"},
		{"into the lunch break", "2026-12-01 12:40", inStock, "2026-12-01 14:00"},
		{"just before closing", "2026-12-01 18:10", inStock, "2026-12-02 08:00"},
		{"three quarters before closing", "2026-12-01 17:44", inStock, "2026-12-01 18:15"},
		{"ready at closing time is too late", "2026-12-01 17:59", inStock, "2026-12-02 08:00"},
		{"after closing", "2026-12-01 19:00", inStock, "2026-12-02 08:00"},
		{"before opening", "2026-12-01 06:10", inStock, "2026-12-01 08:00"},
		{"Saturday morning", "2026-12-05 09:00", inStock, "2026-12-05 09:30"},
		{"Saturday afternoon", "2026-12-05 13:00", inStock, "2026-12-07 08:00"},
		{"Sunday", "2026-12-06 10:00", inStock, "2026-12-07 08:00"},
		{"day run cut-off made", "2026-12-01 10:29", toOrder, "2026-12-01 14:00"},
		{"day run cut-off missed by a minute", "2026-12-01 10:31", toOrder, "2026-12-02 08:00"},
		{"day run cut-off, exactly", "2026-12-01 10:30", toOrder, "2026-12-02 08:00"},
		{"night run cut-off missed by a minute", "2026-12-01 18:01", toOrder, "2026-12-02 14:00"},
		{"Friday evening order", "2026-12-04 18:01", toOrder, "2026-12-07 08:00"},
		{"Saturday order, night run", "2026-12-05 11:00", toOrder, "2026-12-07 08:00"},
		{"one item to order decides", "2026-12-01 11:00", []Item{{InStock: true}, {InStock: false}}, "2026-12-02 08:00"},
		{"Fronleichnam is no holiday in ST", "2026-06-04 09:00", inStock, "2026-06-04 09:30"},
		{"Christmas Eve is a working day", "2026-12-24 09:00", inStock, "2026-12-24 09:30"},
		{"order after the night run before Christmas", "2026-12-24 18:30", toOrder, "2026-12-28 14:00"},
		{"order before the night run before Christmas", "2026-12-23 17:00", toOrder, "2026-12-24 08:00"},
		{"order before Easter", "2026-04-02 12:00", toOrder, "2026-04-04 08:30"},
		{"DST spring weekend, in stock", "2026-03-28 12:20", inStock, "2026-03-30 08:00"},
		{"DST spring weekend, to order", "2026-03-28 15:00", toOrder, "2026-03-30 08:00"},
		{"DST autumn weekend, in stock", "2026-10-24 12:10", inStock, "2026-10-26 08:00"},
		{"DST autumn night", "2026-10-25 02:30", inStock, "2026-10-26 08:00"},
		{"DST autumn weekend, to order", "2026-10-24 11:00", toOrder, "2026-10-26 08:00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := p.Plan(at(t, c.now), c.items)
			if err != nil {
				t.Fatal(err)
			}
			if want := at(t, c.want); !got.PickupAt.Equal(want) {
				t.Fatalf("pickup %s, want %s", got.PickupAt.Format(time.RFC3339), want.Format(time.RFC3339))
			}
		})
	}
}

// TestPlanHolidaysSachsenAnhalt asks at 09:00 on every public holiday of
// Sachsen-Anhalt in 2026 and 2027 and wants the next opening after it.
func TestPlanHolidaysSachsenAnhalt(t *testing.T) {
	p := demoPlanner(t)
	for _, c := range []struct{ day, name, next string }{
		{"2026-01-01", "Neujahr", "2026-01-02 08:00"},
		{"2026-01-06", "Heilige Drei Könige", "2026-01-07 08:00"},
		{"2026-04-03", "Karfreitag", "2026-04-04 08:30"},
		{"2026-04-06", "Ostermontag", "2026-04-07 08:00"},
		{"2026-05-01", "Tag der Arbeit", "2026-05-02 08:30"},
		{"2026-05-14", "Christi Himmelfahrt", "2026-05-15 08:00"},
		{"2026-05-25", "Pfingstmontag", "2026-05-26 08:00"},
		{"2026-10-03", "Tag der Deutschen Einheit", "2026-10-05 08:00"},
		{"2026-10-31", "Reformationstag", "2026-11-02 08:00"},
		{"2026-12-25", "1. Weihnachtstag", "2026-12-28 08:00"},
		{"2026-12-26", "2. Weihnachtstag", "2026-12-28 08:00"},
		{"2027-01-01", "Neujahr", "2027-01-02 08:30"},
		{"2027-01-06", "Heilige Drei Könige", "2027-01-07 08:00"},
		{"2027-03-26", "Karfreitag", "2027-03-27 08:30"},
		{"2027-03-29", "Ostermontag", "2027-03-30 08:00"},
		{"2027-05-01", "Tag der Arbeit", "2027-05-03 08:00"},
		{"2027-05-06", "Christi Himmelfahrt", "2027-05-07 08:00"},
		{"2027-05-17", "Pfingstmontag", "2027-05-18 08:00"},
		{"2027-10-03", "Tag der Deutschen Einheit", "2027-10-04 08:00"},
		{"2027-10-31", "Reformationstag", "2027-11-01 08:00"},
		{"2027-12-25", "1. Weihnachtstag", "2027-12-27 08:00"},
		{"2027-12-26", "2. Weihnachtstag", "2027-12-27 08:00"},
	} {
		t.Run(c.day+" "+c.name, func(t *testing.T) {
			now := at(t, c.day+" 09:00")
			if !p.Closed(now) || p.Holiday(now) == "" {
				t.Fatalf("%s not a holiday (name %q)", c.day, p.Holiday(now))
			}
			got, err := p.Plan(now, inStock)
			if err != nil {
				t.Fatal(err)
			}
			if want := at(t, c.next); !got.PickupAt.Equal(want) {
				t.Fatalf("pickup %s, want %s", got.PickupAt.Format(time.RFC3339), want.Format(time.RFC3339))
			}
		})
	}
}

// TestHolidayVectors checks the DOMAIN.md dates of the moving holidays.
func TestHolidayVectors(t *testing.T) {
	p := demoPlanner(t)
	for _, day := range []string{"2025-04-18", "2025-05-29", "2025-06-09"} {
		if !p.Closed(at(t, day+" 12:00")) {
			t.Errorf("%s is not a holiday", day)
		}
	}
	if p.Closed(at(t, "2025-06-19 12:00")) {
		t.Error("Fronleichnam 2025 closes the pharmacy; it is no holiday in Sachsen-Anhalt")
	}
}

func TestPlanOtherState(t *testing.T) {
	cfg := Demo(berlin(t))
	cfg.State = "DE-BY"
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Closed(at(t, "2026-06-04 09:00")) {
		t.Fatal("Fronleichnam is a holiday in Bayern")
	}
	if p.Closed(at(t, "2026-10-31 09:00")) {
		t.Fatal("Reformationstag is no holiday in Bayern")
	}
}

func TestPlanFlagsPrescription(t *testing.T) {
	p := demoPlanner(t)
	got, err := p.Plan(at(t, "2026-12-01 10:00"), []Item{{InStock: true}, {InStock: true, Rx: true}})
	if err != nil || !got.BringPrescription {
		t.Fatalf("BringPrescription = %v (err %v), want true", got.BringPrescription, err)
	}
	got, _ = p.Plan(at(t, "2026-12-01 10:00"), inStock)
	if got.BringPrescription {
		t.Fatal("BringPrescription for an OTC item")
	}
}

func TestPlanClosedDay(t *testing.T) {
	cfg := Demo(berlin(t))
	cfg.Closed = []Date{{2026, time.December, 2}}
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Plan(at(t, "2026-12-01 19:00"), inStock)
	if err != nil {
		t.Fatal(err)
	}
	if want := at(t, "2026-12-03 08:00"); !got.PickupAt.Equal(want) {
		t.Fatalf("pickup %s, want %s", got.PickupAt, want)
	}
}

func TestPlannerRefusesBadConfig(t *testing.T) {
	loc := berlin(t)
	for name, mod := range map[string]func(*Config){
		"no zone":       func(c *Config) { c.Location = nil },
		"unknown state": func(c *Config) { c.State = "XX" },
		"negative prep": func(c *Config) { c.Buffer = -time.Minute },
		"overlap":       func(c *Config) { c.Hours[time.Monday] = []Span{{600, 700}, {650, 800}} },
		"empty span":    func(c *Config) { c.Hours[time.Monday] = []Span{{600, 600}} },
	} {
		cfg := Demo(loc)
		mod(&cfg)
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: NewPlanner accepted it", name)
		}
	}
}

func TestPlanNeverOpen(t *testing.T) {
	cfg := Demo(berlin(t))
	cfg.Hours = Week{}
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Plan(at(t, "2026-12-01 10:00"), inStock); !errors.Is(err, ErrNoOpening) {
		t.Fatalf("err = %v, want ErrNoOpening", err)
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]Clock{"00:00": 0, "08:30": 510, "24:00": 1440} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"8:30", "25:00", "24:01", "12:60", "ab:cd", "", "12:3x"} {
		if _, err := ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
}

// BenchmarkPlan plans a pre-order with one item to order, asked on a Friday
// evening before a holiday weekend (the longest search of the demo week).
func BenchmarkPlan(b *testing.B) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	p, err := New(Demo(loc))
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 12, 24, 18, 30, 0, 0, loc)
	items := []Item{{InStock: true}, {InStock: false, Rx: true}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Plan(now, items); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHolidayElsewhere names another state's holiday on a day the
// pharmacy's state keeps as an ordinary one, and nothing on its own
// holidays or ordinary days.
func TestHolidayElsewhere(t *testing.T) {
	p := demoPlanner(t)
	for day, want := range map[string]string{
		"2027-11-01": "Allerheiligen",   // Bayern, NRW, …
		"2027-05-27": "Fronleichnam",    // Bayern, …
		"2027-11-17": "Buß- und Bettag", // Sachsen
		"2027-03-08": "Frauentag",       // Berlin
		"2027-10-31": "",                // Reformationstag: Sachsen-Anhalt's own
		"2027-11-02": "",
	} {
		if got := p.HolidayElsewhere(at(t, day+" 12:00")); got != want {
			t.Errorf("HolidayElsewhere(%s) = %q, want %q", day, got, want)
		}
	}
	if p.State() != "ST" {
		t.Errorf("State() = %q, want ST", p.State())
	}
}

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/plan"
)

func TestLoadPharmacyDefaults(t *testing.T) {
	pc, err := loadPharmacy(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if pc.Plan.State != "ST" || pc.Plan.Location.String() != "Europe/Berlin" || len(pc.Plan.Deliveries) != 2 {
		t.Fatalf("defaults %+v", pc.Plan)
	}
}

func TestLoadPharmacyFile(t *testing.T) {
	path := writeFile(t, "apobot.json", `{
		"pharmacy": "Apotheke am Hasselbachplatz",
		"state": "BY",
		"hours": {"mon": ["09:00-12:00", "15:00-18:00"], "tue": ["09:00-18:00"]},
		"closed": ["2026-12-08"],
		"deliveries": [{"order_by": "12:00", "arrives": "16:00", "days": ["mon", "tue"]}],
		"preparation_minutes": 15
	}`)
	pc, err := loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] })
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.New(pc.Plan)
	if err != nil {
		t.Fatal(err)
	}
	loc := pc.Plan.Location
	now := time.Date(2026, 12, 7, 11, 50, 0, 0, loc) // a Monday
	got, err := p.Plan(now, []plan.Item{{InStock: true}})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 7, 15, 0, 0, 0, loc); !got.PickupAt.Equal(want) {
		t.Fatalf("in stock: %s, want %s (after the break)", got.PickupAt, want)
	}
	got, _ = p.Plan(now, []plan.Item{{InStock: false}})
	if want := time.Date(2026, 12, 7, 16, 15, 0, 0, loc); !got.PickupAt.Equal(want) {
		t.Fatalf("to order: %s, want %s", got.PickupAt, want)
	}
	if !p.Closed(time.Date(2026, 12, 8, 10, 0, 0, 0, loc)) || pc.Name != "Apotheke am Hasselbachplatz" {
		t.Fatalf("closed day or name not taken: %q", pc.Name)
	}
}

func TestLoadPharmacyRefusesBadFiles(t *testing.T) {
	for name, c := range map[string]struct{ body, want string }{
		"unknown field": {`{"opening": {}}`, "unknown field"},
		"bad json":      {`{"state": "ST"`, "unexpected EOF"},
		"bad day":       {`{"hours": {"mo": ["09:00-12:00"]}}`, `unknown day "mo"`},
		"bad span":      {`{"hours": {"mon": ["9-12"]}}`, "want HH:MM-HH:MM"},
		"overlap":       {`{"hours": {"mon": ["09:00-12:00", "11:00-13:00"]}}`, "overlaps"},
		"bad state":     {`{"state": "Sachsen"}`, "unknown state"},
		"bad date":      {`{"closed": ["24.12.2026"]}`, "YYYY-MM-DD"},
		"delivery days": {`{"deliveries": [{"order_by": "10:00", "arrives": "14:00"}]}`, "deliveries[0].days"},
		"bad zone":      {`{"time_zone": "Mars/Olympus"}`, "time_zone"},
	} {
		path := writeFile(t, "apobot.json", c.body)
		_, err := loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] })
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), envConfig) {
			t.Errorf("%s: err %v, want it to name %s and say %q", name, err, envConfig, c.want)
		}
	}
}

// TestExampleConfigLoads keeps the example file the docs name valid.
func TestExampleConfigLoads(t *testing.T) {
	path := "../../testdata/apobot.example.json"
	if _, err := loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] }); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRetention(t *testing.T) {
	path := writeFile(t, "apobot.json", `{"retention": {"abandoned_hours": 24, "closed_days": 30, "purge_at": "02:15"}}`)
	pc, err := loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] })
	if err != nil {
		t.Fatal(err)
	}
	r := pc.Retention
	if r.Abandoned != 24*time.Hour || r.Closed != 30*24*time.Hour || r.Undecided != 7*24*time.Hour || r.AtHour != 2 || r.AtMinute != 15 {
		t.Fatalf("retention %+v", r)
	}
	for body, want := range map[string]string{
		`{"retention": {"abandoned_hours": 0}}`: "abandoned",
		`{"retention": {"purge_at": "25:00"}}`:  "purge_at",
		`{"retention": {"keep_forever": true}}`: "keep_forever",
	} {
		path := writeFile(t, "bad.json", body)
		if _, err := loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] }); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to name %s", body, err, want)
		}
	}
}

func TestPurgeCommand(t *testing.T) {
	setUpData(t, t.TempDir())
	code, out, errs := runArgs(t, "purge", "--dry-run")
	if code != exitOK || !strings.Contains(out, "dry run, nothing deleted") || !strings.Contains(out, "0 Chats") {
		t.Fatalf("purge --dry-run: %d %q %q", code, out, errs)
	}
	if code, out, _ := runArgs(t, "purge"); code != exitOK || strings.Contains(out, "dry run") {
		t.Fatalf("purge: %d %q", code, out)
	}
	if code, _, _ := runArgs(t, "purge", "now"); code != exitUsage {
		t.Fatalf("purge with an argument: %d", code)
	}
}

// TestBranchesConfig loads the four-branch example: each branch takes the
// pharmacy's hours unless it has its own; a bad list is refused naming the
// branch and what is wrong.
func TestBranchesConfig(t *testing.T) {
	load := func(path string) (pharmacyConfig, error) {
		return loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] })
	}
	pc, err := load("../../testdata/apobot.branches.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.Branches) != 4 || pc.Branches[1].ID != "hasselbachplatz" || pc.Branches[1].Address == "" {
		t.Fatalf("branches %+v", pc.Branches)
	}
	if mon := pc.Branches[1].Plan.Hours[time.Monday]; len(mon) != 1 {
		t.Fatalf("Hasselbachplatz's Monday %v, want its own single span", mon)
	}
	if mon := pc.Branches[2].Plan.Hours[time.Monday]; len(mon) != 2 {
		t.Fatalf("Sudenburg's Monday %v, want the pharmacy's two spans", mon)
	}
	if len(pc.Branches[3].Plan.Closed) != 1 || len(pc.Branches[0].Plan.Closed) != 0 {
		t.Fatalf("closed days: Stadtfeld %v, Alter Markt %v", pc.Branches[3].Plan.Closed, pc.Branches[0].Plan.Closed)
	}
	a := `{"id": "a", "name": "A", "address": "Weg 1"}`
	for body, want := range map[string]string{
		`{"branches": [` + a + `]}`:                                                                      "two or more",
		`{"branches": [` + a + `, ` + a + `]}`:                                                           "branches[1].id",
		`{"branches": [` + a + `, {"id": "B", "name": "B", "address": "Weg 2"}]}`:                        "branches[1].id",
		`{"branches": [` + a + `, {"id": "b", "name": "B"}]}`:                                            "address",
		`{"branches": [` + a + `, {"id": "b", "name": "B", "address": "W", "words": ["a"]}]}`:            "already names a",
		`{"branches": [` + a + `, {"id": "b", "name": "B", "address": "W", "hours": {"mon": ["8-9"]}}]}`: "branches[1]",
	} {
		if _, err := load(writeFile(t, "bad.json", body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want it to say %q", body, err, want)
		}
	}
}

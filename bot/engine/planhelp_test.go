package engine

import (
	"testing"
	"time"

	"github.com/apobot/apobot/bot/plan"
)

// demoPlanner is the demo pharmacy's planner, in Berlin time.
func demoPlanner(t *testing.T) *plan.Planner {
	t.Helper()
	p, err := plan.New(plan.Demo(berlinTime(t)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// at parses a local Berlin time "2006-01-02 15:04".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, berlinTime(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func berlinTime(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

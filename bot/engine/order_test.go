package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
)

func TestItemLabel(t *testing.T) {
	for _, tc := range []struct {
		it   bot.Item
		lang string
		want string
	}{
		{bot.Item{Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 20}, "de", "Ibuprofen AL 400 mg, 20 St."},
		{bot.Item{Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 20}, "en", "Ibuprofen AL 400 mg, 20 pcs"},
		{bot.Item{Name: "Voltaren Schmerzgel", Strength: "23,2 mg/g", Form: "Gel", Count: 120}, "de", "Voltaren Schmerzgel 23,2 mg/g, 120 g"},
		{bot.Item{Name: "Nasenspray AL", Strength: "0,1 %", Form: "Nasenspray", Count: 10}, "de", "Nasenspray AL 0,1 %, 10 ml"},
		{bot.Item{Name: "Hustensaft", Form: "Saft", Count: 100}, "en", "Hustensaft, 100 ml"},
		{bot.Item{PZN: "01234562"}, "de", "PZN 01234562"},
	} {
		if got := tc.it.Label(tc.lang); got != tc.want {
			t.Errorf("Label(%s) = %q, want %q", tc.lang, got, tc.want)
		}
	}
}

func TestSummary(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	po := bot.PreOrder{Items: []bot.Item{
		{PZN: "01234562", Name: "Ibuprofen AL", Strength: "400 mg", Count: 20, Quantity: 2, Reserved: 2},
		{PZN: "03752864", Name: "Metformin STADA", Quantity: 1, Rx: true},
	}, PickupAt: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC), BringPrescription: true}
	de := Summary(po, berlin, "de", true).Text
	for _, want := range []string{"2× Ibuprofen AL 400 mg, 20 St. – vorrätig", "1× Metformin STADA – wird bestellt",
		"Abholung möglich ab Dienstag, 01.12., 15:00 Uhr", "Rezept mit"} {
		if !strings.Contains(de, want) {
			t.Errorf("German summary lacks %q:\n%s", want, de)
		}
	}
	en := Summary(po, berlin, "en", true).Text
	for _, want := range []string{"in stock", "to be ordered", "Tuesday, 1 Dec, 15:00", "bring the prescription"} {
		if !strings.Contains(en, want) {
			t.Errorf("English summary lacks %q:\n%s", want, en)
		}
	}
}

package engine_test

import (
	"strings"
	"testing"
)

// TestDaysAskedAboutThePharmacy plays day questions in a fresh chat each:
// a holiday of another state is an ordinary day in Sachsen-Anhalt, said so
// in either language; a day named beside another subject (the weather,
// the rubbish collection, a match) gets no opening hours; a day alone
// after an hours question does.
func TestDaysAskedAboutThePharmacy(t *testing.T) {
	for _, tc := range []struct {
		say       []string
		want, not string
	}{
		{[]string{"habt ihr an allerheiligen auf?"}, "Allerheiligen ist in Sachsen-Anhalt kein gesetzlicher Feiertag. Am Montag, 01.11., haben wir", ""},
		{[]string{"is the pharmacy open on corpus christi?"}, "Fronleichnam is not a public holiday in Saxony-Anhalt.", ""},
		{[]string{"habt ihr am 1. mai auf?", "ok und buß- und bettag?"}, "Buß- und Bettag ist in Sachsen-Anhalt kein gesetzlicher Feiertag", ""},
		{[]string{"an mariä himmelfahrt offen?"}, "Mariä Himmelfahrt ist in Sachsen-Anhalt", "Christi"},
		{[]string{"reformationstag offen?"}, "Feiertag (Reformationstag)", "kein gesetzlicher"},
		{[]string{"wie wird das wetter am samstag"}, "", "geöffnet"},
		{[]string{"kommt die müllabfuhr am freitag?"}, "", "geöffnet"},
		{[]string{"what's the weather like on saturday"}, "", "open"},
		{[]string{"wann habt ihr heute offen?", "und am samstag?"}, "Am Samstag, 05.12., haben wir 08:30–12:30 Uhr geöffnet.", ""},
		{[]string{"kann ich freitag nachmittag vorbeikommen?"}, "Am Freitag", ""},
	} {
		t.Run(tc.say[len(tc.say)-1], func(t *testing.T) {
			c := newChat(t)
			var got string
			for _, s := range tc.say {
				got = strings.Join(c.say(s), "\n")
			}
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("answered\n%s\nwant %q in it", got, tc.want)
			}
			if tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("answered\n%s\nwhich must not hold %q", got, tc.not)
			}
		})
	}
}

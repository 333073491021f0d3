package engine

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/bot/triage"
)

func TestClassify(t *testing.T) {
	lx := testLexicon(t)
	for text, want := range map[string]Intent{
		"löschen":                                IntentDelete,
		"Bitte alles LOESCHEN":                   IntentDelete,
		"delete":                                 IntentDelete,
		"Ich möchte stornieren":                  IntentCancel,
		"Wann habt ihr offen?":                   IntentHours,
		"Öffnungszeiten?":                        IntentHours,
		"are you open on saturday":               IntentHours,
		"Notdienst?":                             IntentEmergency,
		"Welche Nebenwirkungen hat Ibuprofen?":   IntentMedical,
		"Darf ich das nehmen, ich bin schwanger": IntentMedical,
		"can I take it with alcohol":             IntentMedical,
		"Ibuprofen 400 20 Stück":                 IntentNone,
		"PZN 01234562":                           IntentNone,
		"Darf ich 2 Packungen bestellen?":        IntentNone,
		"Kann ich das mit Alkohol nehmen?":       IntentMedical,
		"Kann ich das Kindern geben?":            IntentMedical,
		"Soll ich zwei auf einmal nehmen?":       IntentMedical,
		"should I use it twice a day":            IntentMedical,
		"Kann ich das morgen abholen?":           IntentStatus, // when, not how to take it
		"Ich nehme 2 Packungen":                  IntentNone,
		"Was kostet das?":                        IntentPrice,
		"how much is it":                         IntentPrice,
		// Whole words only, and only the bare command erases.
		"bitte nicht löschen, ich brauche Ibu": IntentNone,
		"könnt ihr das später löschen":         IntentNone,
		"Schwangerschaftstest":                 IntentNone,
		"Alkoholtupfer 100 Stück":              IntentNone,
		"Allergie-Nasenspray":                  IntentNone,
		"a bottle opener":                      IntentNone,
		"nicht stornieren":                     IntentNone,
		"brauche ich nicht mehr":               IntentCancel,
	} {
		if got := lx.Classify(text); got != want {
			t.Errorf("Classify(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestLanguage(t *testing.T) {
	lx := testLexicon(t)
	for text, want := range map[string]string{
		"Ich brauche Ibuprofen bitte": "de", "I need ibuprofen please": "en", "Ibuprofen 400": "de",
		"Hello, do you have Paracetamol?": "en", "Hallo, habt ihr Paracetamol?": "de",
		"Ibuprofen AL 400 20 Stück": "de", "Ibuprofen 400 20 pcs please": "en",
	} {
		if got := lx.Language(text); got != want {
			t.Errorf("Language(%q) = %s, want %s", text, got, want)
		}
	}
}

func TestHoursReply(t *testing.T) {
	p := demoPlanner(t)
	for _, c := range []struct{ now, lang, want string }{
		{"2026-12-01 10:00", "de", "Heute haben wir 08:00–13:00 und 14:00–18:30 Uhr geöffnet."},
		{"2026-12-01 13:20", "de", "Wieder geöffnet: Dienstag, 01.12., 14:00 Uhr."},
		{"2026-12-05 15:00", "en", "Open again: Monday, 7 Dec, 08:00."},
		{"2026-12-06 11:00", "de", "Heute haben wir geschlossen. Wieder geöffnet: Montag, 07.12., 08:00 Uhr."},
		{"2026-12-25 11:00", "de", "Heute ist Feiertag (Weihnachtstag): Wir haben geschlossen. Wieder geöffnet: Montag, 28.12., 08:00 Uhr."},
		{"2026-10-31 11:00", "en", "public holiday (Reformationstag): we are closed. Open again: Monday, 2 Nov, 08:00."},
	} {
		got := HoursReply(p, at(t, c.now), c.lang).Text
		if !strings.Contains(got, c.want) {
			t.Errorf("%s (%s): %q, want it to contain %q", c.now, c.lang, got, c.want)
		}
	}
}

func TestPrivacyNoticeNamesTheWebChatOnMessengers(t *testing.T) {
	if r := PrivacyNotice("de", bot.ChannelWhatsApp, nil); !slices.Equal(r.IDs, []msg.ID{"privacy.notice", "privacy.messenger", "privacy.refuses"}) ||
		!strings.Contains(r.Text, "Web-Chat") || !strings.Contains(r.Text, "löschen") {
		t.Errorf("WhatsApp notice: %v %q", r.IDs, r.Text)
	}
	for ch, name := range map[bot.Channel]string{bot.ChannelThreema: "Threema", bot.ChannelMessenger: "Facebook Messenger (Meta)", bot.ChannelTelegram: "Telegram"} {
		if r := PrivacyNotice("en", ch, nil); !strings.Contains(r.Text, name+" has its own privacy rules") || !strings.Contains(r.Text, "web chat") {
			t.Errorf("%s notice: %q", ch, r.Text)
		}
	}
	if r := PrivacyNotice("en", bot.ChannelWeb, nil); !slices.Equal(r.IDs, []msg.ID{"privacy.notice"}) || strings.Contains(r.Text, "messenger") {
		t.Errorf("web notice: %v %q", r.IDs, r.Text)
	}
}

func TestUrgentSaysWhetherWeAreOpen(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	p, err := plan.New(plan.Demo(berlin))
	if err != nil {
		t.Fatal(err)
	}
	sunday := time.Date(2026, 11, 29, 22, 0, 0, 0, berlin)
	if got := TriageReply(triage.Finding{Urgent: true}, triage.Centre{}, p, sunday, "de"); !slices.Equal(got.IDs, []msg.ID{"emergency.urgent", "emergency.closed_now"}) || !strings.Contains(got.Text, "112") {
		t.Fatalf("Sunday night: %v %q", got.IDs, got.Text)
	}
	if got := TriageReply(triage.Finding{Urgent: true}, triage.Centre{}, p, sunday.AddDate(0, 0, 1).Add(-11*time.Hour), "en"); !slices.Equal(got.IDs, []msg.ID{"emergency.urgent", "emergency.open_now"}) {
		t.Fatalf("Monday 11:00: %v %q", got.IDs, got.Text)
	}
}

package triage

import (
	"testing"
)

func TestTheFilesLoad(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.danger) < 8 || len(r.poison) < 6 || len(r.urgent) < 6 || r.feverFrom != 39 {
		t.Fatalf("rules: %d danger, %d poison, %d urgent, fever from %v", len(r.danger), len(r.poison), len(r.urgent), r.feverFrom)
	}
}

// TestEveryStateHasACentre: the sixteen states, each with a centre.
func TestEveryStateHasACentre(t *testing.T) {
	for _, s := range []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"} {
		if c, ok := Default().Centre(s); !ok || c.Name == "" || c.Phone == "" {
			t.Errorf("%s: %+v", s, c)
		}
	}
	if c, _ := Default().Centre("ST"); c.Phone != "0361 730 730" {
		t.Errorf("Sachsen-Anhalt's centre: %+v, want Erfurt's 0361 730 730", c)
	}
	if _, ok := Default().Centre("XX"); ok {
		t.Error("a state that is none has a centre")
	}
}

// TestRead: what each level must catch, and the look-alikes it must not
// (these are the rules' own examples; the fresh batches in
// bot/engine/testdata/fresh measure unseen ones).
func TestRead(t *testing.T) {
	d, p, u, none := Finding{Danger: true}, Finding{Poison: true}, Finding{Urgent: true}, Finding{}
	for _, c := range []struct {
		text string
		want Finding
	}{
		{"er kriegt keine Luft mehr!!", d},
		{"oma ist umgekippt und reagiert nicht mehr", d},
		{"Druck auf der Brust, zieht in den Arm", d},
		{"lippen und zunge schwellen an", d},
		{"my son is having a seizure", d},
		{"the cut is bleeding and won't stop", d},
		{"mein kind hat tabletten geschluckt", p},
		{"die kleine hat am spülmaschinentab rumgekaut", p},
		{"hab aus versehen die doppelte dosis genommen", p},
		{"my toddler drank bleach", p},
		{"kind weichspüler getrunken", p},
		{"sie hat vodka mit tabletten gemischt und krampft", Finding{Danger: true, Poison: true}},
		{"die kleine hat 39,8 fieber", u},
		{"baby 8 monate 38,5 gemessen", u},
		{"höllische Ohrenschmerzen seit gestern", u},
		{"es ist dringend", u},
		{"need it asap please", u},
		{"blut im urin", u},
		{"kein notfall, aber dringend wäre schön", none},
		{"no rush, it's not urgent", none},
		{"Ibuprofen 400 20 Stück bitte", none},
		{"habt ihr was gegen Krampfadern?", none},
		{"Sodbrennen, es brennt in der Brust", none},
		{"ich brauche starke Schmerzmittel", none},
		{"darf ich die Tabletten nach dem Essen nehmen, ich hab gegessen", none},
		{"can I take the pills after I ate?", none},
		{"38,5 fieber seit gestern, habt ihr paracetamol?", none},
		{"ich bin 39 und brauche omeprazol 20", none},
		{"Vitamin D3 1000 I.E.", none},
		// Compounds and regional forms: a word inside a word, a pain in
		// dialect, the doctor away; a calm said with more words.
		{"er hat 3 von omas blutdrucktabletten geschluckt", p},
		{"die kleine hat die schlaftabletten verschluckt", p},
		{"my son swallowed some of grandma's blood pressure pills", p},
		{"so arg rückaweh, kaum zum aushalte", u},
		{"zahnweh seit gestern, hausarzt hat urlaub", u},
		{"Mein Kind hat hohes Fieber, was soll ich tun?", u},
		{"mein sohn hat seit gestern hohes fieber was soll ich tun", u},
		{"Ich brauche dringend Ibuprofen 400", u},
		{"er bekommt keine Luft!", d},
		{"Meine Tochter hat Tabletten verschluckt", p},
		{"I need medicine now", u},
		{"urgent please, paracetamol", u},
		{"nicht dringend, morgen reicht", none},
		{"it's not urgent", none},
		{"my son has a high fever", u},
		{"mein kleiner hat 2 oder 3 von omas blutdrucktabletten gegessen", p},
		{"meine tochter hatte nen spülmaschinentab im mund und hustet", p},
		{"ich hab gerade gegessen, darf ich jetzt die tabletten nehmen?", none},
		{"ich nehme seit meinem Herzinfarkt 2019 täglich ASS 100", none},
		{"since my stroke I take aspirin, need a new pack", none},
		{"my flatmate got food poisoning after a kebab, loperamide please", none},
		{"my son drank bleach, is it poisoning?", p},
		{"seit meinem Sturz kriegt er keine Luft", d},
		{"er hatte eben einen Krampfanfall", d},
		{"seit heute morgen Druck auf der Brust", d},
		{"es eilt überhaupt nicht, loperamid reicht morgen", none},
		{"gar nicht dringend, nur ASS 100", none},
		{"ich nehme blutdrucktabletten, brauche omeprazol", none},
		{"ich kann das aushalten, brauche nur ibuprofen", none},
		// A negation before the word, a clause about what is over, long
		// ago, usual or a precaution; and what must still be read beside
		// them.
		{"Meine Lippen sind nur trocken, nix geschwollen", none},
		{"my lips are not swollen, just dry", none},
		{"das eilt aber nicht, kann auch mittwoch kommen", none},
		{"fieber ist zum glück weg, brauch noch ibuprofen für den notfall zuhause", none},
		{"mein vater hatte vor zwei jahren nen herzinfarkt, jetzt is alles stabil", none},
		{"had a heart attack two years ago, all good now, need aspirin", none},
		{"meine tabletten hab ich heut früh ganz normal geschluckt", none},
		{"ist bissl dringend weil ich morgen in urlaub fahr", none},
		{"das fieber ist weg aber jetzt kriegt sie keine luft", d},
		{"er kann nicht atmen", d},
		{"seit letzter woche hohes fieber und jetzt krampft sie", Finding{Danger: true, Urgent: true}},
		{"er hat aus versehen wie immer morgens die doppelte dosis genommen", p},
		{"er wird so schläfrig und reagiert kaum noch wenn ich ihn anspreche", d},
		{"die lippen sind nicht mehr blau, aber er atmet ganz flach", d},
		{"kein fieber, aber höllische ohrenschmerzen", u},
		{"bei euren preisen kriegt man ja nen herzinfarkt 😂 nee spaß, einmal Ibuprofen", none},
		{"hab mich am wochenende an nem döner vergiftet, geht schon wieder", none},
		{"cant breathe through my nose at all, stupid cold", none},
		{"haha sehr witzig, aber jetzt im ernst: er kriegt keine luft", d},
		{"das baby kriegt keine luft durch die nase und wird ganz blau an den lippen", d},
		{"i have a cold and now i can't breathe", d},
		{"merhaba, meine sohn 3 jahre hat tabletten von oma genommen glaube 5 oder 6 stück", p},
		{"mein sohn hat heute seine tabletten genommen wie immer", none},
		{"das essen in unserer kantine is echt giftig 🤢 naja, hätt gern Omeprazol", none},
		{"die kleine hat vom essen mit dem reiniger drin gegessen, ist das giftig", p},
		{"ich hab liebeskummer, das herz tut so weh 💔", none},
		{"nase komplett dicht, nich so dass ich keine luft krieg oder so, bloß nervig", none},
		{"notarzt war da, alles wieder gut", none},
		{"der notarzt war da, jetzt kriegt er schon wieder keine luft", d},
	} {
		if got := Default().Read(c.text); got != c.want {
			t.Errorf("%q: %+v, want %+v", c.text, got, c.want)
		}
	}
}

// FuzzRead: any text is read without a panic, and reading is the same
// twice.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"", "39,8 fieber", "*", "**dringend**", ",.,", "9,", "ä*ö*ü", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, b := Default().Read(s), Default().Read(s); a != b {
			t.Fatalf("%q read as %+v, then %+v", s, a, b)
		}
	})
}

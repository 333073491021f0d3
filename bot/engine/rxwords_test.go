package engine

import "testing"

// TestERxWithoutCode: an e-prescription without app or printout is told
// apart from one whose code the customer has, and from an app or a
// printout that is about something else.
func TestERxWithoutCode(t *testing.T) {
	lx := testLexicon(t)
	for text, want := range map[string]bool{
		"ich hab ein e rezept aber kein smartphone für die app":                 true,
		"der arzt hat mir nix ausgedruckt, sagt is alles elektronisch. und nu?": true,
		"wie funktioniert das e-rezept wenn ich die app nicht hab":              true,
		"my GP sent an e-prescription, I don't have the app":                    true,
		"the doctor said it is digital now but I got no printout":               true,
		"Oma hat ein E-Rezept, aber kein Handy":                                 true,
		"ich hab das e-rezept in der app, wie schick ich das?":                  false,
		"hier der Code von meinem E-Rezept":                                     false,
		"kann ich digital bezahlen? hab keine app":                              false,
		"keine app, nur ein papierrezept vom arzt":                              false,
		"ich habe kein Rezept, nur die App":                                     false,
		"Ibuprofen AL 400, den Ausdruck brauche ich nicht":                      false,
		"the app does not show my prescription code":                            false,
	} {
		if got := lx.lacksERxCode(text); got != want {
			t.Errorf("lacksERxCode(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestLastTime: a request for what was ordered before, and sentences that
// look alike but are not.
func TestLastTime(t *testing.T) {
	lx := testLexicon(t)
	for text, want := range map[string]bool{
		"wie letztes mal bitte":                               true,
		"die gleichen medikamente wie im oktober":             true,
		"dasselbe wie vor 3 wochen nochmal":                   true,
		"ich brauch die tabletten, die ich letztes mal hatte": true,
		"na das was ich immer hole":                           true,
		"could you just repeat my last order?":                true,
		"same ones as in October please":                      true,
		"nochmal das gleiche":                                 false,
		"das gleiche in 600 bitte":                            false,
		"die gleichen Tabletten, aber 50 Stück":               false,
		"one more of the same":                                false,
		"wie im Beipackzettel steht":                          false,
	} {
		if got := lx.asksLastTime(text); got != want {
			t.Errorf("asksLastTime(%q) = %v, want %v", text, got, want)
		}
	}
}

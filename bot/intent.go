package bot

import (
	"slices"
	"strings"
)

// Intent is what a customer's text asks for besides products.
type Intent int

// The intents Classify knows, in the order it checks them.
const (
	IntentNone      Intent = iota
	IntentDelete           // erase this chat now
	IntentCancel           // cancel the request
	IntentMedical          // a question for a pharmacist, not for the bot
	IntentEmergency        // the emergency service (Notdienst)
	IntentHours            // opening hours
	IntentNotify           // tell me when the order is ready
	IntentStatus           // how the request stands
	IntentPrice            // what it costs: told at the pharmacy
)

// keywords are matched on the normalised text (lowercase, umlauts spelled
// out, as customers on foreign keyboards write them).
var keywords = []struct {
	intent Intent
	words  []string
}{
	{IntentDelete, []string{"loeschen", "loesche", "loescht", "delete", "erase", "daten entfernen"}},
	{IntentCancel, []string{"stornier", "abbestell", "cancel", "brauche ich nicht mehr", "doch nicht"}},
	{IntentMedical, []string{"nebenwirkung", "wechselwirkung", "dosierung", "wie oft", "wie viele darf", "schwanger",
		"stillzeit", "stille ich", "darf ich das nehmen", "darf ich die nehmen", "kann ich das nehmen", "einnehm",
		"gleichzeitig nehmen", "vertraeg", "allerg", "hilft das", "hilft es", "alkohol", "ueberdosis", "zu viel genommen",
		"zu viele genommen", "autofahren", "auto fahren", "kindern geben", "kind geben", "wirkt nicht",
		"side effect", "interaction", "dosage", "how often", "how many can", "pregnan", "breastfeed", "can i take",
		"is it safe", "alcohol", "overdose", "too many", "too much", "drive", "give it to my", "does not work"}},
	{IntentEmergency, []string{"notdienst", "notapotheke", "emergency", "nachts offen", "at night"}},
	{IntentHours, []string{"offen", "geoeffnet", "oeffnungszeit", "wann habt", "wann haben", "open", "opening hours", "closing"}},
	{IntentNotify, []string{"bescheid", "benachrichtig", "sagt mir", "sagen sie mir", "tell me when", "notify me", "let me know"}},
	{IntentStatus, []string{"fertig", "abholbereit", "wie ist der stand", "status", "bestellung da", "is my order", "order ready", "ready yet", " ready", "ready?",
		"wie lange dauert", "wie lange brauch", "how long"}},
	{IntentPrice, []string{"kostet", "kosten", "preis", "teuer", "guenstig", "billig", "zuzahlung", "price", "cost", "how much is", "cheap"}},
}

// Classify finds what text asks for besides products; IntentNone when it
// only names products (or nothing the bot knows).
func Classify(text string) Intent {
	t := normalize(text)
	for _, k := range keywords {
		if k.intent == IntentMedical && askAboutUse(t) {
			return IntentMedical
		}
		for _, w := range k.words {
			if strings.Contains(t, w) {
				return k.intent
			}
		}
	}
	return IntentNone
}

// Question openers and verbs of taking a medicine: a question with both
// ("Kann ich das Kindern geben?", "Soll ich zwei nehmen?") is a pharmacist's
// to answer, however it is worded.
var (
	openers  = []string{"kann", "koennte", "darf", "soll", "sollte", "muss", "wie", "hilft", "ist", "can", "could", "may", "should", "how", "does", "is"}
	useVerbs = []string{"nehmen", "nehme", "einnehmen", "geben", "gebe", "anwenden", "verwenden", "benutzen", "schlucken",
		"take", "give", "use", "swallow"}
)

// askAboutUse reports whether normalised text asks how to use a medicine.
func askAboutUse(t string) bool {
	ws := words(t)
	if len(ws) == 0 || !(strings.Contains(t, "?") || slices.Contains(openers, ws[0])) {
		return false
	}
	for _, w := range ws {
		if slices.Contains(useVerbs, w) {
			return true
		}
	}
	return false
}

// englishWords and germanWords tell the two languages apart in short texts.
var (
	englishWords = []string{"i", "need", "please", "the", "do", "you", "have", "hello", "hi", "when", "is", "are", "my", "thanks", "can", "what", "open"}
	germanWords  = []string{"ich", "brauche", "bitte", "die", "der", "das", "haben", "sie", "ihr", "hallo", "wann", "ist", "mein", "danke", "kann", "was", "offen", "habt", "und",
		"stück", "stueck", "stk", "packung", "packungen", "tabletten", "löschen", "stornieren"}
)

// Language guesses "en" or "de" from a text: German unless English words
// clearly outnumber German ones.
func Language(text string) string {
	lang, _ := languageOf(text)
	return lang
}

// languageOf guesses the language of a text, and reports whether the text
// had any word to tell by ("PZN 01234562" has none).
func languageOf(text string) (string, bool) {
	en, de := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '?' || r == '!' }) {
		for _, e := range englishWords {
			if w == e {
				en++
			}
		}
		for _, g := range germanWords {
			if w == g {
				de++
			}
		}
	}
	if en > de {
		return "en", true
	}
	return "de", de > 0
}

package redact

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/apobot/apobot/bot/nlu"
)

// Redaction marks what Redact took out of a text.
type Redaction string

// The kinds of personal data Redact finds. The marker put in the text is
// "[" + kind + "]", the same in German and English replies.
const (
	RedactedKVNR   Redaction = "Versichertennummer"
	RedactedIBAN   Redaction = "IBAN"
	RedactedEmail  Redaction = "E-Mail"
	RedactedPhone  Redaction = "Telefon"
	RedactedBirth  Redaction = "Datum"
	RedactedStreet Redaction = "Adresse"
	RedactedPostal Redaction = "Ort"
	RedactedName   Redaction = "Name"
	RedactedID     Redaction = "Nummer" // a customer, card, ID or passport number
)

// kinds are all kinds of Redaction.
var kinds = []Redaction{RedactedKVNR, RedactedIBAN, RedactedEmail, RedactedPhone, RedactedBirth, RedactedStreet,
	RedactedPostal, RedactedName, RedactedID}

// markerRe finds the markers Redact puts into a text.
var markerRe = func() *regexp.Regexp {
	var names []string
	for _, k := range kinds {
		names = append(names, regexp.QuoteMeta(string(k)))
	}
	return regexp.MustCompile(`\[(?:` + strings.Join(names, "|") + `)\]`)
}()

// hasRedaction reports whether a text had personal data taken out.
func HasRedaction(s string) bool { return markerRe.MatchString(s) }

// pattern finds candidates; check confirms one (check digits, boundaries,
// dates in the past) before it is replaced.
type pattern struct {
	kind  Redaction
	re    *regexp.Regexp
	check func(match string, now time.Time) bool
}

// buildPatterns builds the patterns, the ones that need words from w's
// lists (words.toml).
func buildPatterns(w words) []pattern {
	notNames := spelledSet(w.in("not_names"))
	return []pattern{
		{RedactedEmail, regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`), nil},
		// A German IBAN has a shape nothing else has: taken even with a typo in it.
		{RedactedIBAN, regexp.MustCompile(`(?i)\bDE\s?\d{2}(?:\s?\d{4}){4}\s?\d{2}\b`), nil},
		// Other countries' IBANs vary in length and letters: taken when mod 97 holds.
		{RedactedIBAN, regexp.MustCompile(`\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b`), func(m string, _ time.Time) bool { return validIBAN(m) }},
		{RedactedKVNR, regexp.MustCompile(`\b[A-Za-z]\d{9}\b`), func(m string, _ time.Time) bool { return validKVNR(m) }},
		// Also written in groups: "A 123 456 780", "A000-500-015".
		{RedactedKVNR, regexp.MustCompile(`\b[A-Za-z][\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{3}\b`), func(m string, _ time.Time) bool {
			return validKVNR(strings.NewReplacer(" ", "", "-", "").Replace(m))
		}},
		idPattern(w),
		// An ID written without a name for it: letters and digits mixed as no
		// product name is ("l01x00t47", "K987654321" whose check digit fails).
		{RedactedID, regexp.MustCompile(`\b[A-Za-z0-9]{8,14}\b`), func(m string, _ time.Time) bool { return idLike(m) }},
		{RedactedBirth, regexp.MustCompile(`\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b`), pastDate},
		{RedactedBirth, regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\b`), pastDate},
		// A two-digit year only after what introduces a birth date ([birth_labels]: "geb. 4.7.85").
		{RedactedBirth, regexp.MustCompile(`(?i:\b(?:` + alt(w.in("birth_labels")) + `))\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\b`), nil},
		// Ends where a digit run ends, so what is left is no phone number either.
		{RedactedPhone, regexp.MustCompile(`(?:\+49|\b0049|\b0)[\s/-]?\(?\d[\d\s/()-]{6,18}\d\b`), phoneDigits},
		// A number after what says it is a phone's ([phone_labels]: "ruft mich
		// zurück unter 47902158", "Handy 1763344"), with or without its area code.
		{RedactedPhone, regexp.MustCompile(`(?i:\b(?:` + alt(w.in("phone_labels")) + `))\s*:?\s*\+?\d[\d\s/()-]{4,18}\d\b`), labelledPhone},
		// A street's name ending in [street_ends], and the house number.
		{RedactedStreet, regexp.MustCompile(`(?:\b\p{Lu}\p{L}+\s)?\b(?i:[\p{L}][\p{L}.-]*)?(?i:` + alt(w.in("street_ends")) + `)\s?\d{1,4}(?:\s?[a-zA-Z]\b)?`), nil},
		{RedactedPostal, regexp.MustCompile(`\b\d{5}\s+\p{Lu}[\p{L}-]+`), postalCode(w.in("amount_units"))},
		// A name is only recognisable by what introduces it: a form of address
		// ([titles]: "Frau Schulz", "Hr. Anna Müller", case as written) or
		// [name_intros] ("mein Name ist", "my name is").
		{RedactedName, regexp.MustCompile(`\b(?:` + alt(w.in("titles")) + `)\s+\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?`), nil},
		{RedactedName, regexp.MustCompile(`(?i:\b(?:` + alt(w.in("name_intros")) + `),?)\s+[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?`), nil},
		// "Ich bin Erika Mustermann" ([self_intros]): a first and a last name,
		// both capitalised ("ich bin schwanger", "Ich bin Diabetiker Typ 2"
		// stay: [not_names]).
		{RedactedName, regexp.MustCompile(`(?i:\b(?:` + alt(w.in("self_intros")) + `))\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`),
			func(m string, _ time.Time) bool { return namedSelf(m, notNames) }},
	}
}

// idPattern is a number named as a customer's, a card's, an ID's or an
// insurance number (one whose check digit fails too): "Kundennr. bei euch
// ist 88213", "perso nr l01x00t47", "Versichertennummer: B 987 654 321".
// German names are one word ([id_heads] and [id_tails], perhaps a hyphen
// between, perhaps [id_number] after), English ones two.
func idPattern(w words) pattern {
	de := `\b(?:` + alt(w.in("id_heads", "de")) + `)[\s-]?(?:` + alt(w.in("id_tails", "de")) + `)(?:\s+(?:` + alt(w.in("id_number", "de")) + `))?`
	en := `\b(?:` + alt(w.in("id_heads", "en")) + `)\s+(?:` + alt(w.in("id_tails", "en")) + `)`
	links := `(?:\s*(?::|\b(?:` + alt(w.in("id_links")) + `)\b))*`
	return pattern{RedactedID, regexp.MustCompile(`(?i)(?:` + de + `|` + en + `)` + links + `\s*(?:[a-z]{1,3}[\s-]?)?\d+(?:[\s-]\d+)*[a-z0-9]*`), nil}
}

// Redact replaces personal data in a customer's text with a marker
// ("[IBAN]") before the text is stored or shown: a KVNR when its check digit
// holds, German IBANs, other IBANs when mod 97 holds, e-mail addresses, German phone numbers, dates in the
// past (a birth date; a wished pickup date is in the future), street
// addresses and postcodes with a town, names introduced as such ("Frau
// Schulz", "mein Name ist ..."). Product numbers stay. It returns the
// text and what it took out. Were the embedded words.toml broken (a build
// error TestWords guards against), the whole text is withheld as one
// marker rather than let a name through.
func Redact(text string, now time.Time) (string, []Redaction) {
	patterns, err := compiled()
	if err != nil {
		return "[" + string(RedactedName) + "]", []Redaction{RedactedName}
	}
	var found []Redaction
	// A marker can set free what a pattern's boundary hid ("00000 AA0391..."
	// loses its postcode and town, and the digits behind stand alone as a
	// phone number): repeat until a pass finds nothing, so redacting is
	// idempotent. Markers match no pattern themselves; eight passes bound it.
	for range 8 {
		var more []Redaction
		text, more = redactOnce(patterns, text, now)
		if len(more) == 0 {
			break
		}
		found = append(found, more...)
	}
	return text, found
}

func redactOnce(patterns []pattern, text string, now time.Time) (string, []Redaction) {
	var found []Redaction
	for _, p := range patterns {
		text = p.re.ReplaceAllStringFunc(text, func(m string) string {
			if p.check != nil && !p.check(m, now) {
				return m
			}
			found = append(found, p.kind)
			return "[" + string(p.kind) + "]"
		})
	}
	return text, found
}

// idLike reports a word that mixes letters and digits as IDs do: one or
// two letters and then seven or more digits, or four changes between
// letters and digits with four digits at least. "Ibuprofen400", "B12",
// "1000IE" and a PZN are none.
func idLike(w string) bool {
	letters, digits, changes := 0, 0, 0
	for i, r := range w {
		if unicode.IsDigit(r) {
			digits++
		} else {
			letters++
		}
		if i > 0 && unicode.IsDigit(r) != unicode.IsDigit(rune(w[i-1])) {
			changes++
		}
	}
	if letters == 0 || digits < 4 {
		return false
	}
	lead := strings.IndexFunc(w, unicode.IsDigit)
	return lead >= 1 && lead <= 2 && changes == 1 && digits >= 7 || changes >= 4
}

// namedSelf reports whether "ich bin X Y" names a person: neither word is
// one words.toml says is no name ([not_names]: "Diabetiker", "Typ"), in
// nlu's word form.
func namedSelf(m string, notNames map[string]bool) bool {
	f := strings.Fields(m)
	for _, w := range f[len(f)-2:] {
		if notNames[strings.Join(nlu.Spelled(w), " ")] {
			return false
		}
	}
	return true
}

// validKVNR checks a Krankenversichertennummer: the letter as two digits
// (A=01 .. Z=26), then the first eight digits, weighted 1, 2, 1, 2, ...,
// products of two digits replaced by their digit sum; the sum mod 10 is the
// last digit.
func validKVNR(s string) bool {
	s = strings.ToUpper(s)
	n := int(s[0]-'A') + 1
	ds := []int{n / 10, n % 10}
	for _, c := range s[1:9] {
		ds = append(ds, int(c-'0'))
	}
	sum := 0
	for i, d := range ds {
		p := d * (1 + i%2)
		sum += p/10 + p%10
	}
	return sum%10 == int(s[9]-'0')
}

// validIBAN checks the mod-97 check of an IBAN (spaces allowed).
func validIBAN(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	rem := 0
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// pastDate is a valid dd.mm.yyyy (or dd/mm/yyyy, or mm/dd/yyyy) before
// today.
func pastDate(m string, now time.Time) bool {
	m = strings.ReplaceAll(m, " ", "")
	for _, layout := range []string{"2.1.2006", "2/1/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, m); err == nil && t.Before(now.AddDate(0, 0, -1)) {
			return true
		}
	}
	return false
}

// labelledPhone accepts a number of 6 to 15 digits after a phone's label.
func labelledPhone(m string, _ time.Time) bool { return digitsBetween(m, 6, 15) }

// phoneDigits accepts a number of 10 to 15 digits: a German phone number has
// at least 10 with its leading 0, a PZN has 8.
func phoneDigits(m string, _ time.Time) bool { return digitsBetween(m, 10, 15) }

// digitsBetween reports whether m holds from lo to hi digits.
func digitsBetween(m string, lo, hi int) bool {
	n := 0
	for _, c := range m {
		if unicode.IsDigit(c) {
			n++
		}
	}
	return n >= lo && n <= hi
}

// postalCode keeps amounts and counts ("12500 Stück"): the word after the five
// digits must not begin with a unit ([amount_units]).
func postalCode(units []string) func(string, time.Time) bool {
	return func(m string, _ time.Time) bool {
		w := strings.ToLower(strings.TrimSpace(m[5:]))
		for _, unit := range units {
			if strings.HasPrefix(w, strings.ToLower(unit)) {
				return false
			}
		}
		return true
	}
}

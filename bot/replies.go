package bot

import (
	"fmt"
	"strings"
	"time"
)

// Reply texts, German first. Every function takes the customer's language
// ("de" or "en"; anything else reads as German).

// PrivacyNotice is the first reply of a conversation: what is stored, that
// it is deleted when handled, and on a messenger that the platform has its
// own rules and the pharmacy's web chat is the alternative.
func PrivacyNotice(lang string, ch Channel) string {
	if lang == "en" {
		s := "Privacy: we store your messages and photos encrypted, only to handle this request, and delete the chat as soon as it is handled (or when you write \"delete\"). Please do not send names, dates of birth, insurance numbers or addresses: we do not need them."
		if ch != ChannelWeb {
			s += " This messenger has its own privacy rules; for anything sensitive, please use our own web chat."
		}
		return s
	}
	s := "Datenschutz: Wir speichern Ihre Nachrichten und Fotos verschlüsselt, nur für diese Anfrage, und löschen den Chat, sobald sie erledigt ist (oder wenn Sie „löschen“ schreiben). Bitte senden Sie keine Namen, Geburtsdaten, Versichertennummern oder Adressen: Wir brauchen sie nicht."
	if ch != ChannelWeb {
		s += " Dieser Messenger hat eigene Datenschutzregeln; für Vertrauliches nutzen Sie bitte unseren eigenen Web-Chat."
	}
	return s
}

// MedicalReply answers a medical question: not the bot's to answer.
func MedicalReply(lang string) string {
	if lang == "en" {
		return "That is a question for our pharmacists: please ask us at the counter or call us. We have noted that you have a question."
	}
	return "Das beantworten Ihnen gern unsere Apothekerinnen und Apotheker: bitte fragen Sie uns in der Apotheke oder rufen Sie uns an. Wir haben notiert, dass Sie eine Frage haben."
}

// PriceReply answers a question about prices: the bot knows none; the
// pharmacy tells them (prescriptions: the statutory co-payment applies).
func PriceReply(lang string) string {
	return pick(lang,
		"Preise kann ich Ihnen hier leider nicht nennen: Bitte fragen Sie uns in der Apotheke oder am Telefon. Bei Rezepten zahlen Sie die gesetzliche Zuzahlung.",
		"I cannot tell prices here: please ask us at the pharmacy or by phone. For prescription medicines you pay the statutory co-payment.")
}

// PrescriptionReply tells how to send a prescription.
func PrescriptionReply(lang string) string {
	return pick(lang,
		"Ja, gern: Senden Sie ein Foto des E-Rezept-Codes (Ausdruck oder Code aus der E-Rezept-App) oder Ihres Papierrezepts. Ein E-Rezept rufen wir mit dem Code ab; ein Papierrezept bringen Sie bitte zur Abholung mit.",
		"Yes, gladly: send a photo of the e-prescription code (the printout, or the code in the E-Rezept app), or of your paper prescription. We retrieve an e-prescription with its code; bring a paper prescription along when you pick up.")
}

// UnansweredReply answers a question the bot cannot answer and that names
// no product.
func UnansweredReply(lang string) string {
	return pick(lang,
		"Darauf kann ich leider nicht antworten: Ich nehme Vorbestellungen an (ein Foto der Packung, des Rezepts oder des E-Rezept-Codes, oder Name oder PZN des Produkts). Alles andere fragen Sie uns bitte in der Apotheke.",
		"I cannot answer that, sorry: I take pre-orders (a photo of the pack, the prescription or the e-prescription code, or the product's name or PZN). For anything else, please ask us at the pharmacy.")
}

// DeletedReply confirms that everything of the chat is erased.
func DeletedReply(lang string) string {
	if lang == "en" {
		return "Done: everything of this chat has been deleted."
	}
	return "Erledigt: Alles aus diesem Chat ist gelöscht."
}

// EmergencyReply explains the emergency service (DOMAIN.md: 20:00-06:00,
// Sundays and holidays, a fee of 2,50 EUR).
func EmergencyReply(lang string) string {
	if lang == "en" {
		return "Outside opening hours, the pharmacy emergency service (Notdienst) helps: from 20:00 to 06:00 and on Sundays and public holidays, for a fee of EUR 2.50. Which pharmacy is on duty is posted at our door, on aponet.de, at 0800 00 22 8 33 (free from landlines) and at 22 8 33 from a mobile."
	}
	return "Außerhalb der Öffnungszeiten hilft der Apotheken-Notdienst: von 20 bis 6 Uhr sowie sonn- und feiertags, gegen eine Gebühr von 2,50 €. Welche Apotheke Dienst hat, steht an unserer Tür, auf aponet.de, unter 0800 00 22 8 33 (kostenlos aus dem Festnetz) und unter 22 8 33 vom Handy."
}

// UrgentReply answers a customer who needs help now: where to turn, and
// whether the pharmacy is open at now.
func UrgentReply(p *Planner, now time.Time, lang string) string {
	help := pick(lang,
		"Wenn es ein Notfall ist, rufen Sie bitte sofort 112 an. Den ärztlichen Bereitschaftsdienst erreichen Sie unter 116 117. Die nächste Notdienst-Apotheke finden Sie auf aponet.de, unter 0800 00 22 8 33 (kostenlos aus dem Festnetz) oder 22 8 33 vom Handy.",
		"If it is an emergency, please call 112 at once. The doctors' on-call service is at 116 117. The nearest pharmacy on duty is on aponet.de, at 0800 00 22 8 33 (free from landlines) or 22 8 33 from a mobile.")
	if p.OpenAt(now) {
		return help + " " + pick(lang, "Wir haben gerade geöffnet: Kommen Sie gern direkt zu uns in die Apotheke.",
			"We are open right now: do come straight to the pharmacy.")
	}
	return help + " " + pick(lang, "Wir haben gerade geschlossen.", "We are closed right now.")
}

// HoursReply tells today's opening hours, or why the pharmacy is closed
// today, and the next opening when it is closed now.
func HoursReply(p *Planner, now time.Time, lang string) string {
	spans, closed := p.HoursOn(now)
	var b strings.Builder
	switch {
	case closed != "" && closed != "closed":
		b.WriteString(pick(lang, "Heute ist Feiertag ("+closed+"): Wir haben geschlossen.", "Today is a public holiday ("+closed+"): we are closed."))
	case len(spans) == 0:
		b.WriteString(pick(lang, "Heute haben wir geschlossen.", "We are closed today."))
	default:
		b.WriteString(pick(lang, "Heute haben wir "+spanList(spans, " und ")+" Uhr geöffnet.", "Today we are open "+spanList(spans, " and ")+"."))
	}
	if next, err := p.NextOpen(now); err == nil && !p.OpenAt(now) {
		b.WriteString(" ")
		b.WriteString(pick(lang, "Wieder geöffnet: "+germanDay(next)+".", "Open again: "+next.Format("Monday, 2 Jan, 15:04")+"."))
	}
	return b.String()
}

// DayHoursReply tells the opening hours of another day than today (a
// customer asked about "morgen" or "Samstag").
func DayHoursReply(p *Planner, day time.Time, lang string) string {
	de := fmt.Sprintf("%s, %02d.%02d.,", germanWeekdays[day.Weekday()], day.Day(), int(day.Month()))
	en := day.Format("Monday, 2 Jan")
	spans, closed := p.HoursOn(day)
	switch {
	case closed != "" && closed != "closed":
		return pick(lang, "Am "+de+" ist Feiertag ("+closed+"): Wir haben geschlossen.", "On "+en+" it is a public holiday ("+closed+"): we are closed.")
	case len(spans) == 0:
		return pick(lang, "Am "+de+" haben wir geschlossen.", "We are closed on "+en+".")
	}
	return pick(lang, "Am "+de+" haben wir "+spanList(spans, " und ")+" Uhr geöffnet.", "On "+en+" we are open "+spanList(spans, " and ")+".")
}

func spanList(spans []Span, and string) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = s.Open.String() + "–" + s.Close.String()
	}
	return strings.Join(parts, and)
}

var germanWeekdays = [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}

// germanDay formats t as "Montag, 30.11., 08:00 Uhr".
func germanDay(t time.Time) string {
	return fmt.Sprintf("%s, %02d.%02d., %02d:%02d Uhr", germanWeekdays[t.Weekday()], t.Day(), int(t.Month()), t.Hour(), t.Minute())
}

func pick(lang, de, en string) string {
	if lang == "en" {
		return en
	}
	return de
}

// HelpReply says what the bot can do.
func HelpReply(lang string) string {
	return pick(lang,
		"Schicken Sie mir ein Foto der Packung, des Rezepts oder des E-Rezept-Codes, oder schreiben Sie, was Sie brauchen (zum Beispiel „PZN 01234562“ oder „Ibuprofen 400 20 Stück“). Ich sage Ihnen, wann Sie es abholen können.",
		"Send me a photo of the pack, the prescription or the e-prescription code, or write what you need (for example \"PZN 01234562\" or \"Ibuprofen 400 20 pcs\"). I will tell you when you can pick it up.")
}

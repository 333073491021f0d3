package engine

import (
	"slices"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
)

// What the bot says about prescriptions beside an offer: that a
// prescription-only product needs one, and how to hand it in.

// rxTold are the sentences that already said whether a prescription is
// needed: one such note a turn.
var rxTold = []msg.ID{"product.rx", "product.rx_some", "product.rx_needed", "product.rx_marked"}

// noteRx adds to the turn's last reply, which offers ps, that the
// prescription-only ones among them need a prescription and how to hand
// it in on this chat's channel: "Amoxicillin ist verschreibungspflichtig.
// Ihr Rezept senden Sie hier als Foto …".
func (e *dialog) noteRx(t *turn, ps []bot.Product) {
	if len(t.replies) == 0 || !slices.ContainsFunc(ps, isRx) || slices.ContainsFunc(rxTold, t.said) {
		return
	}
	c := composeIn(t.conv.Language)
	if name, ok := oneIngredient(ps); ok && !slices.ContainsFunc(ps, func(p bot.Product) bool { return !p.Rx }) {
		c.add("", "product.rx_needed", msg.Args{"Name": name})
	} else {
		c.add("", "product.rx_marked", nil)
	}
	c.add(" ", e.rxHowID(t.conv.Channel), nil)
	last := &t.replies[len(t.replies)-1]
	last.Text += "\n" + c.r.Text
	last.IDs = append(last.IDs, c.r.IDs...)
}

// rxMark is what follows a prescription-only product's line in a list
// that also holds products without: " – Rezept".
func rxMark(lang string, p bot.Product, ps []bot.Product) string {
	if !p.Rx || !slices.ContainsFunc(ps, func(q bot.Product) bool { return !q.Rx }) {
		return ""
	}
	return " – " + msg.Text(lang, "product.rx_mark", nil)
}

// rxHowID is the sentence that tells how to hand in a prescription on
// channel ch: as a photo or a code here, or at the counter where the
// channel takes neither.
func (e *dialog) rxHowID(ch bot.Channel) msg.ID {
	if e.cfg.Policy.Accepts(ch, bot.ContentPrescriptions) && e.cfg.Policy.Accepts(ch, bot.ContentERxTokens) {
		return "product.rx_how"
	}
	return "product.rx_how_counter"
}

// oneIngredient is the name the products share ("Amoxicillin"), if they
// share one.
func oneIngredient(ps []bot.Product) (string, bool) {
	name := firstWord(ps[0].Name)
	return name, name != "" && !slices.ContainsFunc(ps, func(p bot.Product) bool { return firstWord(p.Name) != name })
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

func isRx(p bot.Product) bool { return p.Rx }

// lacksERxCode reports a message about an e-prescription whose code the
// customer cannot send, with no app and no printout ("E-Rezept, aber kein
// Smartphone", "der Arzt hat nix ausgedruckt, alles elektronisch"): the
// health card at the counter redeems it.
func (lx *lexicon) lacksERxCode(text string) bool {
	erx := lx.saysAny("erx", text) || lx.saysAny("erx_electronic", text) && (lx.mentionsPrescription(text) || lx.saysAny("prescriber", text))
	return erx && lx.mediaLacking(match.Words(lx.Normalize(text)))
}

// mediaLacking reports a word of what carries an e-prescription's code (an
// app, a printout) with a word of lacking near it: "keine App", "didn't
// get a printout", "wenn ich die App nicht hab".
func (lx *lexicon) mediaLacking(ws []string) bool {
	for i := range ws {
		for n := 1; n <= 2 && i+n <= len(ws); n++ {
			near := slices.Concat(ws[max(0, i-4):i], ws[i+n:min(len(ws), i+n+3)])
			if lx.In("erx_media", strings.Join(ws[i:i+n], " ")) && slices.ContainsFunc(near, lx.isLacking) {
				return true
			}
		}
	}
	return false
}

func (lx *lexicon) isLacking(w string) bool { return lx.In("lacking", w) }

// asksHandIn reports a question how to hand in a prescription that names
// no product and asks nothing medical: "Wie kann ich ein Rezept
// einreichen?", "mein Arzt hat mir ein Rezept ausgestellt, wie bekomme ich
// das zu Ihnen?".
func (e *dialog) asksHandIn(m nlu.Meaning, text string) bool {
	_, medical := m.Hit(nlu.Medical)
	return !medical && e.lx.mentionsPrescription(text) && e.lx.saysAny("rx_handin", text) && !e.namesProduct(text)
}

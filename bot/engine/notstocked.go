package engine

import (
	"strings"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/msg"
)

// What the bot says when a product is stocked, but not as asked.

// sayStrengths tells that a strength asked for is not stocked, and which
// are: "Ibuprofen mit 1000 mg haben wir nicht; Ibuprofen gibt es bei uns
// mit 200 mg, 400 mg und 600 mg."
func sayStrengths(t *turn, res match.MatchResult) {
	name := strings.Fields(res.Candidates[0].Product.Name)[0]
	asked := res.NoStrength
	if f := strings.Fields(res.Strengths[0]); len(f) == 2 && !strings.ContainsAny(asked, "abcdefghijklmnopqrstuvwxyzµ%") {
		asked += " " + f[1] // the unit the stocked strengths have
	}
	t.say("product.no_strength", msg.Args{"Name": name, "Asked": asked, "Stocked": msg.List(t.conv.Language, res.Strengths)})
}

// sayForms tells that a product is not stocked in the form asked for, and
// in which forms it is: "Ibuprofen als Tropfen haben wir nicht; Ibuprofen
// gibt es bei uns als Filmtabletten."
func (lx *lexicon) sayForms(t *turn, part string, res match.MatchResult) {
	name := lx.productWords(part)
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	form := strings.ToUpper(res.NoForm[:1]) + res.NoForm[1:]
	t.say("product.no_form", msg.Args{"Name": name, "Asked": form, "Stocked": msg.List(t.conv.Language, res.Forms)})
}

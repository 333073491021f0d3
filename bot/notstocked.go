package bot

import (
	"fmt"
	"strings"
)

// What the bot says when a product is stocked, but not as asked.

// sayStrengths tells that a strength asked for is not stocked, and which
// are: "Ibuprofen mit 1000 mg haben wir nicht; Ibuprofen gibt es bei uns
// mit 200 mg, 400 mg und 600 mg."
func sayStrengths(t *turn, res MatchResult) {
	name := strings.Fields(res.Candidates[0].Product.Name)[0]
	asked := res.NoStrength
	if f := strings.Fields(res.Strengths[0]); len(f) == 2 && !strings.ContainsAny(asked, "abcdefghijklmnopqrstuvwxyzµ%") {
		asked += " " + f[1] // the unit the stocked strengths have
	}
	t.say(fmt.Sprintf("%s mit %s haben wir nicht; %s gibt es bei uns mit %s.", name, asked, name, andList(res.Strengths, " und ")),
		fmt.Sprintf("We do not have %s in %s; we have %s in %s.", name, asked, name, andList(res.Strengths, " and ")))
}

// sayForms tells that a product is not stocked in the form asked for, and
// in which forms it is: "Ibuprofen als Tropfen haben wir nicht; Ibuprofen
// gibt es bei uns als Filmtabletten."
func sayForms(t *turn, part string, res MatchResult) {
	name := productWords(part)
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	form := strings.ToUpper(res.NoForm[:1]) + res.NoForm[1:]
	t.say(fmt.Sprintf("%s als %s haben wir nicht; %s gibt es bei uns als %s.", name, form, name, andList(res.Forms, " und ")),
		fmt.Sprintf("We do not have %s as %s; we have %s as %s.", name, form, name, andList(res.Forms, " and ")))
}

// andList joins items with commas and and before the last.
func andList(items []string, and string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}

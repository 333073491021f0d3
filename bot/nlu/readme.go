package nlu

import (
	"fmt"
	"strings"
)

// Markdown lists the intents with the words that carry them, German and
// English, as the README shows them: generated from the phrase files, so
// the README cannot say what the bot does not do.
func (lx *Lexicon) Markdown() string {
	var b strings.Builder
	b.WriteString("| intent | German | English |\n|---|---|---|\n")
	all := append(Intents[:len(Intents):len(Intents)], Bigger, Smaller, Stronger, Weaker)
	for _, in := range all {
		w := lx.written[string(in)]
		fmt.Fprintf(&b, "| %s | %s | %s |\n", in, quoted(w["de"]), quoted(w["en"]))
	}
	return b.String()
}

func quoted(entries []string) string {
	out := make([]string, len(entries))
	for i, e := range entries {
		alone := strings.HasPrefix(e, "=")
		out[i] = "„" + strings.ReplaceAll(strings.TrimPrefix(e, "="), "|", "/") + "“"
		if alone {
			out[i] += " (alone)"
		}
	}
	return strings.Join(out, ", ")
}

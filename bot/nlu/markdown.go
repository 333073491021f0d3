package nlu

import (
	"fmt"
	"sort"
	"strings"
)

// Markdown lists the intents with the words that carry them, German and
// English, as docs/conversation.md shows them: generated from the phrase
// files, so the docs cannot say what the bot does not do.
func (lx *Lexicon) Markdown() string {
	var b strings.Builder
	b.WriteString("| intent | German | English |\n|---|---|---|\n")
	all := append(Intents[:len(Intents):len(Intents)], Bigger, Smaller, Stronger, Weaker, Branch)
	for _, in := range all {
		w := lx.written[string(in)]
		fmt.Fprintf(&b, "| %s | %s | %s |\n", in, quoted(w["de"]), quoted(w["en"]))
	}
	b.WriteString("\nProducts by another name ([short] is read silently, [synonyms] with a note; brands are in bot/brands/brands.toml):\n\n")
	b.WriteString("| active ingredient | short forms | other names |\n|---|---|---|\n")
	short, brands := map[string][]string{}, map[string][]string{}
	for w, to := range lx.short {
		short[strings.ToLower(to)] = append(short[strings.ToLower(to)], w)
	}
	for w, to := range lx.synonyms {
		brands[strings.ToLower(to)] = append(brands[strings.ToLower(to)], w)
	}
	var names []string
	for n := range brands {
		names = append(names, n)
	}
	for n := range short {
		if _, ok := brands[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		sort.Strings(short[n])
		sort.Strings(brands[n])
		fmt.Fprintf(&b, "| %s | %s | %s |\n", n, strings.Join(short[n], ", "), strings.Join(brands[n], ", "))
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

package redact

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/apobot/apobot/bot/nlu"
)

// wordsFile holds the words redaction recognises personal data by, per
// language; see its head for the form.
//
//go:embed words.toml
var wordsFile string

// wordLists are the lists words.toml may hold.
var wordLists = []string{"titles", "name_intros", "self_intros", "not_names", "id_heads", "id_tails", "id_number",
	"id_links", "birth_labels", "street_ends", "phone_labels", "amount_units"}

// words are the lists of words.toml: language -> list -> entries as written.
type words map[string]map[string][]string

// loadWords reads a words.toml; an unknown list, an empty entry or list is
// an error naming it.
func loadWords(data string) (words, error) {
	var w words
	if _, err := toml.Decode(data, &w); err != nil {
		return nil, fmt.Errorf("redact: words.toml: %w", err)
	}
	for lang, lists := range w {
		for name, entries := range lists {
			if !slices.Contains(wordLists, name) {
				return nil, fmt.Errorf("redact: words.toml [%s]: unknown list %q", lang, name)
			}
			if slices.Contains(entries, "") {
				return nil, fmt.Errorf("redact: words.toml [%s] %s: an empty entry", lang, name)
			}
		}
	}
	// An empty alternation would match everywhere: every list needs words,
	// the ID labels in both languages (their patterns differ).
	for _, name := range wordLists {
		if len(w.in(name)) == 0 {
			return nil, fmt.Errorf("redact: words.toml: list %q is empty", name)
		}
	}
	for _, lang := range nlu.Languages {
		if len(w.in("id_heads", lang)) == 0 || len(w.in("id_tails", lang)) == 0 {
			return nil, fmt.Errorf("redact: words.toml [%s]: id_heads or id_tails is empty", lang)
		}
	}
	return w, nil
}

// in returns list's entries of the languages named, or of all when none is.
func (w words) in(list string, langs ...string) []string {
	var out []string
	for lang, lists := range w {
		if len(langs) == 0 || slices.Contains(langs, lang) {
			out = append(out, lists[list]...)
		}
	}
	return out
}

// alt is a regexp alternation of entries, longest first: a space stands for
// any run of spaces, everything else for itself.
func alt(entries []string) string {
	entries = slices.Clone(entries)
	sort.Slice(entries, func(i, j int) bool {
		if len(entries[i]) != len(entries[j]) {
			return len(entries[i]) > len(entries[j])
		}
		return entries[i] < entries[j]
	})
	entries = slices.Compact(entries)
	for i, e := range entries {
		entries[i] = strings.Join(strings.Fields(regexp.QuoteMeta(e)), `\s+`)
	}
	return strings.Join(entries, "|")
}

// spelledSet is entries in nlu's word form ("Ärztin" as "aerztin").
func spelledSet(entries []string) map[string]bool {
	set := map[string]bool{}
	for _, e := range entries {
		set[strings.Join(nlu.Spelled(e), " ")] = true
	}
	return set
}

// compiled are the patterns built from words.toml, once; an error (never a
// panic) if the embedded file is broken.
var compiled = sync.OnceValues(func() ([]pattern, error) {
	w, err := loadWords(wordsFile)
	if err != nil {
		return nil, err
	}
	return buildPatterns(w), nil
})

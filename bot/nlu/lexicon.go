package nlu

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// The phrase files, one per language; see phrases/de.toml for their form.
//
//go:embed phrases/*.toml
var phraseFiles embed.FS

// Languages are the languages the phrase files cover.
var Languages = []string{"de", "en"}

// section is one intent in a phrase file.
type section struct {
	Alone   []string `toml:"alone"`
	Phrases []string `toml:"phrases"`
}

// phrase is an entry in word form; a word ending in * matches by prefix.
type phrase []string

// entry is an intent's phrases, in all languages.
type entry struct {
	alone, anywhere []phrase
}

// Lexicon is what the phrase files say, compiled for matching.
type Lexicon struct {
	intents  map[Intent]*entry
	negation []phrase
	polite   map[string]bool // words a short command may carry ([polite])
	numbers  map[string]int  // number words ([numbers])
	turn     map[string]bool // words that begin a new clause ([turn])
}

// Load reads the embedded phrase files of every language.
func Load() (*Lexicon, error) {
	lx := &Lexicon{intents: map[Intent]*entry{}, polite: map[string]bool{}, turn: map[string]bool{}, numbers: map[string]int{}}
	for _, lang := range Languages {
		data, err := phraseFiles.ReadFile("phrases/" + lang + ".toml")
		if err != nil {
			return nil, err
		}
		if err := lx.add(lang, data); err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// add compiles one language's phrase file into lx. An unknown section, an
// empty or duplicate phrase is an error naming the file.
func (lx *Lexicon) add(lang string, data []byte) error {
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml: %w", lang, err)
	}
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "numbers" {
			if err := lx.addNumbers(lang, md, raw[name]); err != nil {
				return err
			}
			continue
		}
		var sec section
		if err := md.PrimitiveDecode(raw[name], &sec); err != nil {
			return fmt.Errorf("nlu: phrases/%s.toml [%s]: %w", lang, name, err)
		}
		switch name {
		case "negation":
			ps, err := compile(lang, name, sec.Phrases)
			if err != nil {
				return err
			}
			lx.negation = append(lx.negation, ps...)
			continue
		case "polite", "turn":
			set := map[string]*map[string]bool{"polite": &lx.polite, "turn": &lx.turn}[name]
			for _, w := range sec.Phrases {
				ws := Words(w)
				if len(ws) != 1 {
					return fmt.Errorf("nlu: phrases/%s.toml [%s]: %q is not one word", lang, name, w)
				}
				(*set)[ws[0]] = true
			}
			continue
		}
		in, ok := intentNamed[name]
		if !ok {
			return fmt.Errorf("nlu: phrases/%s.toml: unknown intent [%s]", lang, name)
		}
		e := lx.intents[in]
		if e == nil {
			e = &entry{}
			lx.intents[in] = e
		}
		alone, err := compile(lang, name, sec.Alone)
		if err != nil {
			return err
		}
		anywhere, err := compile(lang, name, sec.Phrases)
		if err != nil {
			return err
		}
		e.alone, e.anywhere = append(e.alone, alone...), append(e.anywhere, anywhere...)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return fmt.Errorf("nlu: phrases/%s.toml: unknown key %s", lang, un[0])
	}
	return nil
}

// addNumbers reads [numbers]: each number with the words that say it.
func (lx *Lexicon) addNumbers(lang string, md toml.MetaData, p toml.Primitive) error {
	var nums map[string][]string
	if err := md.PrimitiveDecode(p, &nums); err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml [numbers]: %w", lang, err)
	}
	for digits, words := range nums {
		n, err := strconv.Atoi(digits)
		if err != nil || n < 0 {
			return fmt.Errorf("nlu: phrases/%s.toml [numbers]: %q is no number", lang, digits)
		}
		for _, w := range words {
			ws := Words(w)
			if len(ws) != 1 {
				return fmt.Errorf("nlu: phrases/%s.toml [numbers]: %q is not one word", lang, w)
			}
			lx.numbers[ws[0]] = n
		}
	}
	return nil
}

// Number returns the number a word says ("zwei", "three"), in word form.
func (lx *Lexicon) Number(word string) (int, bool) {
	n, ok := lx.numbers[word]
	return n, ok
}

// compile turns a section's entries into word form.
func compile(lang, name string, entries []string) ([]phrase, error) {
	seen := map[string]bool{}
	var out []phrase
	for _, raw := range entries {
		star := strings.HasSuffix(strings.TrimSpace(raw), "*")
		ws := Words(raw)
		if len(ws) == 0 {
			return nil, fmt.Errorf("nlu: phrases/%s.toml [%s]: empty entry %q", lang, name, raw)
		}
		if star {
			ws[len(ws)-1] += "*"
		}
		key := strings.Join(ws, " ")
		if seen[key] {
			return nil, fmt.Errorf("nlu: phrases/%s.toml [%s]: %q twice", lang, name, raw)
		}
		seen[key] = true
		out = append(out, phrase(ws))
	}
	return out, nil
}

// at reports whether p matches words from position i.
func (p phrase) at(words []string, i int) bool {
	if i+len(p) > len(words) {
		return false
	}
	for k, w := range p {
		if prefix, ok := strings.CutSuffix(w, "*"); ok {
			if !strings.HasPrefix(words[i+k], prefix) {
				return false
			}
		} else if words[i+k] != w {
			return false
		}
	}
	return true
}

// is reports whether p is exactly words.
func (p phrase) is(words []string) bool { return len(p) == len(words) && p.at(words, 0) }

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
	polite   map[string]bool                // words a short command may carry ([polite])
	numbers  map[string]string              // number words ([numbers])
	months   map[string]string              // month names ([months])
	dates    map[string]string              // named days ([dates]: "heiligabend" -> "24.12")
	holidays map[string]string              // other names of holidays ([holidays])
	synonyms map[string]string              // brands and short forms to ingredients ([synonyms])
	written  map[string]map[string][]string // intent -> language -> entries as written, for the README
	turn     map[string]bool                // words that begin a new clause ([turn])
}

// Load reads the embedded phrase files of every language.
func Load() (*Lexicon, error) {
	lx := &Lexicon{intents: map[Intent]*entry{}, polite: map[string]bool{}, turn: map[string]bool{}, numbers: map[string]string{},
		months: map[string]string{}, dates: map[string]string{}, holidays: map[string]string{}, synonyms: map[string]string{},
		written: map[string]map[string][]string{}}
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
		if table, ok := lx.tables()[name]; ok {
			if err := addTable(lang, name, md, raw[name], table); err != nil {
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
		if lx.written[name] == nil {
			lx.written[name] = map[string][]string{}
		}
		for _, a := range sec.Alone {
			lx.written[name][lang] = append(lx.written[name][lang], "="+a) // the whole message only
		}
		lx.written[name][lang] = append(lx.written[name][lang], sec.Phrases...)
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

// tables are the sections that name a value with the words that say it:
// [numbers] (2 = ["zwei"]), [months] (10 = ["oktober", "okt"]), [dates]
// ("24.12" = ["heiligabend"]) and [holidays] (a calendar's holiday name =
// the other names people give it).
func (lx *Lexicon) tables() map[string]map[string]string {
	return map[string]map[string]string{"numbers": lx.numbers, "months": lx.months, "dates": lx.dates, "holidays": lx.holidays, "synonyms": lx.synonyms}
}

// addTable reads such a section into table: each phrase, in word form, to
// its value.
func addTable(lang, name string, md toml.MetaData, p toml.Primitive, table map[string]string) error {
	var rows map[string][]string
	if err := md.PrimitiveDecode(p, &rows); err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml [%s]: %w", lang, name, err)
	}
	for value, phrases := range rows {
		if name == "numbers" || name == "months" {
			if n, err := strconv.Atoi(value); err != nil || n < 0 || name == "months" && (n < 1 || n > 12) {
				return fmt.Errorf("nlu: phrases/%s.toml [%s]: %q is no %s", lang, name, value, strings.TrimSuffix(name, "s"))
			}
		}
		for _, ph := range phrases {
			ws := Words(ph)
			if len(ws) == 0 || (name == "numbers" || name == "months") && len(ws) != 1 {
				return fmt.Errorf("nlu: phrases/%s.toml [%s]: %q is not one word", lang, name, ph)
			}
			table[strings.Join(ws, " ")] = value
		}
	}
	return nil
}

// Number returns the number a word says ("zwei", "three"), in word form.
func (lx *Lexicon) Number(word string) (int, bool) {
	n, err := strconv.Atoi(lx.numbers[word])
	return n, err == nil
}

// Month returns the month a word names ("oktober", "okt", "october").
func (lx *Lexicon) Month(word string) (int, bool) {
	n, err := strconv.Atoi(lx.months[word])
	return n, err == nil
}

// Ingredient returns the active ingredient a brand or short form stands for
// ([synonyms]: "Dolormin" -> "Ibuprofen"), for one word as written.
func (lx *Lexicon) Ingredient(word string) (string, bool) {
	v, ok := lx.synonyms[strings.Join(Words(word), " ")]
	return v, ok
}

// Named returns what [dates] and [holidays] say the words from position i
// name: a day and month ("24.12"), or a calendar's holiday name, with how
// many words the name takes; the longest name wins.
func (lx *Lexicon) Named(words []string, i int) (date, holiday string, n int) {
	for k := min(len(words), i+5); k > i; k-- {
		key := strings.Join(words[i:k], " ")
		if d, ok := lx.dates[key]; ok {
			return d, "", k - i
		}
		if h, ok := lx.holidays[key]; ok {
			return "", h, k - i
		}
	}
	return "", "", 0
}

// compile turns a section's entries into word form.
func compile(lang, name string, entries []string) ([]phrase, error) {
	seen := map[string]bool{}
	var out []phrase
	for _, raw := range entries {
		var ws []string
		for _, tok := range strings.Fields(raw) {
			if tok == "*" { // a gap: up to three words ("habt ihr * auf")
				ws = append(ws, gap)
				continue
			}
			tw := Words(tok)
			if len(tw) > 0 && strings.HasSuffix(tok, "*") {
				tw[len(tw)-1] += "*"
			}
			ws = append(ws, tw...)
		}
		if len(ws) == 0 || ws[0] == gap || ws[len(ws)-1] == gap {
			return nil, fmt.Errorf("nlu: phrases/%s.toml [%s]: empty entry or a gap at an end: %q", lang, name, raw)
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

// gap stands for up to maxGap words in a phrase.
const (
	gap    = "\x00gap"
	maxGap = 3
)

// end returns where a match of p from position i ends, or -1.
func (p phrase) end(words []string, i int) int {
	if len(p) == 0 {
		return i
	}
	if p[0] == gap {
		for skip := 0; skip <= maxGap && i+skip <= len(words); skip++ {
			if e := p[1:].end(words, i+skip); e >= 0 {
				return e
			}
		}
		return -1
	}
	if i >= len(words) || !wordFits(p[0], words[i]) {
		return -1
	}
	return p[1:].end(words, i+1)
}

// wordFits matches one phrase word: the same word, or a prefix with *.
func wordFits(pw, w string) bool {
	if prefix, ok := strings.CutSuffix(pw, "*"); ok {
		return strings.HasPrefix(w, prefix)
	}
	return w == pw
}

// is reports whether p is exactly words.
func (p phrase) is(words []string) bool { return p.end(words, 0) == len(words) }

package nlu

import (
	"embed"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	Except  []string `toml:"except"` // longer phrases a phrase stands in without meaning the intent ("hay fever")
}

// phrase is an entry in word form; a word ending in * matches by prefix.
type phrase []string

// entry is an intent's phrases, in all languages.
type entry struct {
	alone, anywhere, except []phrase
}

// Lexicon is what the phrase files say, compiled for matching.
type Lexicon struct {
	parses   atomic.Int64 // messages parsed (Parse)
	intents  map[Intent]*entry
	negation []phrase
	aside    []phrase                              // what is over, long ago or a precaution ([aside])
	polite   map[string]bool                       // words a short command may carry ([polite])
	numbers  map[string]string                     // number words ([numbers])
	months   map[string]string                     // month names ([months])
	dates    map[string]string                     // named days ([dates]: "heiligabend" -> "24.12")
	holidays map[string]string                     // other names of holidays ([holidays])
	synonyms map[string]string                     // brands and short forms to ingredients ([synonyms])
	written  map[string]map[string][]string        // intent -> language -> entries as written, for docs/conversation.md
	turn     map[string]bool                       // words that begin a new clause ([turn])
	join     map[string]bool                       // "und", "and": a new clause when a question starts after it ([join])
	asks     map[string]bool                       // words a question starts with ([asks])
	forms    map[string]string                     // dosage forms to the inventory's name ([forms])
	short    map[string]string                     // short forms to the word they stand for ([short])
	units    map[string]string                     // dosage form words to what a pack count counts ([units])
	kinds    map[string]string                     // product form words to the form they are a kind of ([form_kinds])
	days     map[string]string                     // days from today ([days])
	weekdays map[string]string                     // days of the week, 0 Sunday ([weekdays])
	ordinals map[string]string                     // places in a list, 0 the last ([ordinals])
	sets     map[string]map[string]bool            // named word lists ([words]), all languages
	setsBy   map[string]map[string]map[string]bool // the same, by language
}

// WordLists are the lists a [words] section may hold.
var WordLists = []string{"strength_units", "count_words", "fillers", "lead", "question_openers", "product_asks",
	"choice", "small_talk", "use_openers", "use_verbs", "language", "prescription",
	"pack_words", "pieces", "of_it", "quantity_labels", "polite", "ask_about", "later", "self", "of_item", "thanks_first", "more", "service", "any_choice", "next_week", "next", "same_again", "accept", "yes", "instead", "replaced", "twice", "fewer", "total", "by_maker", "erase_objects", "what_if", "any_words", "both", "pickup_ask", "clock", "pickup_by", "pickup_verbs", "date_of", "durations", "no_choice", "bring_ask", "stock_ask", "weekend", "delivery_ask", "holidays_any", "middle", "last_time", "money", "at_time", "combination", "branch_filler", "branch_names", "number_before", "number_after",
	"erx", "erx_electronic", "prescriber", "erx_media", "lacking", "rx_handin", "same_as", "earlier", "need",
	"day_ask", "day_follow", "had", "asking", "only",
	"yes_alone", "times", "times_suffixes", "part_joiners", "day_only", "ordinal_suffixes", "weekday_suffixes", "not_days",
	"of", "size_suffixes", "pack_refs", "not_maker_lead", "not_maker", "maker_tail", "pzn_labels"}

// Load reads the embedded phrase files of every language.
func Load() (*Lexicon, error) {
	lx := &Lexicon{intents: map[Intent]*entry{}, polite: map[string]bool{}, turn: map[string]bool{}, join: map[string]bool{}, asks: map[string]bool{}, numbers: map[string]string{},
		months: map[string]string{}, dates: map[string]string{}, holidays: map[string]string{}, synonyms: map[string]string{},
		written: map[string]map[string][]string{}, forms: map[string]string{}, days: map[string]string{},
		weekdays: map[string]string{}, ordinals: map[string]string{}, short: map[string]string{}, units: map[string]string{}, kinds: map[string]string{}, sets: map[string]map[string]bool{},
		setsBy: map[string]map[string]map[string]bool{}}
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

// add compiles one language's phrase file into lx, section by section in
// the order of their names. An unknown section or key, an empty or
// duplicate phrase is an error naming the file.
func (lx *Lexicon) add(lang string, data []byte) error {
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml: %w", lang, err)
	}
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		if err := lx.addSection(lang, name, md, raw[name]); err != nil {
			return err
		}
	}
	if un := md.Undecoded(); len(un) > 0 {
		return fmt.Errorf("nlu: phrases/%s.toml: unknown key %s", lang, un[0])
	}
	return nil
}

// addSection compiles the section name of a phrase file: a table, the
// [words] lists, [negation], [aside], the one-word sets [polite], [turn],
// [join] and [asks], or an
// intent's phrases.
func (lx *Lexicon) addSection(lang, name string, md toml.MetaData, p toml.Primitive) error {
	if table, ok := lx.tables()[name]; ok {
		return addTable(lang, name, md, p, table)
	}
	var sec section
	if err := md.PrimitiveDecode(p, &sec); err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml [%s]: %w", lang, name, err)
	}
	switch name {
	case "words":
		return lx.addWords(lang, md, p)
	case "negation":
		ps, err := compile(lang, name, sec.Phrases)
		lx.negation = append(lx.negation, ps...)
		return err
	case "aside":
		ps, err := compile(lang, name, sec.Phrases)
		lx.aside = append(lx.aside, ps...)
		return err
	case "polite":
		return addOneWords(lang, name, sec.Phrases, lx.polite)
	case "turn":
		return addOneWords(lang, name, sec.Phrases, lx.turn)
	case "join":
		return addOneWords(lang, name, sec.Phrases, lx.join)
	case "asks":
		return addOneWords(lang, name, sec.Phrases, lx.asks)
	}
	return lx.addIntent(lang, name, sec)
}

// addOneWords puts a section's phrases into set, each of which must be
// one word.
func addOneWords(lang, name string, phrases []string, set map[string]bool) error {
	for _, w := range phrases {
		ws := Words(w)
		if len(ws) != 1 {
			return fmt.Errorf("nlu: phrases/%s.toml [%s]: %q is not one word", lang, name, w)
		}
		set[ws[0]] = true
	}
	return nil
}

// addIntent compiles an intent's section: its phrases for the whole
// message (alone), those found anywhere in it, kept as written too for
// docs/conversation.md, and the longer phrases that do not mean it
// (except: "hay fever" holds "fever").
func (lx *Lexicon) addIntent(lang, name string, sec section) error {
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
	except, err := compile(lang, name, sec.Except)
	if err != nil {
		return err
	}
	e.alone, e.anywhere, e.except = append(e.alone, alone...), append(e.anywhere, anywhere...), append(e.except, except...)
	return nil
}

// tables are the sections that name a value with the words that say it:
// [numbers] (2 = ["zwei"]), [months] (10 = ["oktober", "okt"]), [dates]
// ("24.12" = ["heiligabend"]) and [holidays] (a calendar's holiday name =
// the other names people give it).
func (lx *Lexicon) tables() map[string]map[string]string {
	return map[string]map[string]string{"numbers": lx.numbers, "months": lx.months, "dates": lx.dates, "holidays": lx.holidays,
		"synonyms": lx.synonyms, "forms": lx.forms, "days": lx.days, "weekdays": lx.weekdays, "ordinals": lx.ordinals, "short": lx.short, "units": lx.units, "form_kinds": lx.kinds}
}

// addTable reads such a section into table: each phrase, in word form, to
// its value.
func addTable(lang, name string, md toml.MetaData, p toml.Primitive, table map[string]string) error {
	var rows map[string][]string
	if err := md.PrimitiveDecode(p, &rows); err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml [%s]: %w", lang, name, err)
	}
	for value, phrases := range rows {
		if numeric[name] {
			if n, err := strconv.Atoi(value); err != nil || n < 0 || name == "months" && (n < 1 || n > 12) || name == "weekdays" && n > 6 {
				return fmt.Errorf("nlu: phrases/%s.toml [%s]: %q is no %s", lang, name, value, strings.TrimSuffix(name, "s"))
			}
		}
		for _, ph := range phrases {
			ws := Words(ph)
			if spelled[name] {
				ws = Spelled(ph)
			}
			if len(ws) == 0 || (name == "numbers" || name == "months") && len(ws) != 1 || len(ws) > maxPhrase {
				return fmt.Errorf("nlu: phrases/%s.toml [%s]: %q is not one word", lang, name, ph)
			}
			table[strings.Join(ws, " ")] = value
		}
	}
	return nil
}

// spelled tables compare words with their repeated letters (see Spelled).
var spelled = map[string]bool{"forms": true, "days": true, "weekdays": true, "ordinals": true, "short": true, "units": true, "form_kinds": true}

// numeric tables map words to numbers.
var numeric = map[string]bool{"numbers": true, "months": true, "days": true, "weekdays": true, "ordinals": true}

// maxPhrase is the most words a table's phrase may have.
const maxPhrase = 5

// addWords reads a [words] section: named lists of words or short
// phrases, kept in word form.
func (lx *Lexicon) addWords(lang string, md toml.MetaData, p toml.Primitive) error {
	var lists map[string][]string
	if err := md.PrimitiveDecode(p, &lists); err != nil {
		return fmt.Errorf("nlu: phrases/%s.toml [words]: %w", lang, err)
	}
	if lx.setsBy[lang] == nil {
		lx.setsBy[lang] = map[string]map[string]bool{}
	}
	for name, entries := range lists {
		if !slices.Contains(WordLists, name) {
			return fmt.Errorf("nlu: phrases/%s.toml [words]: unknown list %q", lang, name)
		}
		for _, set := range []map[string]map[string]bool{lx.sets, lx.setsBy[lang]} {
			if set[name] == nil {
				set[name] = map[string]bool{}
			}
		}
		for _, e := range entries {
			ws := Spelled(e)
			if len(ws) == 0 || len(ws) > maxPhrase {
				return fmt.Errorf("nlu: phrases/%s.toml [words] %s: %q is no word or too long", lang, name, e)
			}
			key := strings.Join(ws, " ")
			lx.sets[name][key], lx.setsBy[lang][name][key] = true, true
		}
	}
	return nil
}

// In reports whether a word (in any spelling Words reads alike) is on the
// [words] list named list, in any language.
func (lx *Lexicon) In(list, word string) bool {
	return lx.sets[list][strings.Join(Spelled(word), " ")]
}

// InLang is In for one language's list.
func (lx *Lexicon) InLang(lang, list, word string) bool {
	return lx.setsBy[lang][list][strings.Join(Spelled(word), " ")]
}

// List returns the entries of a [words] list in word form, sorted.
func (lx *Lexicon) List(list string) []string {
	var out []string
	for k := range lx.sets[list] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Form returns the inventory's name of the dosage form the words from
// position i name ("drops" -> "tropfen"), and how many words it takes.
func (lx *Lexicon) Form(words []string, i int) (string, int) { return lookup(lx.forms, words, i) }

// FormKinds returns the product form words that are a kind of the form
// asked for ([form_kinds]: "spray" -> "dosieraerosol", "nasenspray").
func (lx *Lexicon) FormKinds(form string) []string {
	var out []string
	for k, v := range lx.kinds {
		if v == form {
			out = append(out, k)
		}
	}
	return out
}

// Unit returns what a pack's count counts when the words from i name its
// dosage form ([units]: "ml", "g", "puffs", "pieces"), or "".
func (lx *Lexicon) Unit(words []string, i int) string {
	u, _ := lookup(lx.units, words, i)
	return u
}

// Short returns the word a short form stands for ("ibu" -> "ibuprofen"),
// in the bot's spelling (ä as ae), or "" for a word that is none.
func (lx *Lexicon) Short(word string) string {
	v, _ := lookup(lx.short, []string{word}, 0)
	return strings.Join(Spelled(v), " ")
}

// Day returns how many days from today the words from position i name
// ("übermorgen", "day after tomorrow", also with one typo: "übermorgn"),
// and how many words it takes.
func (lx *Lexicon) Day(words []string, i int) (offset, n int) { return lookupDay(lx.days, words, i) }

// Weekday returns the day of the week (0 Sunday) the words from i name,
// as Day does.
func (lx *Lexicon) Weekday(words []string, i int) (day, n int) {
	return lookupDay(lx.weekdays, words, i)
}

// lookupDay is lookupNumber, forgiving one typo in a word of six letters
// or more ("Mitwoch", "donnerstg"): day names are far apart.
func lookupDay(table map[string]string, words []string, i int) (int, int) {
	if v, n := lookupNumber(table, words, i); n > 0 {
		return v, n
	}
	if i >= len(words) || len(words[i]) < 6 {
		return 0, 0
	}
	w := strings.Join(Spelled(words[i]), " ")
	for key, v := range table {
		if !strings.Contains(key, " ") && WithinEdits(w, key, 1) {
			if num, err := strconv.Atoi(v); err == nil {
				return num, 1
			}
		}
	}
	return 0, 0
}

// Ordinal returns the place ("erste" 1, "last" 0) a word names.
func (lx *Lexicon) Ordinal(word string) (int, bool) {
	n, k := lookupNumber(lx.ordinals, Spelled(word), 0)
	return n, k > 0
}

// lookup finds the longest phrase of table at words[i:], in word form;
// words are compared as Words reads them.
func lookup(table map[string]string, words []string, i int) (string, int) {
	for k := min(len(words), i+maxPhrase); k > i; k-- {
		var key []string
		for _, w := range words[i:k] {
			key = append(key, Spelled(w)...)
		}
		if v, ok := table[strings.Join(key, " ")]; ok {
			return v, k - i
		}
	}
	return "", 0
}

func lookupNumber(table map[string]string, words []string, i int) (int, int) {
	v, n := lookup(table, words, i)
	if n == 0 {
		return 0, 0
	}
	num, err := strconv.Atoi(v)
	if err != nil {
		return 0, 0
	}
	return num, n
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

// Default is the lexicon of the embedded phrase files, loaded once: the
// same for every caller, and an error (never a panic) if a file is broken.
var Default = sync.OnceValues(Load)

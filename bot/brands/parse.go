package brands

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Limits of a brand file.
const (
	maxFile  = 1 << 20 // bytes
	maxWords = 6       // words in a name
	maxText  = 100     // bytes in a name, an ingredient, a form or a strength
)

// Error is a brand file that cannot be read, in German and English, with
// the line it is about (0 when it is about the whole file).
type Error struct {
	File   string
	Line   int
	De, En string
}

func (e *Error) Error() string {
	de, en := e.File, e.File
	if e.Line > 0 {
		de, en = fmt.Sprintf("%s, Zeile %d", e.File, e.Line), fmt.Sprintf("%s, line %d", e.File, e.Line)
	}
	return fmt.Sprintf("%s: %s / %s: %s", de, e.De, en, e.En)
}

// record is one [[brand]] table as written.
type record struct {
	Name        string   `toml:"name"`
	Aliases     []string `toml:"aliases"`
	Ingredients []string `toml:"ingredients"`
	Form        string   `toml:"form"`
	Strength    string   `toml:"strength"`
	Ambiguous   bool     `toml:"ambiguous"`
}

// fields are the keys a [[brand]] table may have.
var fields = []string{"name", "aliases", "ingredients", "form", "strength", "ambiguous"}

// Extend returns a new set: s with the brands of the file data (named file
// in errors) added. An entry takes over the names it shares with an entry
// of s, in all their spellings; that entry keeps its other names, or goes
// when it has none left. A file with any error adds nothing.
func (s *Set) Extend(file string, data []byte) (*Set, error) {
	if len(data) > maxFile {
		return nil, &Error{File: file, De: "größer als 1 MiB", En: "larger than 1 MiB"}
	}
	added, err := parse(file, string(data))
	if err != nil {
		return nil, err
	}
	taken := map[string]*entry{} // a name run together → the new entry that has it
	for _, e := range added {
		for _, k := range e.keys() {
			taken[k.compact] = e
		}
	}
	out := &Set{spaced: map[string]*entry{}, compact: map[string]compactKey{}, starts: map[string]bool{}}
	for _, e := range s.entries {
		if kept := e.without(taken); kept != nil {
			out.add(kept)
		}
	}
	for _, e := range added {
		out.add(e)
	}
	return out, nil
}

// without returns a copy of e without the names taken, or nil when none is
// left; a taken name joins the entry that took it, so that every spelling
// of it finds that entry.
func (e *entry) without(taken map[string]*entry) *entry {
	var kept []string
	for _, n := range e.names {
		one := &entry{names: []string{n}}
		var taker *entry
		for _, k := range one.keys() {
			taker = cmp.Or(taken[k.compact], taker)
		}
		if taker == nil {
			kept = append(kept, n)
		} else {
			taker.names = append(taker.names, n)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return &entry{brand: e.brand, names: kept, line: e.line, file: e.file}
}

// parse reads a brand file's entries and checks each.
func parse(file, text string) ([]*entry, error) {
	var top map[string]toml.Primitive
	md, err := toml.Decode(text, &top)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: file, Line: pe.Position.Line, De: "kein gültiges TOML: " + pe.Message, En: "not valid TOML: " + pe.Message}
		}
		return nil, &Error{File: file, De: "kein gültiges TOML: " + err.Error(), En: "not valid TOML: " + err.Error()}
	}
	for key := range top {
		if key != "brand" {
			return nil, &Error{File: file, Line: lineOf(text, key), De: fmt.Sprintf("unbekannter Schlüssel %q: erwartet sind [[brand]]-Tabellen", key),
				En: fmt.Sprintf("unknown key %q: want [[brand]] tables", key)}
		}
	}
	var tables []toml.Primitive
	if err := md.PrimitiveDecode(top["brand"], &tables); err != nil {
		return nil, &Error{File: file, Line: lineOf(text, "brand"), De: "brand muss aus [[brand]]-Tabellen bestehen", En: "brand must be [[brand]] tables"}
	}
	lines := tableLines(text)
	seen := map[string]*entry{}
	out := make([]*entry, 0, len(tables))
	for i, p := range tables {
		line := 0
		if len(lines) == len(tables) {
			line = lines[i]
		}
		e, err := read(md, p, file, line)
		if err != nil {
			return nil, err
		}
		if err := unique(e, seen); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// read decodes and checks one [[brand]] table.
func read(md toml.MetaData, p toml.Primitive, file string, line int) (*entry, error) {
	fail := func(de, en string) error { return &Error{File: file, Line: line, De: de, En: en} }
	var keys map[string]toml.Primitive
	if err := md.PrimitiveDecode(p, &keys); err != nil {
		return nil, fail("kein Eintrag: "+err.Error(), "no entry: "+err.Error())
	}
	for k := range keys {
		if !slices.Contains(fields, k) {
			return nil, fail(fmt.Sprintf("unbekannter Schlüssel %q (erlaubt: %s)", k, strings.Join(fields, ", ")),
				fmt.Sprintf("unknown key %q (allowed: %s)", k, strings.Join(fields, ", ")))
		}
	}
	var r record
	if err := md.PrimitiveDecode(p, &r); err != nil {
		return nil, fail("falscher Typ: "+err.Error(), "wrong type: "+err.Error())
	}
	if de, en := check(r); de != "" {
		return nil, fail(de, en)
	}
	e := &entry{names: append([]string{r.Name}, r.Aliases...), line: line, file: file, brand: Brand{Name: r.Name,
		Ingredients: r.Ingredients, Form: strings.TrimSpace(r.Form), Strength: strings.TrimSpace(r.Strength), Ambiguous: r.Ambiguous}}
	e.brand.Combination = !r.Ambiguous && len(r.Ingredients) > 1
	return e, nil
}

// check says in German and English what is wrong with a record, or "".
func check(r record) (de, en string) {
	for _, n := range append([]string{r.Name}, r.Aliases...) {
		switch ws := words(n, false); {
		case len(ws) == 0:
			return fmt.Sprintf("Name %q ohne Buchstaben oder Ziffern (name fehlt?)", n), fmt.Sprintf("name %q has no letters or digits (name missing?)", n)
		case len(ws) > maxWords || len(n) > maxText:
			return fmt.Sprintf("Name %q ist länger als %d Wörter oder %d Zeichen", n, maxWords, maxText),
				fmt.Sprintf("name %q is longer than %d words or %d characters", n, maxWords, maxText)
		}
	}
	switch {
	case len(r.Ingredients) == 0:
		return fmt.Sprintf("%q: ingredients fehlt", r.Name), fmt.Sprintf("%q: ingredients is missing", r.Name)
	case r.Ambiguous && len(r.Ingredients) < 2:
		return fmt.Sprintf("%q: ambiguous braucht mindestens zwei ingredients", r.Name), fmt.Sprintf("%q: ambiguous needs at least two ingredients", r.Name)
	case r.Strength != "" && !startsWithDigit(r.Strength):
		return fmt.Sprintf("%q: strength beginnt mit einer Zahl („400 mg“), nicht %q", r.Name, r.Strength),
			fmt.Sprintf("%q: strength begins with a number (\"400 mg\"), not %q", r.Name, r.Strength)
	case len(r.Form) > maxText || len(r.Strength) > maxText:
		return fmt.Sprintf("%q: form oder strength zu lang", r.Name), fmt.Sprintf("%q: form or strength too long", r.Name)
	}
	for _, in := range r.Ingredients {
		if strings.TrimSpace(in) == "" || len(in) > maxText {
			return fmt.Sprintf("%q: ein leerer oder zu langer Wirkstoff", r.Name), fmt.Sprintf("%q: an empty or too long ingredient", r.Name)
		}
	}
	return "", ""
}

func startsWithDigit(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// unique fails an entry with a name that an earlier entry of the same
// file already has, in any spelling the lookup reads alike.
func unique(e *entry, seen map[string]*entry) error {
	for _, k := range e.keys() {
		if first := seen[k.compact]; first != nil && first != e {
			return &Error{File: e.file, Line: e.line, De: fmt.Sprintf("%q steht schon in Zeile %d", k.name, first.line),
				En: fmt.Sprintf("%q is already on line %d", k.name, first.line)}
		}
		seen[k.compact] = e
	}
	return nil
}

// tableLines returns the line of each [[brand]] header in text.
func tableLines(text string) []int {
	var out []int
	for i, l := range strings.Split(text, "\n") {
		l, _, _ = strings.Cut(l, "#")
		if strings.ReplaceAll(strings.TrimSpace(l), " ", "") == "[[brand]]" {
			out = append(out, i+1)
		}
	}
	return out
}

// lineOf returns the first line that begins with key (bare, quoted or as
// a table header), or 0.
func lineOf(text, key string) int {
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimLeft(strings.TrimSpace(l), "[\"'")
		if strings.HasPrefix(l, key) {
			return i + 1
		}
	}
	return 0
}

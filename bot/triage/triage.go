package triage

import (
	"embed"
	"fmt"
	"sync"

	"github.com/BurntSushi/toml"
)

//go:embed words/*.toml centres.toml
var files embed.FS

// Languages are the languages the word files cover.
var Languages = []string{"de", "en"}

// Finding is what a message says about help needed now; the zero value
// says nothing.
type Finding struct {
	Danger bool // an emergency: 112
	Poison bool // something swallowed: the poison information centre
	Urgent bool // help soon: 116 117 and the pharmacy on duty
}

// Any reports whether the message needs an answer of triage.
func (f Finding) Any() bool { return f.Danger || f.Poison || f.Urgent }

// Centre is a poison information centre (Giftinformationszentrum).
type Centre struct {
	Name  string `toml:"name"`
	Phone string `toml:"phone"`
}

// Reader holds the rules of every language and the centres.
type Reader struct {
	danger, poison, urgent []rule
	aside                  []aside // a clause about what is over, usual or a precaution: not read
	turn                   []word  // words that begin a new clause ("aber jetzt")
	negation               []word  // "nicht", "nix", "not": before a word, it takes the word back
	particles              []word  // "aber", "ja": passed over between a word and its negation
	calm                   []word
	past                   []word // an illness had before ("seit meinem Herzinfarkt"), or a mild one ("food poisoning"): no emergency now
	fever                  []word
	feverFrom              float64
	centres                map[string]Centre
}

// file is one word file as written.
type file struct {
	Calm      []string   `toml:"calm"`
	Past      []string   `toml:"past"`
	Harmless  []string   `toml:"harmless"`
	Fever     []string   `toml:"fever"`
	FeverFrom float64    `toml:"fever_from"`
	Negation  []string   `toml:"negation"`
	Particles []string   `toml:"particles"`
	Turn      []string   `toml:"turn"`
	Aside     []fileRule `toml:"aside"`
	Danger    []fileRule `toml:"danger"`
	Poison    []fileRule `toml:"poison"`
	Urgent    []fileRule `toml:"urgent"`
}

type fileRule struct {
	All  [][]string `toml:"all"`
	None []string   `toml:"none"` // aside only: not when one of these is in the clause
}

// Default is the Reader of the embedded files, read once. The files are
// part of the binary and a test reads them, so an error here is a broken
// build, not a condition to handle.
var Default = sync.OnceValue(func() *Reader {
	r, err := Load()
	if err != nil {
		panic(err)
	}
	return r
})

// Load reads the embedded word files and centres.
func Load() (*Reader, error) {
	r := &Reader{centres: map[string]Centre{}}
	for _, lang := range Languages {
		var f file
		if err := decode("words/"+lang+".toml", &f); err != nil {
			return nil, err
		}
		if err := r.add(f); err != nil {
			return nil, fmt.Errorf("triage: words/%s.toml: %w", lang, err)
		}
	}
	if err := decode("centres.toml", &r.centres); err != nil {
		return nil, err
	}
	r.markOwnNegations()
	return r, nil
}

// markOwnNegations notes the rules that name a negation themselves.
func (r *Reader) markOwnNegations() {
	for _, rules := range [][]rule{r.danger, r.poison, r.urgent} {
		for i := range rules {
			rules[i].ownNegation = rules[i].namesNegation(r)
		}
	}
	for i := range r.aside {
		r.aside[i].ownNegation = r.aside[i].namesNegation(r)
	}
}

func decode(name string, v any) error {
	data, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		return fmt.Errorf("triage: %s: %w", name, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return fmt.Errorf("triage: %s: unknown keys %v", name, un)
	}
	return nil
}

// add compiles one language's file into r.
func (r *Reader) add(f file) error {
	for _, set := range []struct {
		in  []fileRule
		out *[]rule
	}{{f.Danger, &r.danger}, {f.Poison, &r.poison}, {f.Urgent, &r.urgent}} {
		for _, fr := range set.in {
			ru, err := compileRule(fr.All)
			if err != nil {
				return err
			}
			*set.out = append(*set.out, ru)
		}
	}
	for _, fr := range f.Aside {
		ru, err := compileRule(fr.All)
		if err != nil {
			return err
		}
		r.aside = append(r.aside, aside{ru, compileWords(fr.None)})
	}
	r.negation = append(r.negation, compileWords(f.Negation)...)
	r.particles = append(r.particles, compileWords(f.Particles)...)
	r.turn = append(r.turn, compileWords(f.Turn)...)
	r.calm = append(r.calm, compileWords(f.Calm)...)
	r.past = append(r.past, compileWords(f.Past)...)
	r.past = append(r.past, compileWords(f.Harmless)...)
	r.fever = append(r.fever, compileWords(f.Fever)...)
	if f.FeverFrom > 0 {
		r.feverFrom = f.FeverFrom
	}
	return nil
}

// Read says what text says about help needed now. "Kein Notfall" and its
// like take back an urgency, never an emergency or a poisoning; a clause
// about what is over, usual or a precaution ("das Fieber ist zum Glück
// weg", "für den Notfall") is not read; a word right after a negation
// ("nix geschwollen") does not count.
func (r *Reader) Read(text string) Finding {
	toks := r.withoutPast(r.withoutAsides(text))
	f := Finding{Danger: r.anyRule(r.danger, toks), Poison: r.anyRule(r.poison, toks)}
	f.Urgent = (r.anyRule(r.urgent, toks) || r.feverHigh(toks)) && !anyWord(r.calm, r.withoutParticles(toks))
	return f
}

// withoutPast blanks the word right after each [past] or [harmless]
// phrase: an illness had before, said as why a medicine is taken ("seit
// meinem Herzinfarkt 2019", "since my stroke"), or a mild one ("food
// poisoning"), is no emergency now. Only that one word: "seit meinem Sturz
// kriegt er keine Luft" is still one.
func (r *Reader) withoutPast(toks []string) []string {
	for i := range toks {
		for _, w := range r.past {
			if w.at(toks, i) && i+len(w) < len(toks) {
				toks[i+len(w)] = ""
			}
		}
	}
	return toks
}

// Centre is the poison information centre for the German state (ISO
// 3166-2 without "DE-": "ST"); ok is false for a state it does not know.
func (r *Reader) Centre(state string) (Centre, bool) {
	c, ok := r.centres[state]
	return c, ok
}

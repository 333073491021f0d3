// Package msg is apobot's message catalogue: every sentence it says to
// customers and staff, by ID, in German and English, read from
// messages/de.toml and messages/en.toml (embedded) and rendered through
// go-i18n, plural forms included.
//
// A translator or a pharmacist changes a sentence in the TOML file; the
// code names only its ID. TestCatalogue checks that both files hold the
// same IDs with the same template fields, and testdata/golden.txt shows
// every rendered text.
package msg

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed messages/*.toml
var files embed.FS

// ID names a message in the catalogue.
type ID string

// Args are a message's template fields: {{.Name}} in the text. The field
// "Count" also picks the plural form.
type Args map[string]any

// Languages are the catalogue's languages; the first is the default.
var Languages = []string{"de", "en"}

var cat = sync.OnceValue(load)

type catalogue struct {
	loc    map[string]*i18n.Localizer
	ids    map[ID]bool
	plural map[ID]bool // has a form for one ("in einer Minute")
}

func load() *catalogue {
	b := i18n.NewBundle(language.German)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &catalogue{loc: map[string]*i18n.Localizer{}, ids: map[ID]bool{}, plural: map[ID]bool{}}
	for _, lang := range Languages {
		mf, err := b.LoadMessageFileFS(files, "messages/"+lang+".toml")
		if err != nil {
			panic(fmt.Sprintf("msg: %v", err)) // embedded: a test catches it first
		}
		for _, m := range mf.Messages {
			c.ids[ID(m.ID)] = true
			if m.One != "" || m.Few != "" || m.Many != "" {
				c.plural[ID(m.ID)] = true
			}
		}
		c.loc[lang] = i18n.NewLocalizer(b, lang)
	}
	return c
}

// Lang is "en" for English and "de" for anything else.
func Lang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "de"
}

// Phrase is an argument that is written differently per language (a
// time, a status); Text renders it in the message's language.
type Phrase interface{ Text(lang string) string }

// Text renders id in lang ("de" or "en"; anything else reads as German).
// An unknown ID or a template error renders as the ID in brackets, which
// the catalogue test would have caught.
func Text(lang string, id ID, args Args) string {
	data := make(map[string]any, len(args))
	for k, v := range args {
		if p, ok := v.(Phrase); ok {
			v = p.Text(Lang(lang))
		}
		data[k] = v
	}
	lc := &i18n.LocalizeConfig{MessageID: string(id), TemplateData: data}
	if n, ok := args["Count"]; ok && cat().plural[id] { // only a message with plural forms takes one
		lc.PluralCount = n
	}
	s, err := cat().loc[Lang(lang)].Localize(lc)
	if err != nil {
		return "[" + string(id) + "]"
	}
	return s
}

// Known reports whether the catalogue has id.
func Known(id ID) bool { return cat().ids[id] }

// IDs lists the catalogue's IDs, sorted.
func IDs() []ID {
	var out []ID
	for id := range cat().ids {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Source returns a language's message file, for the tests.
func Source(lang string) ([]byte, error) { return fs.ReadFile(files, "messages/"+lang+".toml") }

// List joins items as people write a list: "a, b und c" or "a, b and c".
func List(lang string, items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + Text(lang, "list.and", nil) + " " + items[len(items)-1]
}

// Quote puts each item in the language's quotation marks, joined by
// commas: „a“, „b“ or "a", "b".
func Quote(lang string, items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = Text(lang, "product.quoted", Args{"Text": it})
	}
	return strings.Join(q, ", ")
}

// Of is a catalogue message as an argument of another: rendered in the
// outer message's language ("Zeile 3: Der Name fehlt.").
func Of(id ID, args Args) Phrase { return ref{id, args} }

type ref struct {
	id   ID
	args Args
}

func (r ref) Text(lang string) string { return Text(lang, r.id, r.args) }

package templates

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/apobot/apobot/bot/msg"
)

//go:embed *.html
var pages embed.FS

//go:embed static
var static embed.FS

// standalone pages carry their own frame; staff pages are drawn into
// layout.html.
var (
	standalone = []string{"chat.html", "login.html", "error.html"}
	framed     = []string{"queue.html", "request.html", "pickups.html", "inventory.html", "accounts.html"}
)

// Set is every page in every language, parsed once at start-up.
type Set struct {
	byLang map[string]map[string]*template.Template
}

// Langs are the languages of the pages; the first is the default.
var Langs = []string{"de", "en"}

// funcs are the helpers pages may use; t renders a catalogue message in
// the page's language with its fields given as name, value pairs:
// {{t "tablet.found" "Total" 3}}.
func funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t": func(id string, kv ...any) string {
			args := msg.Args{}
			for i := 0; i+1 < len(kv); i += 2 {
				if k, ok := kv[i].(string); ok {
					args[k] = kv[i+1]
				}
			}
			return msg.Text(lang, msg.ID(id), args)
		},
		"add":   func(a, b int) int { return a + b },
		"clock": func(t time.Time) string { return t.Format("15:04") },
		"lower": strings.ToLower,
	}
}

// Parse parses every page in every language; it fails when one is missing
// or broken, so a broken build cannot start.
func Parse() (*Set, error) {
	s := &Set{byLang: map[string]map[string]*template.Template{}}
	for _, lang := range Langs {
		set, err := parseLang(lang)
		if err != nil {
			return nil, fmt.Errorf("templates (%s): %w", lang, err)
		}
		s.byLang[lang] = set
	}
	return s, nil
}

func parseLang(lang string) (map[string]*template.Template, error) {
	set := map[string]*template.Template{}
	for _, p := range standalone {
		t, err := template.New(p).Funcs(funcs(lang)).ParseFS(pages, p)
		if err != nil {
			return nil, err
		}
		set[p] = t
	}
	layout, err := template.New("layout.html").Funcs(funcs(lang)).ParseFS(pages, "layout.html")
	if err != nil {
		return nil, err
	}
	for _, p := range framed {
		t, err := template.Must(layout.Clone()).ParseFS(pages, p)
		if err != nil {
			return nil, err
		}
		set[p] = t
	}
	return set, nil
}

// Execute renders page in lang (for a staff page, inside the layout) into
// w; an unknown language is the default one. A name "page.html#block"
// renders one block of the page alone.
func (s *Set) Execute(w io.Writer, lang, name string, data any) error {
	page, block, _ := strings.Cut(name, "#")
	set, ok := s.byLang[lang]
	if !ok {
		set = s.byLang[Langs[0]]
	}
	t := set[page]
	if t == nil {
		return fmt.Errorf("templates: no page %s", page)
	}
	if block == "" {
		block = page
		if t.Lookup("layout.html") != nil {
			block = "layout.html"
		}
	}
	return t.ExecuteTemplate(w, block, data)
}

// Static returns the stylesheets and scripts, served under /static/.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the folder is embedded: it is always there
	}
	return sub
}

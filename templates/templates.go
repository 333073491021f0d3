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

// Set is every page, parsed once at start-up.
type Set struct {
	byPage map[string]*template.Template
}

// StaffLang is the language of the tablet pages: their words come from
// the message catalogue (bot/msg, tablet.*).
const StaffLang = "de"

// funcs are the helpers pages may use; t renders a catalogue message with
// its fields given as name, value pairs: {{t "tablet.found" "Total" 3}}.
var funcs = template.FuncMap{
	"t": func(id string, kv ...any) string {
		args := msg.Args{}
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				args[k] = kv[i+1]
			}
		}
		return msg.Text(StaffLang, msg.ID(id), args)
	},
	"add":   func(a, b int) int { return a + b },
	"clock": func(t time.Time) string { return t.Format("15:04") },
	"lower": strings.ToLower,
}

// Parse parses every page; it fails when one is missing or broken, so a
// broken build cannot start.
func Parse() (*Set, error) {
	s := &Set{byPage: map[string]*template.Template{}}
	for _, p := range standalone {
		t, err := template.New(p).Funcs(funcs).ParseFS(pages, p)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		s.byPage[p] = t
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(pages, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	for _, p := range framed {
		t, err := template.Must(layout.Clone()).ParseFS(pages, p)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		s.byPage[p] = t
	}
	return s, nil
}

// Execute renders page (for a staff page, inside the layout) into w. A name
// "page.html#block" renders one block of the page alone.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	page, block, _ := strings.Cut(name, "#")
	t := s.byPage[page]
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

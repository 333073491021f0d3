package templates

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"time"
)

//go:embed *.html
var pages embed.FS

//go:embed static
var static embed.FS

// standalone pages carry their own frame; staff pages are drawn into
// layout.html.
var (
	standalone = []string{"chat.html", "login.html", "error.html"}
	framed     = []string{"queue.html", "request.html", "pickups.html", "inventory.html"}
)

// Set is every page, parsed once at start-up.
type Set struct {
	byPage map[string]*template.Template
}

// funcs are the helpers pages may use.
var funcs = template.FuncMap{
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

package templates

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
)

//go:embed *.html
var pages embed.FS

//go:embed static
var static embed.FS

// Pages are the page names every build must have; Parse fails when one is
// missing, so a broken build cannot start.
var Pages = []string{"chat.html"}

// Parse parses every page once, at start-up.
func Parse() (*template.Template, error) {
	t, err := template.New("").ParseFS(pages, "*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	for _, p := range Pages {
		if t.Lookup(p) == nil {
			return nil, fmt.Errorf("templates: page %s is missing", p)
		}
	}
	return t, nil
}

// Static returns the stylesheets, scripts and sounds, served under /static/.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the folder is embedded: it is always there
	}
	return sub
}

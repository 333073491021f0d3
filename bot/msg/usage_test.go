package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// idLike is how a message ID is written in Go code.
var idLike = regexp.MustCompile(`^[a-z][a-z_]*(\.[a-z0-9_]+)+$|^[a-z][a-z_]*(\.[a-z0-9_]+)*\.$|^[a-z][a-z_]*\.[a-z_]*%d$`)

// templateID is a message named in a page template.
var templateID = regexp.MustCompile(`(?:\{\{-?\s*|\()t\s+"([^"]+)"`)

// literals returns the string literals of the module's Go files (tests
// excepted) that look like message IDs, and the IDs the page templates
// name, with where they stand.
func literals(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".html") { // the pages: {{t "tablet.found" ...}}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range templateID.FindAllStringSubmatch(string(data), -1) {
				out[m[1]] = path
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && idLike.MatchString(s) {
					out[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryIDInTheCodeIsInTheCatalogue reads the module's Go files: a
// literal that names a message must name one the catalogue has, and every
// message must be named somewhere (a literal ending in "." or "%d" names a
// family: status.name., month.m%d).
func TestEveryIDInTheCodeIsInTheCatalogue(t *testing.T) {
	lits := literals(t)
	sections := map[string]bool{}
	for _, id := range IDs() {
		sections[strings.SplitN(string(id), ".", 2)[0]] = true
	}
	var families []string
	for s, where := range lits {
		switch {
		case !sections[strings.SplitN(s, ".", 2)[0]]: // not the catalogue's: "apobot.session"
		case strings.HasSuffix(s, "."):
			families = append(families, s)
		case strings.HasSuffix(s, "%d"):
			families = append(families, strings.TrimSuffix(s, "%d"))
		case !Known(ID(s)) && !knownNonMessage[s]:
			t.Errorf("%s: %q is no message in the catalogue", where, s)
		}
	}
	for _, id := range IDs() {
		if _, ok := lits[string(id)]; ok || strings.HasPrefix(string(id), "test.") {
			continue
		}
		used := false
		for _, f := range families {
			used = used || strings.HasPrefix(string(id), f)
		}
		if !used {
			t.Errorf("%s: in the catalogue, named nowhere in the code", id)
		}
	}
}

// knownNonMessage are literals in a catalogue section's name that are
// something else.
var knownNonMessage = map[string]bool{"photo.jpg": true, "chat.html": true}

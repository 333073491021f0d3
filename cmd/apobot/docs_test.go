package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The README is the front door: short, `make run` and `make test` first, a
// link to every page in docs/. The detail lives in those pages.
const (
	readmePath     = "../../README.md"
	docsDir        = "../../docs"
	readmeMaxLines = 250
)

var (
	// fence opens or closes a code block; code spans hold no links.
	fence    = regexp.MustCompile("^\\s*```")
	codeSpan = regexp.MustCompile("`[^`]*`")
	mdLink   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	heading  = regexp.MustCompile(`^#{1,6}\s+(.+?)\s*$`)
)

// TestREADMEIsAFrontDoor: at most 250 lines, the quick start's first
// commands are `make run` and `make test`, and every page in docs/ is linked.
func TestREADMEIsAFrontDoor(t *testing.T) {
	text := readDoc(t, readmePath)
	if n := len(strings.Split(strings.TrimSuffix(text, "\n"), "\n")); n > readmeMaxLines {
		t.Errorf("README.md has %d lines, at most %d: move the detail to docs/", n, readmeMaxLines)
	}
	if first := firstCodeBlock(text); !strings.HasPrefix(first, "make run ") || !strings.HasPrefix(secondLine(first), "make test ") {
		t.Errorf("README.md's first code block is %q, want make run and make test first", first)
	}
	linked := map[string]bool{}
	for _, l := range links(text) {
		linked[filepath.Clean(strings.SplitN(l, "#", 2)[0])] = true
	}
	for _, page := range docPages(t) {
		if name := "docs/" + filepath.Base(page); !linked[name] {
			t.Errorf("README.md does not link %s", name)
		}
	}
}

// TestDocsLinksResolve: every relative link in README.md and docs/*.md leads
// to a file that exists and, with a #fragment into a Markdown file, to one of
// its headings (as GitHub names their anchors).
func TestDocsLinksResolve(t *testing.T) {
	for _, page := range append(docPages(t), readmePath) {
		for _, l := range links(readDoc(t, page)) {
			if err := resolve(page, l); err != "" {
				t.Errorf("%s: link %s: %s", strings.TrimPrefix(page, "../../"), l, err)
			}
		}
	}
}

// resolve says what is wrong with a link from page, or "".
func resolve(page, link string) string {
	if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
		return ""
	}
	file, frag, _ := strings.Cut(link, "#")
	target := page
	if file != "" {
		target = filepath.Join(filepath.Dir(page), file)
	}
	raw, err := os.ReadFile(target)
	if err != nil {
		if _, statErr := os.Stat(target); statErr == nil {
			return "" // a folder
		}
		return "no such file"
	}
	if frag != "" && strings.HasSuffix(target, ".md") && !anchors(string(raw))[frag] {
		return "no heading with the anchor #" + frag
	}
	return ""
}

// links are the targets of a page's Markdown links outside code.
func links(text string) []string {
	var out []string
	for _, line := range prose(text) {
		for _, m := range mdLink.FindAllStringSubmatch(codeSpan.ReplaceAllString(line, ""), -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// anchors are the ids GitHub gives a page's headings: lower case, spaces to
// hyphens, punctuation other than - and _ dropped, repeats numbered.
func anchors(text string) map[string]bool {
	ids, seen := map[string]bool{}, map[string]int{}
	for _, line := range prose(text) {
		m := heading.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		id := strings.Map(func(r rune) rune {
			switch {
			case r == ' ':
				return '-'
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				return r
			}
			return -1
		}, strings.ToLower(m[1]))
		if n := seen[id]; n > 0 {
			ids[id+"-"+strconv.Itoa(n)] = true
		} else {
			ids[id] = true
		}
		seen[id]++
	}
	return ids
}

// prose are a page's lines outside fenced code blocks.
func prose(text string) []string {
	var out []string
	inCode := false
	for _, line := range strings.Split(text, "\n") {
		if fence.MatchString(line) {
			inCode = !inCode
		} else if !inCode {
			out = append(out, line)
		}
	}
	return out
}

// firstCodeBlock is the text of a page's first fenced code block.
func firstCodeBlock(text string) string {
	_, rest, ok := strings.Cut(text, "```")
	if !ok {
		return ""
	}
	_, body, _ := strings.Cut(rest, "\n")
	body, _, _ = strings.Cut(body, "```")
	return body
}

// secondLine is text without its first line.
func secondLine(text string) string {
	_, rest, _ := strings.Cut(text, "\n")
	return rest
}

// docPages are the Markdown pages in docs/.
func docPages(t *testing.T) []string {
	pages, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in %s: %v", docsDir, err)
	}
	return pages
}

// readDoc reads a page or fails the test.
func readDoc(t *testing.T, path string) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

package engine

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apobot/apobot/bot"
)

func TestSplitText(t *testing.T) {
	bytesLen := func(s string) int { return len(s) }
	for _, c := range []struct {
		text  string
		limit int
		size  func(string) int
	}{
		{strings.Repeat("ä", 10), 5, bytesLen},
		{strings.Repeat("ä", 10), 5, utf8.RuneCountInString},
		{strings.Repeat("Zeile mit Umlauten äöü\n", 300), 3000, bytesLen},
		{strings.Repeat("Eine Zeile der Antwort.\n", 120), 2000, utf8.RuneCountInString},
		{"kurz", 2000, utf8.RuneCountInString},
		{strings.Repeat("x", 4500), 2000, utf8.RuneCountInString},
	} {
		parts := bot.SplitText(c.text, c.limit, c.size)
		for _, p := range parts {
			if c.size(p) > c.limit || !utf8.ValidString(p) {
				t.Fatalf("part of size %d over %d, or cut inside a rune: %q", c.size(p), c.limit, p)
			}
		}
		joined := strings.Join(parts, "\n")
		if !strings.Contains(c.text, "\n") {
			joined = strings.Join(parts, "")
		}
		if joined != c.text {
			t.Fatalf("%d parts do not give the text back", len(parts))
		}
	}
}

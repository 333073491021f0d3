package nlu

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the phrase table into README.md")

const (
	beginMark = "<!-- phrases:begin (generated from bot/nlu/phrases: go test ./bot/nlu -run TestREADME -update) -->\n"
	endMark   = "<!-- phrases:end -->"
)

// TestREADMEListsThePhrases: the README's table of what customers can
// write is the one the phrase files make.
func TestREADMEListsThePhrases(t *testing.T) {
	lx := lexicon(t)
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skip("no README.md beside the module")
	}
	readme := string(raw)
	start, end := strings.Index(readme, beginMark), strings.Index(readme, endMark)
	if start < 0 || end < start {
		t.Fatalf("README.md has no %q ... %q block", strings.TrimSpace(beginMark), endMark)
	}
	want := lx.Markdown()
	if got := readme[start+len(beginMark) : end]; got != want {
		if !*update {
			t.Fatalf("README.md's phrase table differs from the phrase files; run go test ./bot/nlu -run TestREADME -update")
		}
		readme = readme[:start+len(beginMark)] + want + readme[end:]
		if err := os.WriteFile("../../README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

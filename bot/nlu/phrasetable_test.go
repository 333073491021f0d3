package nlu

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// phraseDoc is the page that shows the phrase table, from this package's folder.
const phraseDoc = "../../docs/conversation.md"

var update = flag.Bool("update", false, "write the phrase table into docs/conversation.md")

const (
	beginMark = "<!-- phrases:begin (generated from bot/nlu/phrases: go test ./bot/nlu -run TestPhraseTable -update) -->\n"
	endMark   = "<!-- phrases:end -->"
)

// TestPhraseTableMatchesTheDocs: the table in docs/conversation.md of what
// customers can write is the one the phrase files make.
func TestPhraseTableMatchesTheDocs(t *testing.T) {
	lx := lexicon(t)
	raw, err := os.ReadFile(phraseDoc)
	if err != nil {
		t.Fatalf("the phrase table's page: %v", err)
	}
	doc := string(raw)
	start, end := strings.Index(doc, beginMark), strings.Index(doc, endMark)
	if start < 0 || end < start {
		t.Fatalf("%s has no %q ... %q block", phraseDoc, strings.TrimSpace(beginMark), endMark)
	}
	want := lx.Markdown()
	if got := doc[start+len(beginMark) : end]; got != want {
		if !*update {
			t.Fatalf("%s's phrase table differs from the phrase files; run go test ./bot/nlu -run TestPhraseTable -update", phraseDoc)
		}
		doc = doc[:start+len(beginMark)] + want + doc[end:]
		if err := os.WriteFile(phraseDoc, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/nlu"
)

// testLexicon is the dialog's words from the embedded phrase files.
func testLexicon(t testing.TB) *lexicon {
	t.Helper()
	lx, err := nlu.Default()
	if err != nil {
		t.Fatal(err)
	}
	return newLexicon(lx)
}

// TestBrokenLexiconFailsStart: phrase files that cannot be read make Start
// and Receive return the error; building the engine does not panic.
func TestBrokenLexiconFailsStart(t *testing.T) {
	broken := errors.New("de.toml: line 3: expected '='")
	e := newEngine(Config{}, func() (*nlu.Lexicon, error) { return nil, broken })
	if err := e.Start(t.Context()); !errors.Is(err, broken) || !strings.Contains(err.Error(), "phrase files") {
		t.Fatalf("Start: %v, want the phrase files' error", err)
	}
	_, err := e.Receive(context.Background(), bot.Inbound{Channel: bot.ChannelWeb, ChatKey: "k", MessageID: "1", Text: "Ibu 400"})
	if !errors.Is(err, broken) {
		t.Fatalf("Receive: %v, want the phrase files' error", err)
	}
}

// TestConfigLexiconIsUsed: a lexicon in Config is the one the dialog reads
// with, not the embedded default.
func TestConfigLexiconIsUsed(t *testing.T) {
	lx, err := nlu.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(Config{Lexicon: lx}, func() (*nlu.Lexicon, error) { t.Fatal("default loaded"); return nil, nil })
	if e.talk.lx.Lexicon != lx {
		t.Fatal("the dialog does not read with Config.Lexicon")
	}
}

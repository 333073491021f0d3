package engine_test

import (
	"context"
	"testing"

	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/nlu"
)

// TestAMessageIsReadOnce plays the fresh batches' conversations with a
// lexicon of their own and counts how often it parses a message: once per
// typed turn, whatever the stages take out of it; not at all for
// "löschen", which the runtime answers before the message is read.
func TestAMessageIsReadOnce(t *testing.T) {
	lx, err := nlu.Load()
	if err != nil {
		t.Fatal(err)
	}
	turns := 0
	for _, name := range []string{"final.txt", "orders.txt", "safety.txt", "corrections.txt"} {
		chats, titles := readConversations(t, "testdata/fresh/"+name)
		for _, title := range titles {
			// A subtest per conversation: its database is closed when it ends.
			t.Run(name+"/"+title, func(t *testing.T) {
				db := newDB(t)
				if _, err := db.LoadDemoInventory(context.Background()); err != nil {
					t.Fatal(err)
				}
				c := chatOn(t, db, func(cfg *engine.Config) { cfg.Lexicon = lx })
				for _, s := range chats[title] {
					before := lx.Parses()
					c.say(s.say)
					want := int64(1)
					if lx.Alone(s.say, nlu.Delete) {
						want = 0
					}
					if got := lx.Parses() - before; got != want {
						t.Errorf("%q was parsed %d times, want %d", s.say, got, want)
					}
					turns++
				}
			})
		}
	}
	if turns < 200 {
		t.Fatalf("only %d turns played", turns)
	}
}

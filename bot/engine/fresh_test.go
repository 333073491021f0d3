package engine_test

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestFreshBatches plays each batch in testdata/fresh: turns of one kind
// (urgent situations, medical questions, personal data, …) that helpers
// wrote without seeing the code or the phrase files, to measure whether
// the bot generalises. It logs each batch's rate of turns answered as
// they must be, and fails on any turn that is not, unless a "~ why" line
// marks it as known to fail (it is logged, and the test fails when it
// passes, so the mark is taken off): once a batch is in, it guards what it
// measured.
func TestFreshBatches(t *testing.T) {
	files, err := filepath.Glob("testdata/fresh/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fresh batches: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			chats, titles := readConversations(t, path)
			passed, turns := 0, 0
			for _, title := range titles {
				c := newChat(t)
				for _, s := range chats[title] {
					turns++
					probs := s.problems(c, name)
					switch {
					case len(probs) == 0 && s.known != "":
						t.Errorf("%s:%d: %q passes now: take off its \"~ %s\"", name, s.line, s.say, s.known)
					case len(probs) == 0:
						passed++
					case s.known != "":
						t.Logf("%s:%d: known to fail (%s): %q", name, s.line, s.known, s.say)
					default:
						for _, p := range probs {
							t.Error(p)
						}
					}
				}
			}
			t.Log(rate(name, passed, turns))
		})
	}
}

func rate(name string, passed, turns int) string {
	return fmt.Sprintf("%s: %d of %d turns as they must be (%.0f %%)", name, passed, turns, 100*float64(passed)/float64(max(turns, 1)))
}

package bot_test

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestConversations plays testdata/conversations.txt: each "## " starts a
// fresh chat (Monday 30 November 2026, 09:00, the demo pharmacy), "> " is
// what the customer writes, "< " a text the bot's answer to it must hold,
// "<! " one it must not.
func TestConversations(t *testing.T) {
	f, err := os.Open("testdata/conversations.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type step struct {
		say       string
		want, not []string
		line      int
	}
	var titles []string
	chats := map[string][]step{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		cur := len(titles) - 1
		switch {
		case line == "" || strings.HasPrefix(line, "# "):
		case strings.HasPrefix(line, "## "):
			titles = append(titles, strings.TrimPrefix(line, "## "))
		case cur < 0:
			t.Fatalf("conversations.txt:%d: %q before the first \"## \"", n, line)
		case strings.HasPrefix(line, "> "):
			chats[titles[cur]] = append(chats[titles[cur]], step{say: line[2:], line: n})
		case strings.HasPrefix(line, "<! ") && len(chats[titles[cur]]) > 0:
			s := &chats[titles[cur]][len(chats[titles[cur]])-1]
			s.not = append(s.not, line[3:])
		case strings.HasPrefix(line, "< ") && len(chats[titles[cur]]) > 0:
			s := &chats[titles[cur]][len(chats[titles[cur]])-1]
			s.want = append(s.want, line[2:])
		default:
			t.Fatalf("conversations.txt:%d: cannot read %q", n, line)
		}
	}
	turns := 0
	for _, title := range titles {
		turns += len(chats[title])
		t.Run(title, func(t *testing.T) {
			c := newChat(t)
			for _, s := range chats[title] {
				got := strings.Join(c.say(s.say), "\n")
				for _, w := range s.want {
					if !strings.Contains(got, w) {
						t.Errorf("conversations.txt:%d: %q answered\n%s\nwant %q in it", s.line, s.say, got, w)
					}
				}
				for _, w := range s.not {
					if strings.Contains(got, w) {
						t.Errorf("conversations.txt:%d: %q answered\n%s\nwhich must not hold %q", s.line, s.say, got, w)
					}
				}
			}
		})
	}
	t.Logf("%d conversations, %d turns", len(titles), turns)
}

package engine_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/store/storetest"
)

// TestConversations plays testdata/conversations.txt: each "## " starts a
// fresh chat (Monday 30 November 2026, 09:00, the demo pharmacy), "> " is
// what the customer writes, and the lines after it say what the answer
// must be:
//
//	@ id        the answer holds catalogue message id (what the bot understood)
//	@! id       it must not (a guard: a trigger word that is no command)
//	= 2× 01234562 / = 2× Ibuprofen AL 400 mg, 20 St.
//	            the open request holds exactly these items after the turn
//	            (PZN or label), one "=" line per item; "= nichts": none
//	< text      the answer's text holds text;   <! text   it must not
//
// Every turn says at least one of them. A turn with "@!" is a guard.
func TestConversations(t *testing.T) {
	chats, titles := readConversations(t, "testdata/conversations.txt")
	turns, guards := 0, 0
	for i, title := range titles {
		for _, s := range chats[title] {
			turns++
			if len(s.notIDs) > 0 {
				guards++
			}
		}
		// The corpus tests what the bot understands, which does not depend
		// on the engine: on PostgreSQL, where a fresh database per chat
		// costs 0.2 s, every eighth chat runs (the same ones each time).
		if storetest.Postgres() && i%8 != 0 {
			continue
		}
		t.Run(title, func(t *testing.T) {
			c := newChat(t)
			for _, s := range chats[title] {
				s.check(t, c)
			}
		})
	}
	t.Logf("%d conversations, %d turns, %d of them guards", len(titles), turns, guards)
	if turns < 400 || guards < 100 {
		t.Errorf("%d turns and %d guards: the corpus wants at least 400 and 100", turns, guards)
	}
}

// step is one customer message and what its answer must be.
type step struct {
	say          string
	want, not    []string
	ids, notIDs  []msg.ID
	items        []string
	itemsChecked bool
	line         int
	known        string // "~ why": known to fail, and why (fresh batches only)
}

func (s step) check(t *testing.T, c *chat) {
	t.Helper()
	for _, p := range s.problems(c, "conversations.txt") {
		t.Error(p)
	}
}

// problems plays the step in c and says what its answer got wrong, each
// as a line that names file and line.
func (s step) problems(c *chat, file string) []string {
	var out []string
	bad := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("%s:%d: ", file, s.line)+fmt.Sprintf(format, args...))
	}
	replies := c.say(s.say)
	if len(replies) == 0 {
		bad("%q got no answer at all", s.say)
	}
	got := strings.Join(replies, "\n")
	for _, w := range s.want {
		if !strings.Contains(got, w) {
			bad("%q answered\n%s\nwant %q in it", s.say, got, w)
		}
	}
	for _, w := range s.not {
		if strings.Contains(got, w) {
			bad("%q answered\n%s\nwhich must not hold %q", s.say, got, w)
		}
	}
	for _, id := range s.ids {
		if !slices.Contains(c.ids, id) {
			bad("%q answered %v, want %s:\n%s", s.say, c.ids, id, got)
		}
	}
	for _, id := range s.notIDs {
		if slices.Contains(c.ids, id) {
			bad("%q answered %v, which must not hold %s:\n%s", s.say, c.ids, id, got)
		}
	}
	if s.itemsChecked {
		if have := c.items(); !sameItems(have, s.items) {
			bad("after %q the request holds %q, want %q", s.say, have, s.items)
		}
	}
	return out
}

// sameItems compares the request's items ("2× 01234562 Ibuprofen AL 400
// mg, 20 St.") with the expected ones, each a quantity and a PZN or label.
func sameItems(have, want []string) bool {
	if len(have) != len(want) {
		return false
	}
	for i, w := range want {
		q, what, _ := strings.Cut(w, " ")
		hq, rest, _ := strings.Cut(have[i], " ")
		pznOf, label, _ := strings.Cut(rest, " ")
		if q != hq || (what != pznOf && what != label) {
			return false
		}
	}
	return true
}

// items lists the chat's open request: "2× 01234562 Ibuprofen AL 400 mg, 20 St.".
func (c *chat) items() []string {
	conv, err := c.db.ConversationByKey(context.Background(), c.key)
	if err != nil || conv.PreOrderID == 0 {
		return nil
	}
	po, err := c.db.PreOrder(context.Background(), conv.PreOrderID)
	if err != nil || po.Status.Final() {
		return nil
	}
	var out []string
	for _, it := range po.Items {
		out = append(out, fmt.Sprintf("%d× %s %s", it.Quantity, it.PZN, it.Label("de")))
	}
	return out
}

func readConversations(t *testing.T, path string) (map[string][]step, []string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var titles []string
	chats := map[string][]step{}
	sc := bufio.NewScanner(f)
	last := func() *step {
		ss := chats[titles[len(titles)-1]]
		return &ss[len(ss)-1]
	}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		head, rest, _ := strings.Cut(line, " ")
		switch {
		case line == "" || head == "#":
			continue
		case head == "##":
			if _, dup := chats[rest]; dup {
				t.Fatalf("%s:%d: the title %q stands twice", path, n, rest)
			}
			titles = append(titles, rest)
			chats[rest] = nil
			continue
		case len(titles) == 0:
			t.Fatalf("%s:%d: %q before the first \"## \"", path, n, line)
		case head == ">":
			chats[titles[len(titles)-1]] = append(chats[titles[len(titles)-1]], step{say: rest, line: n})
			continue
		case len(chats[titles[len(titles)-1]]) == 0:
			t.Fatalf("%s:%d: %q before the first \"> \"", path, n, line)
		}
		s := last()
		switch head {
		case "<":
			s.want = append(s.want, rest)
		case "<!":
			s.not = append(s.not, rest)
		case "@":
			s.ids = append(s.ids, known(t, path, n, rest))
		case "@!":
			s.notIDs = append(s.notIDs, known(t, path, n, rest))
		case "~":
			s.known = rest
		case "=":
			s.itemsChecked = true
			if rest != "nichts" {
				s.items = append(s.items, rest)
			}
		default:
			t.Fatalf("%s:%d: cannot read %q", path, n, line)
		}
	}
	for _, title := range titles {
		for _, s := range chats[title] {
			if len(s.want)+len(s.not)+len(s.ids)+len(s.notIDs) == 0 && !s.itemsChecked {
				t.Fatalf("%s:%d: %q has no expectation", path, s.line, s.say)
			}
		}
	}
	return chats, titles
}

func known(t *testing.T, path string, n int, id string) msg.ID {
	if !msg.Known(msg.ID(id)) {
		t.Fatalf("%s:%d: %q is no message ID", path, n, id)
	}
	return msg.ID(id)
}

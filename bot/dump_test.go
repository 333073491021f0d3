package bot_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDump plays $DUMP (a file of "## title" and "> text" lines) and prints
// what each turn said, for writing expectations. Not committed.
func TestDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	var c *chat
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			fmt.Println("\n" + line)
			c = newChat(t)
		case strings.HasPrefix(line, "> "):
			got := c.say(line[2:])
			fmt.Println(line)
			for _, id := range c.ids {
				if id != "privacy.notice" {
					fmt.Println("@", id)
				}
			}
			items := c.items()
			if len(items) == 0 {
				fmt.Println("= nichts")
			}
			for _, it := range items {
				fmt.Println("=", it)
			}
			for _, g := range got {
				fmt.Println("    |", strings.ReplaceAll(g, "\n", "\n    | "))
			}
		}
	}
}

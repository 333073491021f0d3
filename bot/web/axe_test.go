package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule tags of WCAG 2.0, 2.1 and 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

var axeScript = sync.OnceValues(func() ([]byte, error) {
	path := os.Getenv("APOBOT_AXE")
	if path == "" {
		path = filepath.Join("..", "..", ".cache", "axe-core", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("axe-core not found (%w): make test installs it with .ci/install-axe", err)
	}
	return src, nil
})

// axeViolation is the part of an axe-core result a failing test prints.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// axe runs axe-core's WCAG 2.2 A and AA rules on the page in ctx as it is now.
// The script goes in through the DevTools protocol: the pages' Content
// Security Policy forbids inline script, and rightly so.
func axe(ctx context.Context) ([]axeViolation, error) {
	src, err := axeScript()
	if err != nil {
		return nil, err
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	tags, _ := json.Marshal(axeTags)
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => r.violations)`, tags)
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](run, chromedp.EvalAwaitPromise))
}

// checkAxe fails the test for every violation axe-core finds on the page.
func checkAxe(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	vs, err := axe(ctx)
	if err != nil {
		t.Fatalf("axe-core on %s: %v", where, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s", where, v)
	}
}

// look writes a screenshot of the page in ctx and checks it with axe-core:
// every state the browser tests take a picture of is checked.
func look(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	shoot(t, ctx, dir, name)
	checkAxe(t, ctx, strings.TrimSuffix(name, ".png"))
}

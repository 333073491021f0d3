package web_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// axControl is a control as Chromium hands it to a screen reader: its role
// and its computed name, and where a link leads.
type axControl struct{ role, name, url string }

// controlRoles are the roles people operate; each needs a name of its own.
var controlRoles = map[string]bool{"button": true, "link": true, "textbox": true, "spinbutton": true,
	"combobox": true, "checkbox": true, "radio": true, "searchbox": true, "switch": true}

// axControls reads the page's accessibility tree (the tree a screen reader
// reads, with the names Chromium computed) and returns its controls.
func axControls(ctx context.Context) ([]axControl, error) {
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		return nil, err
	}
	text := func(v *accessibility.Value) string {
		var s string
		if v != nil {
			_ = json.Unmarshal(v.Value, &s)
		}
		return s
	}
	var out []axControl
	for _, n := range tree.Nodes {
		if n.Ignored || !controlRoles[text(n.Role)] {
			continue
		}
		c := axControl{role: text(n.Role), name: text(n.Name)}
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNameURL {
				c.url = text(p.Value)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// checkNames fails for two controls a screen reader cannot tell apart: the
// same role and name (links only when they lead to different places), as
// "Menge" was on every item of a request (WCAG 2.4.6, 1.3.1). Controls
// without a name are axe-core's to find.
func checkNames(t *testing.T, ctx context.Context, at string) {
	t.Helper()
	controls, err := axControls(ctx)
	if err != nil {
		t.Fatalf("accessibility tree of %s: %v", at, err)
	}
	seen := map[[2]string]string{} // role, name: url
	for _, c := range controls {
		if c.name == "" {
			continue
		}
		key := [2]string{c.role, c.name}
		if url, twice := seen[key]; twice && (c.role != "link" || url != c.url) {
			t.Errorf("%s: two %ss are both called %q", at, c.role, c.name)
		}
		seen[key] = c.url
	}
}

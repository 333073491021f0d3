package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// A size is a window the pages are checked in: CSS pixels and how many
// device pixels each takes (a zoomed page: 1280×1024 at 400 % is 320×256
// CSS px at 4).
type size struct {
	name          string
	width, height int64
	scale         float64
}

var (
	phoneSize  = size{"phone", 390, 760, 1}
	tabletSize = size{"tablet", 1180, 820, 1}
	// narrowSize is WCAG's reflow width: a 1280 px screen at 400 %.
	narrowSize = size{"320 CSS px", 320, 256, 4}
	// checkSizes are the sizes every page and state is checked at.
	checkSizes = []size{phoneSize, tabletSize, narrowSize}
)

// zoomed is a window of width×height device pixels at percent zoom.
func zoomed(width, height int64, percent int64) size {
	return size{fmt.Sprintf("%d×%d at %d %%", width, height, percent), width * 100 / percent, height * 100 / percent, float64(percent) / 100}
}

// resize sets the window and waits until the page was laid out anew.
func resize(sz size) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(sz.width, sz.height, chromedp.EmulateScale(sz.scale))); err != nil {
			return err
		}
		_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](
			`window.scrollTo(0, 0); new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))`, chromedp.EvalAwaitPromise))
		return err
	})
}

// script reads one of the checks in testdata/a11y.
func script(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "a11y", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// checkPage runs every accessibility check on the page in ctx as it is now,
// at each size, and puts the window back at back: axe-core's WCAG 2.2 A
// and AA rules, reflow, and a walk with the Tab key through everything
// that takes the focus; once, that no two controls share a name.
func checkPage(t *testing.T, ctx context.Context, where string, back size, sizes ...size) {
	t.Helper()
	if len(sizes) == 0 {
		sizes = checkSizes
	}
	for i, sz := range sizes {
		at := where + " (" + sz.name + ")"
		run(t, ctx, "resize for "+at, resize(sz))
		if i == 0 {
			checkNames(t, ctx, where)
		}
		checkAxe(t, ctx, at)
		checkLayout(t, ctx, at)
		checkFocus(t, ctx, at)
	}
	// WCAG 1.4.12: with a reader's own text spacing nothing may be lost.
	run(t, ctx, "resize for the text spacing", resize(phoneSize), textSpacing(true))
	checkLayout(t, ctx, where+" (phone, with wider text spacing)")
	run(t, ctx, "resize back", textSpacing(false), resize(back))
}

// textSpacing puts WCAG 1.4.12's spacing on the page (line height 1.5,
// paragraphs 2 em apart, letters 0.12 em, words 0.16 em), as a reader's
// style sheet would, or takes it off again. A constructed style sheet is no
// inline style, so the page's Content-Security-Policy lets it in.
func textSpacing(on bool) chromedp.Action[chromedp.Void] {
	if !on {
		return chromedp.Evaluate[chromedp.Void](`document.adoptedStyleSheets = []`)
	}
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		spacing, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const s = new CSSStyleSheet();
			s.replaceSync("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }");
			document.adoptedStyleSheets = [s];
			return getComputedStyle(document.body).letterSpacing;
		})()`))
		if err == nil && (spacing == "normal" || spacing == "0px") {
			err = fmt.Errorf("the text spacing did not apply (letter-spacing %s)", spacing)
		}
		return err
	})
}

// checkLayout fails for sideways scrolling, parts cut off, fields too small
// to write in and parts that stay in place and hide the page.
func checkLayout(t *testing.T, ctx context.Context, at string) {
	t.Helper()
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](script(t, "common.js")+";"+script(t, "layout.js")))
	if err != nil {
		t.Fatalf("layout check on %s: %v", at, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", at, p)
	}
}

// focused is what focus.js says of the focused element.
type focused struct {
	Name     string   `json:"name"`
	Again    bool     `json:"again"` // the walk came round to it
	Problems []string `json:"problems"`
}

// checkFocus moves the focus with the Tab key through everything on the
// page that takes it, round once, and fails for each stop whose focus
// cannot be seen: no outline, an outline under 3:1 against what is around
// it, or an element hidden under something. It returns the stops' names.
func checkFocus(t *testing.T, ctx context.Context, at string) []string {
	t.Helper()
	check := script(t, "common.js") + ";" + script(t, "focus.js")
	run(t, ctx, "focus the top of "+at, chromedp.Evaluate[chromedp.Void](
		`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); window.__a11yWalk = new Set()`))
	var names []string
	outside := 0 // presses that left the focus outside the page: it goes round through the window
	for range 200 {
		run(t, ctx, "Tab on "+at, chromedp.KeyEvent("\t"))
		f, err := chromedp.Run(ctx, chromedp.Evaluate[*focused](check))
		if err != nil {
			t.Fatalf("focus check on %s: %v", at, err)
		}
		if f == nil {
			if outside++; outside > 2 {
				return names // nothing takes the focus
			}
			continue
		}
		if f.Again { // every stop was visited
			run(t, ctx, "blur", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
			return names
		}
		names = append(names, f.Name)
		for _, p := range f.Problems {
			t.Errorf("%s, focus on %s: %s", at, f.Name, p)
		}
	}
	t.Errorf("%s: the focus did not leave the page after 200 presses of Tab", at)
	return names
}

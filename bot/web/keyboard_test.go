package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/ocr/botscan"
	"github.com/apobot/apobot/ocr/photogen"
)

// TestKeyboardOnly: a customer who uses no mouse or touch sends a message
// and then a photo of a pack in the web chat, and a pharmacist who uses
// only the keyboard logs in on the tablet, opens the request, sees the
// pack's PZN read from the photo and approves it. Every control is reached
// with the Tab key and worked with Enter or Space; the photo comes through
// the file chooser the camera button opens, as a person's would.
func TestKeyboardOnly(t *testing.T) {
	scanner, err := ocr.New(ocr.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { scanner.Close() })
	h := newHarness(t, harnessOptions{scanner: botscan.Scanner{OCR: scanner}})
	pack, err := photogen.Generate(photogen.Pack, photogen.Easy, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(pack.PZNs) == 0 || pack.PZNs[0].String() == "74372349" {
		t.Fatalf("the pack shows %v: the test needs a PZN other than the typed one", pack.PZNs)
	}
	photo := filepath.Join(t.TempDir(), "packung.jpg")
	if err := os.WriteFile(photo, pack.JPEG, 0o600); err != nil {
		t.Fatal(err)
	}
	staff := browser(t)
	phone, cancel := chromedp.NewContext(staff)
	defer cancel()

	var chat string
	run(t, phone, "open the web chat", resize(phoneSize), chromedp.Navigate(h.ts.URL+"/?lang=de"), waitText(`#log`, "Datenschutz", &chat))
	tabTo(t, phone, `#text`)
	run(t, phone, "write and press Enter", chromedp.KeyEvent("PZN 74372349"), chromedp.KeyEvent("\r"), waitText(`#log`, "Verstanden", &chat))
	chooser := interceptFileChooser(t, phone, photo)
	tabTo(t, phone, `#photo`)
	run(t, phone, "open the camera button with Space", chromedp.KeyEvent(" "))
	select {
	case err := <-chooser:
		if err != nil {
			t.Fatalf("choose the photo: %v", err)
		}
	case <-phone.Done():
		t.Fatal("the camera button opened no file chooser")
	}
	replies := func() int {
		n, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('#log .msg.bot').length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := replies()
	run(t, phone, "the photo is sent", waitText(`#log`, "[Foto]", &chat))
	run(t, phone, "and answered", chromedp.Poll[chromedp.Void](
		`(() => { const m = [...document.querySelectorAll('#log .msg')]; return m.length > 0 && m[m.length-1].classList.contains('bot') && m.filter(x => x.classList.contains('bot')).length > `+strconv.Itoa(before)+` })()`,
		chromedp.WithPollingTimeout(0)))

	run(t, staff, "open the login", resize(tabletSize), chromedp.Navigate(h.ts.URL+"/staff/login"), chromedp.WaitVisible(`input[name=username]`))
	tabTo(t, staff, `input[name=username]`)
	run(t, staff, "log in by keyboard", chromedp.KeyEvent(staffName), chromedp.KeyEvent("\t"), chromedp.KeyEvent(staffPassword), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`#queue .card`))
	tabTo(t, staff, `.card a`)
	var evidence string
	run(t, staff, "open the request with Enter", chromedp.KeyEvent("\r"), chromedp.WaitVisible(`#approve`), waitText(`main`, pack.PZNs[0].String(), &evidence))
	tabTo(t, staff, `#approve`)
	run(t, staff, "approve with Enter", chromedp.KeyEvent("\r"), chromedp.WaitVisible(`.flash.ok`))

	open, err := h.db.OpenPreOrders(t.Context())
	if err != nil || len(open) != 1 || open[0].Status != bot.StatusApproved {
		t.Fatalf("after the approval by keyboard: %+v, %v", open, err)
	}
	run(t, phone, "the customer hears the decision", waitText(`#log`, string(open[0].Code), &chat))
}

// tabTo presses Tab until the element sel has the focus, and fails when
// the focus comes round without reaching it.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	var path []string
	for range 80 {
		run(t, ctx, "Tab", chromedp.KeyEvent("\t"))
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`(() => { const a = document.activeElement; return [a ? a.matches(`+strconv.Quote(sel)+`) + "" : "false", a ? a.tagName + (a.id ? "#" + a.id : "") : ""] })()`))
		if err != nil {
			t.Fatal(err)
		}
		if at[0] == "true" {
			return
		}
		path = append(path, at[1])
	}
	t.Fatalf("the Tab key never reaches %s; it went %s", sel, strings.Join(path, " → "))
}

// interceptFileChooser makes the next file chooser of the tab take file,
// as a person picking it would, and reports on the channel when it did.
func interceptFileChooser(t *testing.T, ctx context.Context, file string) <-chan error {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	opened := make(chan *page.EventFileChooserOpened, 1)
	lctx, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	if err := chromedp.Listen(lctx, func(ev any) {
		if e, ok := ev.(*page.EventFileChooserOpened); ok {
			select {
			case opened <- e:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		select {
		case e := <-opened:
			_, err := chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{file}, BackendNodeID: e.BackendNodeID})
			done <- err
		case <-ctx.Done():
		}
	}()
	return done
}

// TestQueueRedrawKeepsTheFocus: a pharmacist moving through the queue by
// keyboard keeps their place when a new request redraws the list.
func TestQueueRedrawKeepsTheFocus(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	first := h.proposal(t, "PZN 74372349")
	staff := browser(t)
	run(t, staff, "log in", append(typeLogin(h.ts.URL, staffName, staffPassword), chromedp.WaitVisible(`#queue .card`))...)
	tabTo(t, staff, `.card a`)
	second := h.webChat(t, "de")
	second.send("Ibuprofen AL 400 20 Stück", nil)
	second.waitFor("Verstanden")
	run(t, staff, "the list is redrawn with the new request", chromedp.Poll[chromedp.Void](
		`document.querySelectorAll('#queue .card').length === 2`, chromedp.WithPollingTimeout(0)))
	href, err := chromedp.Run(staff, chromedp.Evaluate[string](`document.activeElement.getAttribute("href") || document.activeElement.tagName`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/staff/requests/" + strconv.FormatInt(first.ID, 10); href != want {
		t.Fatalf("after the redraw the focus is on %q, want the request it was on, %s", href, want)
	}
}

// TestTabletWarnsBeforeTheLoginEnds (WCAG 2.2.1): a tablet left alone is
// told before its login ends and can stay with one button; left alone
// again, the page goes to the login and shows no request any more. The
// login here ends after 16 s of quiet, the warning comes 8 s before.
func TestTabletWarnsBeforeTheLoginEnds(t *testing.T) {
	pagesOnly(t)
	h := newHarness(t, harnessOptions{idle: 16 * time.Second})
	h.proposal(t, "PZN 74372349")
	staff := browser(t)
	run(t, staff, "log in", append(typeLogin(h.ts.URL, staffName, staffPassword), chromedp.WaitVisible(`#queue .card`),
		chromedp.Navigate(h.ts.URL+"/staff/inventory"), chromedp.WaitVisible(`#import`))...)
	var warning string
	run(t, staff, "the warning", chromedp.WaitVisible(`#idle`), textOf(`#idle-text`, &warning))
	if !strings.Contains(warning, "abgemeldet") {
		t.Fatalf("the warning says %q", warning)
	}
	checkAxe(t, staff, "the warning before the login ends")
	tabTo(t, staff, `#stay`)
	run(t, staff, "stay logged in with Enter", chromedp.KeyEvent("\r"), chromedp.WaitNotVisible(`#idle`))
	// When the warning comes again, the page was loaded at least 16 s ago:
	// only the button's visit to the server keeps the login alive now.
	var path string
	run(t, staff, "the warning again, then another page", chromedp.WaitVisible(`#idle`),
		chromedp.Navigate(h.ts.URL+"/staff/pickups"), chromedp.WaitVisible(`main h1`))
	path, err := chromedp.Run(staff, chromedp.Evaluate[string](`location.pathname`))
	if err != nil || path != "/staff/pickups" {
		t.Fatalf("after staying, the next page is %q (%v): the login ended", path, err)
	}
	run(t, staff, "left alone, the page goes to the login", chromedp.WaitVisible(`#idle`),
		chromedp.WaitVisible(`input[name=username]`))
	if path, err := chromedp.Run(staff, chromedp.Evaluate[string](`location.pathname`)); err != nil || path != "/staff/login" {
		t.Fatalf("the page left alone went to %q (%v), want the login", path, err)
	}
}

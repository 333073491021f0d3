package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/apobot/apobot/ocr/photogen"
)

// TestUnknownPackNamedAsPrinted sends a photo of a pack the demo inventory
// does not carry (Amoxicillin AbZ, PZN 46445664) through the web chat of
// the running binary, with the real scanner: the reply names it as printed
// with its PZN, and the tablet's request page shows the name (screenshot:
// unknown-pack.png beside the others).
func TestUnknownPackNamedAsPrinted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract and Chromium")
	}
	s := sample(t, photogen.Pack, 1)
	if s.Products[0].Name != "Amoxicillin AbZ" || s.PZNs[0] != "46445664" {
		t.Fatalf("the generator's first pack is %+v %v; this test expects Amoxicillin AbZ, 46445664", s.Products[0], s.PZNs)
	}
	p := startBinary(t)
	token := webSession(t, p.base)
	postPhoto(t, p.base, token, s.JPEG)
	waitWeb(t, p.base, token, "Amoxicillin AbZ 1000 mg, 20 St. (PZN 46445664)")

	staff := staffLogin(t, p.base, p.out.String())
	id := firstRequest(t, staff, p.base)
	if page := staff.get(t, p.base+"/staff/requests/"+id); !strings.Contains(page, "Amoxicillin AbZ 1000 mg") || !strings.Contains(page, "vom Foto gelesen") {
		t.Fatal("the request page does not show the pack's printed name, marked as read from the photo")
	}

	ctx := chromium(t)
	password := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(p.out.String())[1]
	if err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/staff/login"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, "apotheke"),
		chromedp.SendKeys(`input[name=password]`, password),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#queue`),
		chromedp.Navigate(p.base+"/staff/requests/"+id),
		chromedp.WaitVisible(`#approve`),
	); err != nil {
		t.Fatalf("the request page in Chromium: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("APOBOT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "apobot-screenshots")
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "unknown-pack.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

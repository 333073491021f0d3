package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photogen"
)

// TestEveryChannelFromPhotoToProposal runs the whole service (real
// database, real scanner, real echo server) with local WhatsApp and
// Telegram APIs, and sends a generated photo through each channel: the web
// chat an e-prescription token, WhatsApp and Telegram a pack (the default
// channel_policy keeps tokens off WhatsApp). Each customer must get a
// proposal.
func TestEveryChannelFromPhotoToProposal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	dir := t.TempDir()
	webPack, tgPack := sample(t, photogen.Pack, 1), sample(t, photogen.Pack, 2)
	token := sample(t, photogen.ErxToken, 1)
	importProducts(t, dir, webPack, tgPack)

	wa := fakes.NewWhatsApp("wa-access", "55501")
	defer wa.Close()
	tg := fakes.NewTelegram("42:secretbot")
	defer tg.Close()
	svc := startService(t, map[string]string{envDataDir: dir,
		envWAToken: "wa-access", envWASecret: "wa-app-secret", envWAVerify: "wa-verify", envWAPhone: "55501", envWAURL: wa.BaseURL(),
		envTGToken: "42:secretbot", envTGSecret: "tg-hook-secret", envTGURL: tg.URL})
	base, logs := svc.base, &svc.logs

	// Web chat.
	tok := webSession(t, base)
	postPhoto(t, base, tok, token.JPEG)
	waitWeb(t, base, tok, "E-Rezept-Verordnung 1")
	if status := postText(t, base, tok, "Bananenkuchen mit Sahne"); status != http.StatusAccepted {
		t.Fatalf("a typed message: %d", status)
	}

	// WhatsApp: the photo is fetched in two steps from the local API.
	wa.AddMedia("media-token", webPack.JPEG)
	body := fakes.WhatsAppWebhook("55501", "4915700000001", "wamid.E2E", "", "media-token", time.Now())
	if status := post(t, base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, "wa-app-secret")); status != 200 {
		t.Fatalf("whatsapp webhook: %d", status)
	}
	waitFor(t, "a proposal on WhatsApp", func() string { return joinWA(wa.Sent()) }, "1× "+webPack.Products[0].Name)

	// Telegram.
	tg.AddFile("big-photo", tgPack.JPEG)
	upd := fakes.TelegramUpdate(100, 7, 99887766, "", "big-photo", time.Now())
	if status := post(t, base+"/webhooks/telegram", upd, "X-Telegram-Bot-Api-Secret-Token", "tg-hook-secret"); status != 200 {
		t.Fatalf("telegram webhook: %d", status)
	}
	waitFor(t, "a proposal on Telegram", func() string { return joinTG(tg.Sent()) }, "1× "+tgPack.Products[0].Name)
	for _, got := range []string{joinWA(wa.Sent()), joinTG(tg.Sent())} {
		if !strings.Contains(got, "Datenschutz") || !strings.Contains(got, "Abholung möglich ab") {
			t.Fatalf("messenger replies lack the privacy notice or the pickup time:\n%s", got)
		}
	}
	if got := joinTG(tg.Sent()); !strings.Contains(got, "vorrätig") {
		t.Fatalf("the Telegram pack is in stock, the reply says:\n%s", got)
	}
	t.Logf("WhatsApp:\n%s\nTelegram:\n%s", joinWA(wa.Sent()), joinTG(tg.Sent()))

	// The typed message is counted once its turn is done: nothing in it
	// was placed.
	waitFor(t, "the typed message counted", func() string { return getMetrics(t, base) },
		`apobot_messages_understood_total{channel="web",understood="not_understood"} 1`)
	metrics := getMetrics(t, base)
	for _, want := range []string{`apobot_scans_total{outcome="certain"} 3`, `apobot_messages_received_total{channel="telegram",duplicate="false"} 1`,
		`apobot_http_requests_total{method="POST",route="/webhooks/whatsapp",status="200"} 1`, "apobot_queue_depth 0", "apobot_scan_duration_seconds_count 3"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	for _, secret := range []string{"4915700000001", "99887766", "42:secretbot", "wa-access", tok, token.Tasks[0]} {
		if strings.Contains(logs.String(), secret) || strings.Contains(metrics, secret) {
			t.Fatalf("the log or /metrics holds %q", secret)
		}
	}
}

func getMetrics(t *testing.T, base string) string {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func sample(t *testing.T, k photogen.Kind, seed uint64) photogen.Sample {
	t.Helper()
	s, err := photogen.Generate(k, photogen.Easy, seed)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// importProducts puts the packs' products into the inventory, in stock.
func importProducts(t *testing.T, dir string, packs ...photogen.Sample) {
	t.Helper()
	setUpData(t, dir)
	var csv strings.Builder
	csv.WriteString("pzn;name;strength;form;count;n_size;maker;rx;stock\n")
	for _, s := range packs {
		p := s.Products[0]
		fmt.Fprintf(&csv, "%s;%s;%s;%s;%d;%s;%s;0;5\n", s.PZNs[0], p.Name, p.Strength, valueOr(p.Form, "Tabletten"), max(p.Count, 1), p.NSize, valueOr(p.Maker, "Demo"))
	}
	file := filepath.Join(t.TempDir(), "packs.csv")
	os.WriteFile(file, []byte(csv.String()), 0o600)
	if code, _, errs := runArgs(t, "inventory", "import", file); code != exitOK {
		t.Fatalf("import: %d %s\n%s", code, errs, csv.String())
	}
}

func webSession(t *testing.T, base string) string {
	t.Helper()
	res, err := http.Post(base+"/chat/session", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != 201 {
		t.Fatalf("session: %d %v", res.StatusCode, err)
	}
	return body.Token
}

func postPhoto(t *testing.T, base, token string, jpeg []byte) {
	t.Helper()
	if status := do(http.DefaultClient, chatPost(base, token, "", jpeg)); status != http.StatusAccepted {
		t.Fatalf("post photo: %d", status)
	}
}

func waitWeb(t *testing.T, base, token, want string) {
	t.Helper()
	waitFor(t, "a proposal in the web chat", func() string { return webMessages(t, base, token) }, want)
}

func post(t *testing.T, url string, body []byte, header, value string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(header, value)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// waitFor polls got until it contains want, until the test's deadline.
func waitFor(t *testing.T, what string, got func() string, want string) {
	t.Helper()
	var last string
	if err := testwait.UntilCtx(testwait.Context(t), func() bool { last = got(); return strings.Contains(last, want) }); err != nil {
		t.Fatalf("%s: never said %q; last: %s", what, want, last)
	}
}

func joinWA(s []fakes.WhatsAppSent) string {
	var b strings.Builder
	for _, m := range s {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}

func joinTG(s []fakes.TelegramSent) string {
	var b strings.Builder
	for _, m := range s {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}

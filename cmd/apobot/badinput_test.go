package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/ocr/photogen"
)

// TestBadInputIsRefusedAndNothingStored sends what a public endpoint gets
// probed with; each must get a clear 4xx, nothing may be stored, and the
// server must stay healthy. The statuses are logged as a table.
func TestBadInputIsRefusedAndNothingStored(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the service")
	}
	dir := t.TempDir()
	svc := startService(t, map[string]string{envDataDir: dir, envWAToken: "t", envWASecret: "wa-secret",
		envWAVerify: "v", envWAPhone: "55501", envTGToken: "1:x", envTGSecret: "tg-secret"})
	base, out := svc.base, &svc.out
	tok := webSession(t, base)
	jpeg := sample(t, photogen.Pack, 1).JPEG
	nested := []byte(strings.Repeat("[", 100000) + strings.Repeat("]", 100000))
	signed := func(body []byte) func() int {
		return func() int {
			return post(t, base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, "wa-secret"))
		}
	}
	text := fakes.WhatsAppWebhook("55501", "4915100000000", "wamid.x", "hallo", "", timeNow())
	staff := staffLogin(t, base, out.String())
	cases := []struct {
		name string
		want int
		do   func() int
	}{
		{"decompression bomb (PNG 10000x8000 of zeros)", 413, func() int { return chatUpload(t, base, tok, "", bomb(t)) }},
		{"truncated JPEG", 415, func() int { return chatUpload(t, base, tok, "", jpeg[:len(jpeg)/2]) }},
		{"a text file sent as an image", 415, func() int { return chatUpload(t, base, tok, "", []byte("Liebe Apotheke, anbei mein Rezept.")) }},
		{"30 MB upload", 413, func() int {
			return chatUpload(t, base, tok, "", append([]byte("\xff\xd8\xff"), make([]byte, 30<<20)...))
		}},
		{"malformed JSON webhook (signed)", 400, signed([]byte(`{"object":"whatsapp_business_account","entry":[{`))},
		{"deeply nested JSON webhook (signed)", 400, signed(nested)},
		{"invalid UTF-8 text", 400, func() int { return chatUpload(t, base, tok, "Ibu\xff\xfe 400", nil) }},
		{"unsigned webhook", 401, func() int { return post(t, base+"/webhooks/whatsapp", text, "X-Other", "x") }},
		{"wrongly signed webhook", 401, func() int {
			return post(t, base+"/webhooks/whatsapp", text, "X-Hub-Signature-256", fakes.Sign(text, "guessed"))
		}},
		{"Telegram update without the secret", 401, func() int {
			return post(t, base+"/webhooks/telegram", fakes.TelegramUpdate(1, 1, 5, "hallo", "", timeNow()), "X-Telegram-Bot-Api-Secret-Token", "guessed")
		}},
		{"forged chat token", 401, func() int { return chatUpload(t, base, strings.Repeat("Q", 43), "hallo", nil) }},
		{"overlong text (5000 characters)", 413, func() int { return chatUpload(t, base, tok, strings.Repeat("Ibuprofen ", 500), nil) }},
		{"CSV with a broken line (tablet)", 422, func() int {
			return staff.upload(t, base, "pzn;name;strength;form;count;n_size;maker;rx;stock\n74372349;Ibuprofen AL;400 mg;FTA;20;N2;AL;0;30\nkaputt\n")
		}},
	}
	var table strings.Builder
	for _, c := range cases {
		got := c.do()
		fmt.Fprintf(&table, "| %s | %d |\n", c.name, got)
		if got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	t.Logf("bad input and the status each got:\n%s", table.String())
	if res, err := http.Get(base + "/healthz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("unhealthy after bad input: %v", err)
	}
	if n := customerMessages(t, dbPath(dir)); n != 0 {
		t.Fatalf("%d customer messages stored by bad input, want 0", n)
	}
	if res := postText(t, base, tok, "PZN 74372349"); res != http.StatusAccepted {
		t.Fatalf("a good message after all that: %d", res)
	}
}

// bomb is a real PNG of 80 megapixels (over bot.MaxPhotoPixels) that
// compresses to a few kB.
func bomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, image.NewGray(image.Rect(0, 0, 10000, 8000))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func chatUpload(t *testing.T, base, token, text string, photo []byte) int {
	t.Helper()
	return do(http.DefaultClient, chatPost(base, token, text, photo))
}

func (s *staff) upload(t *testing.T, base, csv string) int {
	t.Helper()
	s.get(t, base+"/staff/inventory")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("_csrf", s.csrf)
	fw, _ := mw.CreateFormFile("csv", "bestand.csv")
	fw.Write([]byte(csv))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/staff/inventory", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := s.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// customerMessages counts the customers' messages in the database.
func customerMessages(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT COUNT(*) FROM messages WHERE from_bot = 0").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func timeNow() time.Time { return time.Now() }

package main

import (
	"encoding/hex"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/ocr/photogen"
)

// TestThreemaAndMessengerFromRequestToDeletion runs the whole service with
// a local Threema Gateway and a local Graph API. On each channel one
// customer sends a pack photo and another types a PZN; a pharmacist
// approves the four requests on the tablet; each customer is told, and each
// chat is gone. The Threema gateway never sees clear text.
func TestThreemaAndMessengerFromRequestToDeletion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	dir := t.TempDir()
	packs := []photogen.Sample{sample(t, photogen.Pack, 11), sample(t, photogen.Pack, 12), sample(t, photogen.Pack, 13), sample(t, photogen.Pack, 14)}
	importProducts(t, dir, packs...)

	pub, priv, err := threema.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tm := fakes.NewThreema("*APOTHEK", "tm-api-secret", pub)
	defer tm.Close()
	fb := fakes.NewMessenger("fb-page-token", "1066000001")
	defer fb.Close()
	svc := startService(t, map[string]string{envDataDir: dir,
		envTMID: "*APOTHEK", envTMSecret: "tm-api-secret", envTMKey: hex.EncodeToString(priv[:]), envTMURL: tm.URL,
		envFBToken: "fb-page-token", envFBSecret: "fb-app-secret", envFBVerify: "fb-verify", envFBPage: "1066000001", envFBURL: fb.BaseURL()})
	base := svc.base
	now := time.Now()

	postThreema := func(body []byte) {
		t.Helper()
		res, err := http.Post(base+"/webhooks/threema", "application/x-www-form-urlencoded", strings.NewReader(string(body)))
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("threema callback: %v %v", res, err)
		}
		res.Body.Close()
	}
	postMessenger := func(body []byte) {
		t.Helper()
		if status := post(t, base+"/webhooks/messenger", body, "X-Hub-Signature-256", fakes.Sign(body, "fb-app-secret")); status != 200 {
			t.Fatalf("messenger webhook: %d", status)
		}
	}
	postThreema(tm.Photo("PHOTO001", "0000000000000001", "image/jpeg", packs[0].JPEG, now))
	postThreema(tm.Text("TYPED001", "0000000000000002", "PZN "+packs[1].PZNs[0].String(), now))
	postMessenger(fakes.MessengerImage("1066000001", "7100000001", "m_photo", fb.AddAttachment("a1", packs[2].JPEG), now))
	postMessenger(fakes.MessengerText("1066000001", "7100000002", "m_typed", "PZN "+packs[3].PZNs[0].String(), now))

	threemaTo := func(id string) func() string {
		return func() string {
			return joinSent(tm.Sent(), func(s fakes.ThreemaSent) (string, string) { return s.To, s.Text }, id)
		}
	}
	messengerTo := func(id string) func() string {
		return func() string {
			return joinSent(fb.Sent(), func(s fakes.MessengerSent) (string, string) { return s.To, s.Text }, id)
		}
	}
	chats := []struct {
		name string
		got  func() string
		pack photogen.Sample
	}{{"Threema photo", threemaTo("PHOTO001"), packs[0]}, {"Threema typed", threemaTo("TYPED001"), packs[1]},
		{"Messenger photo", messengerTo("7100000001"), packs[2]}, {"Messenger typed", messengerTo("7100000002"), packs[3]}}
	for _, c := range chats {
		waitFor(t, "a proposal on "+c.name, c.got, "1× "+c.pack.Products[0].Name)
	}

	jar, _ := cookiejar.New(nil)
	s := &staff{c: &http.Client{Jar: jar}}
	s.get(t, base+"/staff/login")
	res, err := s.c.PostForm(base+"/staff/login", url.Values{"username": {"inhaber"}, "password": {"ein-langes-passwort"}, "_csrf": {s.csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	ids := openRequestIDs(t, s, base)
	if len(ids) != 4 {
		t.Fatalf("%d open requests on the tablet, want 4", len(ids))
	}
	for _, id := range ids {
		s.approve(t, base, id)
	}
	for _, c := range chats {
		waitFor(t, "the decision on "+c.name, c.got, "bestätigt")
	}
	db := openRO(t, dbPath(dir))
	var convs, msgs int
	if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM conversations), (SELECT COUNT(*) FROM messages)").Scan(&convs, &msgs); err != nil {
		t.Fatal(err)
	}
	if convs != 0 || msgs != 0 {
		t.Fatalf("after the decisions: %d conversations, %d messages stored, want none", convs, msgs)
	}
	for _, w := range tm.Wire() {
		for _, clear := range []string{"PZN", packs[0].Products[0].Name, "Datenschutz", "bestätigt"} {
			if strings.Contains(w, clear) {
				t.Fatalf("the Threema gateway saw %q in clear", clear)
			}
		}
	}
	for _, secret := range []string{"PHOTO001", "TYPED001", "7100000001", "tm-api-secret", hex.EncodeToString(priv[:]), "fb-page-token"} {
		if strings.Contains(svc.logs.String(), secret) {
			t.Fatalf("the log holds %q", secret)
		}
	}
}

// joinSent joins the texts sent to one recipient.
func joinSent[T any](sent []T, get func(T) (to, text string), to string) string {
	var b strings.Builder
	for _, s := range sent {
		if who, text := get(s); who == to {
			b.WriteString(text + "\n")
		}
	}
	return b.String()
}

package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photogen"
	"github.com/apobot/apobot/store"
)

// policyWorld is the whole service with a local server for every
// messenger platform, and a customer per message sent.
type policyWorld struct {
	t    *testing.T
	dir  string
	base string
	wa   *fakes.WhatsApp
	tg   *fakes.Telegram
	tm   *fakes.Threema
	fb   *fakes.Messenger
	seq  int
}

// The pharmacy's addresses in the policy tests' config file.
const (
	policyWebChat = "https://apotheke.example/"
	policyThreema = "*APOTHEK"
)

// startPolicyWorld runs the service with every channel on and a config
// file that names the web chat and adds extra (JSON fields) to it.
func startPolicyWorld(t *testing.T, extra string, packs ...photogen.Sample) *policyWorld {
	t.Helper()
	w := &policyWorld{t: t, dir: t.TempDir()}
	importProducts(t, w.dir, packs...)
	pub, priv, err := threema.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	w.wa, w.tg = fakes.NewWhatsApp("wa-access", "55501"), fakes.NewTelegram("42:secretbot")
	w.tm, w.fb = fakes.NewThreema(policyThreema, "tm-api-secret", pub), fakes.NewMessenger("fb-page-token", "1066000001")
	t.Cleanup(func() { w.wa.Close(); w.tg.Close(); w.tm.Close(); w.fb.Close() })
	config := writeFile(t, "apobot.json", `{"web_chat_url": "`+policyWebChat+`"`+extra+`}`)
	w.base = startService(t, map[string]string{envDataDir: w.dir, envConfig: config,
		envWAToken: "wa-access", envWASecret: "wa-app-secret", envWAVerify: "v", envWAPhone: "55501", envWAURL: w.wa.BaseURL(),
		envTGToken: "42:secretbot", envTGSecret: "tg-hook-secret", envTGURL: w.tg.URL,
		envTMID: policyThreema, envTMSecret: "tm-api-secret", envTMKey: hex.EncodeToString(priv[:]), envTMURL: w.tm.URL,
		envFBToken: "fb-page-token", envFBSecret: "fb-app-secret", envFBVerify: "v", envFBPage: "1066000001", envFBURL: w.fb.BaseURL()}).base
	return w
}

// send sends a photo or a text as a new customer on ch and returns who
// the customer is there.
func (w *policyWorld) send(ch bot.Channel, photo []byte, text string) string {
	t := w.t
	t.Helper()
	w.seq++
	n, now := w.seq, time.Now()
	media := fmt.Sprint("media-", n)
	switch ch {
	case bot.ChannelWeb:
		tok := webSession(t, w.base)
		if status := do(http.DefaultClient, chatPost(w.base, tok, text, photo)); status != http.StatusAccepted {
			t.Fatalf("web chat: %d", status)
		}
		return tok
	case bot.ChannelWhatsApp:
		from := fmt.Sprint("4915700002", 100+n)
		if photo == nil {
			media = ""
		} else {
			w.wa.AddMedia(media, photo)
		}
		body := fakes.WhatsAppWebhook("55501", from, fmt.Sprint("wamid.policy", n), text, media, now)
		w.status("whatsapp", post(t, w.base+"/webhooks/whatsapp", body, "X-Hub-Signature-256", fakes.Sign(body, "wa-app-secret")))
		return from
	case bot.ChannelTelegram:
		chat := int64(880000 + n)
		if photo == nil {
			media = ""
		} else {
			w.tg.AddFile(media, photo)
		}
		upd := fakes.TelegramUpdate(int64(n), int64(n), chat, text, media, now)
		w.status("telegram", post(t, w.base+"/webhooks/telegram", upd, "X-Telegram-Bot-Api-Secret-Token", "tg-hook-secret"))
		return fmt.Sprint(chat)
	case bot.ChannelThreema:
		from, id := fmt.Sprintf("POLICY%02d", n), fmt.Sprintf("%016x", n)
		body := w.tm.Text(from, id, text, now)
		if photo != nil {
			body = w.tm.Photo(from, id, "image/jpeg", photo, now)
		}
		res, err := http.Post(w.base+"/webhooks/threema", "application/x-www-form-urlencoded", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		w.status("threema", res.StatusCode)
		return from
	case bot.ChannelMessenger:
		from := fmt.Sprint("72000000", 10+n)
		body := fakes.MessengerText("1066000001", from, fmt.Sprint("m_policy", n), text, now)
		if photo != nil {
			body = fakes.MessengerImage("1066000001", from, fmt.Sprint("m_policy", n), w.fb.AddAttachment(media, photo), now)
		}
		w.status("messenger", post(t, w.base+"/webhooks/messenger", body, "X-Hub-Signature-256", fakes.Sign(body, "fb-app-secret")))
		return from
	}
	t.Fatalf("no channel %s", ch)
	return ""
}

func (w *policyWorld) status(what string, status int) {
	if status != http.StatusOK {
		w.t.Fatalf("%s webhook: %d", what, status)
	}
}

// settle waits until every message is answered and every reply sent.
func (w *policyWorld) settle() {
	w.t.Helper()
	if err := testwait.UntilCtx(testwait.Context(w.t), func() bool { return pendingRows(w.t, dbPath(w.dir)) == 0 }); err != nil {
		w.t.Fatalf("messages still unanswered: %v", err)
	}
}

// said returns everything the bot said to a customer on ch.
func (w *policyWorld) said(ch bot.Channel, who string) string {
	switch ch {
	case bot.ChannelWeb:
		return policyWebTexts(w.t, w.base, who)
	case bot.ChannelWhatsApp:
		return joinSent(w.wa.Sent(), func(s fakes.WhatsAppSent) (string, string) { return s.To, s.Text }, who)
	case bot.ChannelTelegram:
		return joinSent(w.tg.Sent(), func(s fakes.TelegramSent) (string, string) { return fmt.Sprint(s.ChatID), s.Text }, who)
	case bot.ChannelThreema:
		return joinSent(w.tm.Sent(), func(s fakes.ThreemaSent) (string, string) { return s.To, s.Text }, who)
	case bot.ChannelMessenger:
		return joinSent(w.fb.Sent(), func(s fakes.MessengerSent) (string, string) { return s.To, s.Text }, who)
	}
	return ""
}

// policyWebTexts returns the web chat's messages, joined.
func policyWebTexts(t *testing.T, base, token string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/chat/messages?after=0", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Messages []struct{ Text string } }
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatalf("web chat messages: %v: %s", err, b)
	}
	var out strings.Builder
	for _, m := range body.Messages {
		out.WriteString(m.Text + "\n")
	}
	return out.String()
}

// The refusals, as the German message file words them.
const (
	refusedRx  = "Fotos von Rezepten nehme ich über"
	refusedERx = "E-Rezept-Codes nehme ich über"
)

// policyContent is one kind of content a customer sends.
type policyContent struct {
	name    string
	content bot.Content
	photo   []byte
	text    string
	refusal string // what a refusing channel says
	taken   string // what a channel that takes it says ("" nothing in particular)
}

func policyContents(t *testing.T) ([]policyContent, photogen.Sample) {
	pack, rx, token := sample(t, photogen.Pack, 21), sample(t, photogen.Prescription, 22), sample(t, photogen.ErxToken, 23)
	typed := "Task/" + token.Tasks[0] + "/$accept?ac=" + token.Codes[0]
	return []policyContent{
		{"pack photo", bot.ContentPacks, pack.JPEG, "", "", "1× " + pack.Products[0].Name},
		{"paper prescription photo", bot.ContentPrescriptions, rx.JPEG, "", refusedRx, ""},
		{"e-prescription token photo", bot.ContentERxTokens, token.JPEG, "", refusedERx, "E-Rezept-Verordnung 1"},
		{"typed e-prescription code", bot.ContentERxTokens, nil, "Mein E-Rezept: " + typed, refusedERx, ""},
	}, pack
}

// TestChannelPolicyPerChannelAndContent sends a pack photo, a paper
// prescription photo, an e-prescription token photo and a typed
// e-prescription code on every channel, through the real scanner, under
// the default policy: the web chat and Threema take everything; WhatsApp,
// Telegram and Messenger take the pack and refuse the rest, each refusal
// with the web chat's link and the Threema ID; their privacy notices say
// what they do not take.
func TestChannelPolicyPerChannelAndContent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	contents, pack := policyContents(t)
	w := startPolicyWorld(t, "", pack)
	type sent struct {
		ch  bot.Channel
		c   policyContent
		who string
	}
	var all []sent
	for _, ch := range bot.Channels {
		for _, c := range contents {
			all = append(all, sent{ch, c, w.send(ch, c.photo, c.text)})
		}
	}
	w.settle()
	for _, s := range all {
		t.Run(string(s.ch)+"/"+s.c.name, func(t *testing.T) {
			got := w.said(s.ch, s.who)
			takes := bot.DefaultPolicy().Accepts(s.ch, s.c.content)
			wantTaken := s.ch == bot.ChannelWeb || s.ch == bot.ChannelThreema || s.c.content == bot.ContentPacks
			if takes != wantTaken {
				t.Fatalf("default policy: %s takes %s: %v, want %v", s.ch, s.c.content, takes, wantTaken)
			}
			refused := strings.Contains(got, refusedRx) || strings.Contains(got, refusedERx)
			switch {
			case takes && refused:
				t.Fatalf("refused, want taken:\n%s", got)
			case takes && !strings.Contains(got, s.c.taken):
				t.Fatalf("taken, but the reply lacks %q:\n%s", s.c.taken, got)
			case !takes && (!strings.Contains(got, s.c.refusal) || !strings.Contains(got, policyWebChat) || !strings.Contains(got, "Threema an "+policyThreema)):
				t.Fatalf("want %q with the web chat %s and Threema %s:\n%s", s.c.refusal, policyWebChat, policyThreema, got)
			}
			notice := strings.Contains(got, "nehme ich keine Rezeptfotos und E-Rezept-Codes an")
			if notice == (s.ch == bot.ChannelWeb || s.ch == bot.ChannelThreema) {
				t.Fatalf("privacy notice says what %s does not take: %v:\n%s", s.ch, notice, got)
			}
		})
	}
}

// TestPrescriptionOnWhatsAppLeavesNothing: a paper prescription photo, an
// e-prescription token photo and a typed e-prescription code on WhatsApp
// leave no photo, no findings, no media reference, no code and no
// pre-order item in the database; the stored text of the typed message is
// the placeholder only.
func TestPrescriptionOnWhatsAppLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	contents, pack := policyContents(t)
	w := startPolicyWorld(t, "", pack)
	for _, c := range contents[1:] {
		w.send(bot.ChannelWhatsApp, c.photo, c.text)
	}
	w.settle()
	conn := openRO(t, dbPath(w.dir))
	defer conn.Close()
	var convs, kept, items int
	err := conn.QueryRow(`SELECT (SELECT COUNT(*) FROM conversations),
		(SELECT COUNT(*) FROM messages WHERE photo IS NOT NULL OR scan_text IS NOT NULL OR media_ref IS NOT NULL),
		(SELECT COUNT(*) FROM preorder_items)`).Scan(&convs, &kept, &items)
	if err != nil {
		t.Fatal(err)
	}
	if convs != 3 || kept != 0 || items != 0 {
		t.Fatalf("%d chats; %d messages keep a photo, findings or a media reference; %d pre-order items: want 3, 0, 0", convs, kept, items)
	}
	token := sample(t, photogen.ErxToken, 23)
	noneInClear(t, "in the database", fileBytes(t, dbPath(w.dir)), append(token.Tasks, token.Codes...))
	for _, text := range customerTexts(t, w.dir) {
		for _, secret := range append(token.Tasks, token.Codes...) {
			if strings.Contains(text, secret) {
				t.Fatalf("a stored message of %d bytes (opened with the master key) holds the e-prescription code", len(text))
			}
		}
	}
}

// customerTexts opens the customers' stored messages with the master key.
func customerTexts(t *testing.T, dir string) []string {
	t.Helper()
	key, _, err := loadMasterKey(func(string) string { return "" }, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(dbPath(dir), store.Options{MasterKey: &key})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn := openRO(t, dbPath(dir))
	defer conn.Close()
	rows, err := conn.Query("SELECT id FROM conversations")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	var out []string
	for _, id := range ids {
		msgs, err := db.Messages(context.Background(), id, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if !m.FromBot {
				out = append(out, m.Text)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no customer message stored")
	}
	return out
}

// TestChannelPolicyFromConfig: a pharmacy that lets WhatsApp take
// prescriptions and e-prescription tokens, and Threema packs only, gets
// the WhatsApp token as a pre-order, and the Threema one refused with the
// web chat's link only (Threema itself refuses it).
func TestChannelPolicyFromConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tesseract")
	}
	contents, pack := policyContents(t)
	token := contents[2]
	w := startPolicyWorld(t, `, "channel_policy": {"whatsapp": {"accept": ["packs", "prescriptions", "erx_tokens"]}, "threema": {"accept": []}}`, pack)
	wa, tm := w.send(bot.ChannelWhatsApp, token.photo, ""), w.send(bot.ChannelThreema, token.photo, "")
	w.settle()
	if got := w.said(bot.ChannelWhatsApp, wa); !strings.Contains(got, token.taken) || strings.Contains(got, refusedERx) {
		t.Fatalf("WhatsApp taking e-prescription tokens: %s", got)
	}
	if got := w.said(bot.ChannelThreema, tm); !strings.Contains(got, refusedERx) || !strings.Contains(got, policyWebChat) || strings.Contains(got, "Threema an") {
		t.Fatalf("Threema taking packs only: %s", got)
	}
}

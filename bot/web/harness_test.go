package web_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/facebook"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/bot/telegram"
	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/bot/whatsapp"
	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photogen"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/password"
	"github.com/apobot/apobot/store/seal"
	"github.com/apobot/apobot/store/storetest"
)

// harness is the real server on a fresh sealed database with the demo
// inventory, its engine running, and fake messenger servers.
type harness struct {
	ts     *httptest.Server
	db     *store.DB
	engine *engine.Engine
	logs   *safeBuilder
	wa     *fakes.WhatsApp
	tg     *fakes.Telegram
	tm     *fakes.Threema
	fb     *fakes.Messenger
	master seal.Key
	server *web.Server
	waSkew atomic.Int64 // how far the WhatsApp client's clock runs ahead
	fbSkew atomic.Int64 // how far the Messenger client's clock runs ahead
	skew   atomic.Int64 // how far the login limit's clock runs ahead
}

func TestMain(m *testing.M) { storetest.Main(m) }

// chatKey is the pseudonym the server stores for a channel's chat id.
func (h *harness) chatKey(ch, id string) string { return seal.Pseudonym(h.master, ch, id) }

func fakesSign(body []byte, secret string) string { return fakes.Sign(body, secret) }

// testNow is the clock of every harness: Tuesday, 24 November 2026, 09:30 in
// Magdeburg when the test binary started, running on from there. No test
// depends on the day or hour it runs (a Sunday, a holiday, the evening).
func testNow() time.Time { return clockAnchor.Add(time.Since(clockStart)) }

var (
	clockStart  = time.Now()
	clockAnchor = time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC) // 09:30 in Berlin
)

func whatsAppText(from, id, text string) []byte {
	return fakes.WhatsAppWebhook(waPhone, from, id, text, "", testNow())
}

func whatsAppImage(from, id, mediaID string) []byte {
	return fakes.WhatsAppWebhook(waPhone, from, id, "", mediaID, testNow())
}

func fakesStatus() []byte { return fakes.WhatsAppStatus(waPhone, "4915100000009") }

func fakesDocument(from, id string) []byte {
	return fakes.WhatsAppDocument(waPhone, from, id, testNow())
}

type harnessOptions struct {
	scanner  bot.Scanner
	now      func() time.Time // default testNow
	proxies  []*net.IPNet     // trusted reverse proxies
	noStock  bool             // no demo inventory: a pharmacy before its first import
	retry    time.Duration    // how often undelivered replies are tried again; default bot's
	idle     time.Duration    // how long a tablet login may be left alone; default web's
	chatIdle time.Duration    // how long a web chat token lives without a message; default web's
	// branches makes the pharmacy one with branches, each with the demo
	// inventory, every product sold out at one of them.
	branches []service.BranchConfig

	checkPassword web.PasswordCheck // default password.Check
	metrics       http.Handler      // /metrics; nil: off
	metricsToken  string
	observe       func(method, route string, status int, took time.Duration)
}

const (
	staffName, staffPassword             = "apotheke", "richtig-geheim-1"
	waSecret, waVerify, waToken, waPhone = "app-secret", "verify-me", "wa-token", "1234567890"
	tgSecret, tgToken                    = "tg-secret", "123:ABC"
	tmID, tmSecret                       = "*APOTHEK", "tm-secret"
	fbSecret, fbVerify, fbToken, fbPage  = "fb-secret", "fb-verify", "fb-token", "1066000001"
)

// safeBuilder is a strings.Builder that the server's goroutines may write.
type safeBuilder struct {
	mu sync.Mutex
	strings.Builder
}

func (b *safeBuilder) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Builder.String()
}

func (b *safeBuilder) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Builder.Write(p)
}

func newHarness(t testing.TB, opt harnessOptions) *harness {
	t.Helper()
	if opt.now == nil {
		opt.now = testNow
	}
	k, _ := seal.NewKey()
	db, _ := storetest.Open(t, store.Options{MasterKey: &k, Now: opt.now})
	switch {
	case opt.branches != nil:
		var ids []string
		for _, b := range opt.branches {
			ids = append(ids, b.ID)
		}
		if err := db.LoadDemoBranches(context.Background(), ids); err != nil {
			t.Fatal(err)
		}
	case !opt.noStock:
		if _, err := db.LoadDemoInventory(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	if opt.checkPassword == nil {
		opt.checkPassword = password.Check
	}
	h := &harness{db: db, master: k, wa: fakes.NewWhatsApp(waToken, waPhone), tg: fakes.NewTelegram(tgToken)}
	t.Cleanup(h.wa.Close)
	t.Cleanup(h.tg.Close)
	tmPub, tmPriv, err := threema.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	h.tm, h.fb = fakes.NewThreema(tmID, tmSecret, tmPub), fakes.NewMessenger(fbToken, fbPage)
	t.Cleanup(h.tm.Close)
	t.Cleanup(h.fb.Close)
	tmClient := &threema.Client{BaseURL: h.tm.URL, ID: tmID, Secret: tmSecret, PrivateKey: tmPriv}
	h.logs = &safeBuilder{}
	hash, err := password.Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddStaff(context.Background(), "", staffName, hash); err != nil {
		t.Fatal(err)
	}
	svc, err := service.New(service.Config{DB: db, Master: k, Pharmacy: "Löwen-Apotheke", Plan: plan.Demo(berlin), Branches: opt.branches,
		Logger: slog.New(slog.NewTextHandler(h.logs, nil)), Scanner: opt.scanner,
		Messengers: map[bot.Channel]bot.Messenger{
			bot.ChannelWhatsApp: &whatsapp.Client{BaseURL: h.wa.BaseURL(), Token: waToken, PhoneNumberID: waPhone,
				Now: func() time.Time { return opt.now().Add(time.Duration(h.waSkew.Load())) }},
			bot.ChannelTelegram: &telegram.Client{BaseURL: h.tg.URL, Token: tgToken},
			bot.ChannelThreema:  tmClient,
			bot.ChannelMessenger: &facebook.Client{BaseURL: h.fb.BaseURL(), PageToken: fbToken, PageID: fbPage,
				Now: func() time.Time { return opt.now().Add(time.Duration(h.fbSkew.Load())) }},
		},
		WhatsApp:  &web.WhatsApp{AppSecret: waSecret, VerifyToken: waVerify, PhoneNumberID: waPhone},
		Telegram:  &web.Telegram{SecretToken: tgSecret},
		Threema:   &web.Threema{ID: tmID, Secret: tmSecret, Opener: tmClient},
		Messenger: &web.Messenger{AppSecret: fbSecret, VerifyToken: fbVerify, PageID: fbPage},
		Proxies:   opt.proxies, Metrics: opt.metrics, MetricsToken: opt.metricsToken, ObserveRequest: opt.observe,
		Now:           func() time.Time { return opt.now().Add(time.Duration(h.skew.Load())) },
		EventInterval: 200 * time.Millisecond, StaffIdle: opt.idle, ChatIdle: opt.chatIdle, CheckPassword: opt.checkPassword, RetryEvery: opt.retry})
	if err != nil {
		t.Fatal(err)
	}
	h.engine, h.server = svc.Engine, svc.Web
	ctx, cancel := context.WithCancel(context.Background())
	if err := h.engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); h.engine.Stop() })
	h.ts = httptest.NewServer(h.server.Handler())
	t.Cleanup(h.ts.Close)
	return h
}

func mustNew(t testing.TB, cfg web.Config) *web.Server {
	t.Helper()
	s, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// proposedChat waits until the chat under key has worked through every
// message it received and its pre-order is proposed. The chat names its
// pre-order as soon as it is filed (received), a moment before the proposal:
// a pharmacist cannot approve it in between.
func (h *harness) proposedChat(t testing.TB, key string) bot.Conversation {
	t.Helper()
	var conv bot.Conversation
	testwait.Until(t, "the proposal", func() bool {
		c, err := h.db.ConversationByKey(t.Context(), key)
		if err != nil || c.PreOrderID == 0 {
			return false
		}
		left, _ := h.db.Unprocessed(t.Context(), c.ID)
		po, err := h.db.PreOrder(t.Context(), c.PreOrderID)
		if err != nil || len(left) != 0 || po.Status != bot.StatusProposed {
			return false
		}
		// Read again: c may have been read before the last message's turn
		// (which can change it) was done.
		conv, err = h.db.ConversationByKey(t.Context(), key)
		return err == nil
	})
	return conv
}

// advance moves the server's clock forward (the login limit's and the engine's).
func (h *harness) advance(d time.Duration) { h.skew.Add(int64(d)) }

// conversationCount counts the conversation rows in the database.
func (h *harness) conversationCount(t testing.TB) int {
	t.Helper()
	n, err := h.db.CountRows(t.Context(), "conversations")
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// loopbackNet trusts the loopback range as a reverse proxy, so tests can
// speak for other addresses with X-Forwarded-For.
func loopbackNet(t testing.TB) []*net.IPNet {
	_, n, err := net.ParseCIDR("127.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	return []*net.IPNet{n}
}

// gpsPhoto is a small real JPEG carrying an EXIF block with a GPS position
// (photogen.GPSPlace) and orientation 6 (taken turned), as phones write them.
func gpsPhoto(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, photogen.Marked(64, 32), nil); err != nil {
		t.Fatal(err)
	}
	return photogen.WithEXIF(b.Bytes(), 6)
}

const gpsPlace = photogen.GPSPlace

// threemaMAC is the gateway's MAC over a callback's fields.
func threemaMAC(f url.Values) string { return fakes.ThreemaMAC(f, tmSecret) }

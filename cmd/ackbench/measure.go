package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/facebook"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/bot/whatsapp"
	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/ocr/botscan"
	"github.com/apobot/apobot/ocr/photogen"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/pgtest"
	"github.com/apobot/apobot/store/seal"
)

const (
	waSecret = "bench-secret"
	waPhone  = "100200300"
	waToken  = "bench-token"
	tmID     = "*APOBENC"
	tmSecret = "bench-threema"
	fbPage   = "1066000001"
	fbToken  = "bench-page-token"
	fbSecret = "bench-app-secret"
	// customers is how many chats the messages are spread over.
	customers = 400
)

// texts are what customers type, cycled.
// Written as customers write: typos, short forms, days, follow-ups.
var texts = []string{"Ibuprofen AL 400 20 Stück", "2x", "Habt ihr Paracetamol 500?", "PZN 74372349", "Wann habt ihr offen?",
	"Danke", "Metfromin 500", "habt ihr übermorgen offen?", "doch lieber die große Packung", "Cetirizin 10 mg, darf ich das mit der Pille nehmen?",
	"ok danke, ciao", "Dolormin 400 bitte"}

// system is the service under test.
type system struct {
	saidMu  sync.Mutex
	said    map[int64]time.Time // stored message -> when its turn was done (Config.Said)
	bases   []string            // one per service ("process"), messages go round
	db      *store.DB           // the first service's
	engines []*engine.Engine    // one per service
	wa      *fakes.WhatsApp
	tm      *fakes.Threema
	fb      *fakes.Messenger
	tokens  []string // web chat sessions
	stop    func()
	chatKey func(bot.Channel, string) string
	photos  [][]byte // for the photo run
}

// setup says where the services keep their data and how many there are.
type setup struct {
	postgres  bool // a database on a throwaway PostgreSQL server; else SQLite
	processes int  // services on the database, each with its own connections and engine
}

func start(ctx context.Context, channel string, st setup) (*system, error) {
	dir, err := os.MkdirTemp("", "ackbench")
	if err != nil {
		return nil, err
	}
	k, _ := seal.NewKey()
	open := func() (*store.DB, error) {
		return store.Open(filepath.Join(dir, "apobot.db"), store.Options{MasterKey: &k})
	}
	if st.postgres {
		pg, err := pgtest.Shared()
		if err != nil {
			return nil, err
		}
		url, err := pg.NewDatabase(ctx)
		if err != nil {
			return nil, err
		}
		open = func() (*store.DB, error) { return store.OpenPostgres(url, store.Options{MasterKey: &k}) }
	}
	loc, _ := time.LoadLocation("Europe/Berlin")
	wa := fakes.NewWhatsApp(waToken, waPhone)
	tmPub, tmPriv, err := threema.GenerateKey()
	if err != nil {
		return nil, err
	}
	tm, fb := fakes.NewThreema(tmID, tmSecret, tmPub), fakes.NewMessenger(fbToken, fbPage)
	tmClient := &threema.Client{BaseURL: tm.URL, ID: tmID, Secret: tmSecret, PrivateKey: tmPriv}
	var scanner bot.Scanner
	var closeScanner func()
	if channel == "photo" {
		s, err := ocr.New(ocr.Options{})
		if err != nil {
			return nil, err
		}
		scanner, closeScanner = botscan.Scanner{OCR: s}, s.Close
	}
	s := &system{said: map[int64]time.Time{}, wa: wa, tm: tm, fb: fb}
	s.chatKey = func(ch bot.Channel, id string) string { return seal.Pseudonym(k, string(ch), id) }
	var stops []func()
	s.stop = func() {
		for _, stop := range slices.Backward(stops) {
			stop()
		}
		if closeScanner != nil {
			closeScanner()
		}
		wa.Close()
		tm.Close()
		fb.Close()
		os.RemoveAll(dir)
	}
	for p := range max(1, st.processes) {
		db, err := open()
		if err != nil {
			s.stop()
			return nil, err
		}
		if p == 0 {
			if _, err := db.LoadDemoInventory(ctx); err != nil {
				db.Close()
				s.stop()
				return nil, err
			}
			s.db = db
		}
		svc, err := service.New(service.Config{DB: db, Master: k, Plan: plan.Demo(loc), Said: s.turnDone, Scanner: scanner,
			Messengers: map[bot.Channel]bot.Messenger{bot.ChannelWhatsApp: &whatsapp.Client{BaseURL: wa.BaseURL(), Token: waToken, PhoneNumberID: waPhone},
				bot.ChannelThreema:   tmClient,
				bot.ChannelMessenger: &facebook.Client{BaseURL: fb.BaseURL(), PageToken: fbToken, PageID: fbPage}},
			WhatsApp:  &web.WhatsApp{AppSecret: waSecret, VerifyToken: "v", PhoneNumberID: waPhone},
			Threema:   &web.Threema{ID: tmID, Secret: tmSecret, Opener: tmClient},
			Messenger: &web.Messenger{AppSecret: fbSecret, VerifyToken: "v", PageID: fbPage},
			// Each customer writes from an address of its own, as on the web:
			// the load generator speaks for them as a trusted proxy would.
			Proxies: []*net.IPNet{{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(32, 32)}}})
		if err != nil {
			db.Close()
			s.stop()
			return nil, err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			db.Close()
			s.stop()
			return nil, err
		}
		sctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { svc.Run(sctx, ln); close(done) }()
		stops = append(stops, func() { cancel(); <-done; db.Close() }) // Run stops the server, then the engine
		s.bases, s.engines = append(s.bases, "http://"+ln.Addr().String()), append(s.engines, svc.Engine)
	}
	if channel == "photo" {
		for i := range 12 {
			p, err := photogen.Generate(photogen.Kinds[i%3], photogen.Difficulties[i%2], uint64(100+i))
			if err != nil {
				s.stop()
				return nil, err
			}
			s.photos = append(s.photos, p.JPEG)
		}
	}
	if channel == "web" || channel == "photo" {
		if err := s.sessions(); err != nil {
			s.stop()
			return nil, err
		}
	}
	return s, nil
}

// turnDone notes when the engine finished answering a message.
func (s *system) turnDone(message int64, _ []bot.Reply) {
	s.saidMu.Lock()
	s.said[message] = time.Now()
	s.saidMu.Unlock()
}

// sessions opens one web chat per customer before the clock starts.
func (s *system) sessions() error {
	for i := range customers {
		req, _ := http.NewRequest(http.MethodPost, s.bases[i%len(s.bases)]+"/chat/session", nil)
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i%250+1))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		var body struct{ Token string }
		err = decodeJSON(res, &body)
		if err != nil || res.StatusCode != http.StatusCreated {
			return fmt.Errorf("session: %d %v", res.StatusCode, err)
		}
		s.tokens = append(s.tokens, body.Token)
	}
	return nil
}

// request builds message i of the run.
func (s *system) request(channel string, i int) *http.Request {
	base := s.bases[i%len(s.bases)]
	text := texts[(i/customers+i%customers)%len(texts)] // each customer its own sequence
	if channel == "web" || channel == "photo" {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		if channel == "photo" {
			fw, _ := mw.CreateFormFile("photo", "photo.jpg")
			fw.Write(s.photos[i%len(s.photos)])
		} else {
			mw.WriteField("text", text)
		}
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, base+"/chat/messages", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+s.tokens[i%customers])
		return req
	}
	var body []byte
	var path, sig string
	switch from := customer(channel, i); channel {
	case "threema":
		body, path = s.tm.Text(from, fmt.Sprintf("%016x", i), text, time.Now()), "/webhooks/threema"
	case "messenger":
		body, path = fakes.MessengerText(fbPage, from, fmt.Sprintf("m_bench%d", i), text, time.Now()), "/webhooks/messenger"
		sig = fakes.Sign(body, fbSecret)
	default:
		body, path = fakes.WhatsAppWebhook(waPhone, from, fmt.Sprintf("wamid.bench%d", i), text, "", time.Now()), "/webhooks/whatsapp"
		sig = fakes.Sign(body, waSecret)
	}
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if channel == "threema" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req.Header.Set("X-Hub-Signature-256", sig)
	}
	return req
}

// customer is the messenger id that message i comes from.
func customer(channel string, i int) string {
	switch channel {
	case "threema":
		return fmt.Sprintf("C%07d", i%customers)
	case "messenger":
		return fmt.Sprintf("71%08d", i%customers)
	}
	return fmt.Sprintf("49151%08d", i%customers)
}

// sentAt is when each messenger reply reached the fake platform, per
// recipient.
func (s *system) sentAt(channel string) map[string][]time.Time {
	byTo := map[string][]time.Time{}
	switch channel {
	case "whatsapp":
		for _, m := range s.wa.Sent() {
			byTo[m.To] = append(byTo[m.To], m.At)
		}
	case "threema":
		for _, m := range s.tm.Sent() {
			byTo[m.To] = append(byTo[m.To], m.At)
		}
	case "messenger":
		for _, m := range s.fb.Sent() {
			byTo[m.To] = append(byTo[m.To], m.At)
		}
	}
	return byTo
}

// measure sends rate messages a second for duration, each when it is due.
func measure(ctx context.Context, channel string, rate int, duration time.Duration, st setup) (report, error) {
	s, err := start(ctx, channel, st)
	if err != nil {
		return report{}, err
	}
	defer s.stop()
	n := int(duration.Seconds() * float64(rate))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 512}, Timeout: 30 * time.Second}
	lat := make([]time.Duration, n)
	stored := make([]int64, n) // the web chat's message ids
	failed, later := 0, 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	begin := time.Now()
	for i := range n {
		due := begin.Add(time.Duration(i) * time.Second / time.Duration(rate))
		time.Sleep(time.Until(due))
		req := s.request(channel, i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := client.Do(req)
			ok := err == nil && (res.StatusCode == http.StatusOK || res.StatusCode == http.StatusAccepted)
			busy := err == nil && res.StatusCode == http.StatusServiceUnavailable
			if err == nil {
				var body struct{ ID int64 }
				if res.StatusCode == http.StatusAccepted && decodeJSON(res, &body) == nil {
					stored[i] = body.ID
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			lat[i] = time.Since(due)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case busy:
				later++ // the scanner is behind: "send it again in half a minute"
			case !ok:
				failed++
			}
		}()
	}
	wg.Wait()
	sent := time.Since(begin)
	drain, err := s.drain(ctx)
	if err != nil {
		return report{}, err
	}
	slices.Sort(lat)
	answered := time.Since(begin)
	replies, err := s.replies(ctx, channel)
	if err != nil {
		return report{}, err
	}
	return report{channel: channel, n: n, failed: failed, later: later, sent: sent, lat: lat, answered: answered,
		drainAfter: drain, replies: replies, reply: s.replyLatency(channel, begin, rate, stored)}, nil
}

// replyLatency is, per message, the time from when it was due to its
// answer: for a messenger the fake platform's receipt of the first reply to
// that customer after it (a customer writes every two seconds), for the
// web chat the end of its turn in the engine (stored and readable).
func (s *system) replyLatency(channel string, begin time.Time, rate int, stored []int64) []time.Duration {
	due := func(i int) time.Time { return begin.Add(time.Duration(i) * time.Second / time.Duration(rate)) }
	var out []time.Duration
	switch channel {
	case "whatsapp", "threema", "messenger":
		byTo := s.sentAt(channel)
		for i := range stored {
			for _, at := range byTo[customer(channel, i)] {
				if !at.Before(due(i)) {
					out = append(out, at.Sub(due(i)))
					break
				}
			}
		}
	default:
		s.saidMu.Lock()
		defer s.saidMu.Unlock()
		for i, id := range stored {
			if at, ok := s.said[id]; ok && id != 0 {
				out = append(out, at.Sub(due(i)))
			}
		}
	}
	slices.Sort(out)
	return out
}

// replies counts the bot's answers: sent to a messenger, or stored for
// the web chats (less each chat's greeting).
func (s *system) replies(ctx context.Context, channel string) (int, error) {
	if channel != "web" && channel != "photo" {
		n := 0
		for _, at := range s.sentAt(channel) {
			n += len(at)
		}
		return n, nil
	}
	n := 0
	for _, tok := range s.tokens {
		c, err := s.db.ConversationByKey(ctx, s.chatKey(bot.ChannelWeb, tok))
		if bot.ErrorCode(err) == bot.ENOTFOUND {
			continue // a chat begins with its first message: this one got none
		}
		if err != nil {
			return 0, err
		}
		msgs, err := s.db.Messages(ctx, c.ID, 0)
		if err != nil {
			return 0, err
		}
		for _, m := range msgs[1:] {
			if m.FromBot {
				n++
			}
		}
	}
	return n, nil
}

// idle reports whether no engine has work queued.
func (s *system) idle() bool {
	for _, e := range s.engines {
		if e.QueueDepth() > 0 {
			return false
		}
	}
	return true
}

// drain waits until every stored message is answered.
func (s *system) drain(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	for {
		ids, err := s.db.Backlog(ctx)
		if err != nil {
			return 0, err
		}
		if len(ids) == 0 && s.idle() {
			return time.Since(start), nil
		}
		if time.Since(start) > 5*time.Minute {
			return 0, fmt.Errorf("%d conversations still unanswered after 5 minutes", len(ids))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

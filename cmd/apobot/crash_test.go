package main

import (
	"bytes"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photogen"
)

// TestNoAcknowledgedMessageIsLostAcrossKills sends web chat, WhatsApp,
// Threema and Messenger messages, and web chat photos that the scanner is reading when a kill
// comes, without pause while apobot is killed with SIGKILL and started
// again five times. Unacknowledged messages are sent again with the same id,
// as the platforms do. Afterwards every acknowledged message is stored once
// and answered exactly once.
func TestNoAcknowledgedMessageIsLostAcrossKills(t *testing.T) {
	bin := builtBinary(t)
	dir, addr := t.TempDir(), freeAddr(t)
	wa := fakes.NewWhatsApp("wa-access", "55501")
	defer wa.Close()
	pub, priv, err := threema.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tm := fakes.NewThreema("*APOTHEK", "tm-secret", pub)
	defer tm.Close()
	fb := fakes.NewMessenger("fb-token", "1066")
	defer fb.Close()
	env := append(os.Environ(), envAddr+"="+addr, envDataDir+"="+dir, envWAToken+"=wa-access", envWASecret+"=s",
		envWAVerify+"=v", envWAPhone+"=55501", envWAURL+"="+wa.BaseURL(),
		envTMID+"=*APOTHEK", envTMSecret+"=tm-secret", envTMKey+"="+hex.EncodeToString(priv[:]), envTMURL+"="+tm.URL,
		envFBToken+"=fb-token", envFBSecret+"=fb-s", envFBVerify+"=v", envFBPage+"=1066", envFBURL+"="+fb.BaseURL())
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "serve")
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitHealthy(t, addr)
		return cmd
	}
	cmd := start()
	base := "http://" + addr
	tok, photoTok := webSession(t, base), webSession(t, base)
	photos := [][]byte{sample(t, photogen.Pack, 1).JPEG, sample(t, photogen.Pack, 2).JPEG}

	a := newAcker()
	send := func(id string, try func() int) { a.send(id, func(int) int { return try() }) }
	client := &http.Client{Timeout: 5 * time.Second}
	var wg sync.WaitGroup
	wg.Add(5)
	go func() { // photos in another web chat
		defer wg.Done()
		for i := 0; !a.stop.Load(); i++ {
			key := fmt.Sprint("p", i)
			send("web:"+key, func() int { return webPhoto(client, base, photoTok, key, photos[i%2]) })
			time.Sleep(250 * time.Millisecond)
		}
	}()
	go func() { // the web chat
		defer wg.Done()
		for i := 0; !a.stop.Load(); i++ {
			key := fmt.Sprint("k", i)
			send("web:"+key, func() int { return webPost(client, base, tok, key, "Danke") })
			time.Sleep(10 * time.Millisecond)
		}
	}()
	go func() { // WhatsApp, five customers
		defer wg.Done()
		for i := 0; !a.stop.Load(); i++ {
			id := fmt.Sprint("wamid.crash", i)
			body := fakes.WhatsAppWebhook("55501", fmt.Sprint("4915200000", i%5), id, "Danke", "", time.Now())
			send(id, func() int { return signedPost(client, base, body, fakes.Sign(body, "s")) })
			time.Sleep(10 * time.Millisecond)
		}
	}()
	go func() { // Threema, three customers; a redelivery carries the same message id
		defer wg.Done()
		for i := 0; !a.stop.Load(); i++ {
			id := fmt.Sprintf("%016x", 0x7000000000000000+i)
			body := tm.Text(fmt.Sprint("CRASH00", i%3), id, "Danke", time.Now())
			send(id, func() int { return formPost(client, base+"/webhooks/threema", body) })
			time.Sleep(10 * time.Millisecond)
		}
	}()
	go func() { // Messenger, three customers
		defer wg.Done()
		for i := 0; !a.stop.Load(); i++ {
			id := fmt.Sprint("m_crash", i)
			body := fakes.MessengerText("1066", fmt.Sprint("710000000", i%3), id, "Danke", time.Now())
			send(id, func() int { return signedPostTo(client, base+"/webhooks/messenger", body, fakes.Sign(body, "fb-s")) })
			time.Sleep(10 * time.Millisecond)
		}
	}()
	// Each process lives until it has acknowledged a few more messages, on a
	// busy machine as on an idle one, then is killed mid-traffic.
	for range 5 {
		a.moreAcked(t, 20)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		cmd = start()
	}
	a.moreAcked(t, 20)
	a.stop.Store(true)
	wg.Wait()
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()

	db := dbPath(dir)
	testwait.UntilCtx(testwait.Context(t), func() bool { return pendingRows(t, db) == 0 }) // what is left is reported below
	stored, processed, replies, convs := storedMessages(t, db)
	lost := 0
	for id := range a.acked {
		if !stored[id] {
			lost++
		}
		if !processed[id] {
			t.Errorf("acknowledged message %s was not answered", id)
		}
	}
	// Every "Danke" gets one reply; each messenger chat also got the privacy
	// notice once, the web chat its greeting.
	customer := len(stored)
	if replies != customer+convs {
		t.Errorf("%d replies to %d messages in %d chats: want exactly one per message plus one per chat", replies, customer, convs)
	}
	t.Logf("5 SIGKILLs: %d sends, %d messages acknowledged (%d photos), %d lost, %d stored, %d replies in %d chats; %d, %d and %d messages reached the WhatsApp, Threema and Messenger APIs",
		a.sent.Load(), len(a.acked), countPrefix(a.acked, "web:p"), lost, customer, replies, convs, len(wa.Sent()), len(tm.Sent()), len(fb.Sent()))
	if lost > 0 {
		t.Fatalf("%d acknowledged messages lost", lost)
	}
	for ch, reached := range map[string]int{"whatsapp": len(wa.Sent()), "threema": len(tm.Sent()), "messenger": len(fb.Sent())} {
		if recorded := channelReplies(t, db, ch); reached < recorded || recorded == 0 {
			t.Fatalf("%d %s replies recorded as sent, %d reached the API", recorded, ch, reached)
		}
	}
}

// acker sends messages until they are acknowledged, as the platforms
// redeliver, and keeps count.
type acker struct {
	stop       atomic.Bool
	mu         sync.Mutex
	acked      map[string]bool // platform ids acknowledged
	sent, acks atomic.Int64
}

func newAcker() *acker { return &acker{acked: map[string]bool{}} }

// send tries message id until it is acknowledged (200 or 202) or the
// traffic stops; try gets the attempt's number.
func (a *acker) send(id string, try func(attempt int) int) {
	for k := 0; !a.stop.Load(); k++ {
		a.sent.Add(1)
		if status := try(k); status == http.StatusOK || status == http.StatusAccepted {
			a.mu.Lock()
			a.acked[id] = true
			a.mu.Unlock()
			a.acks.Add(1)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// moreAcked waits for n more acknowledgements.
func (a *acker) moreAcked(t *testing.T, n int64) {
	t.Helper()
	target := a.acks.Load() + n
	testwait.Until(t, "more acknowledged messages", func() bool { return a.acks.Load() >= target })
}

func countPrefix(ids map[string]bool, prefix string) int {
	n := 0
	for id := range ids {
		if strings.HasPrefix(id, prefix) {
			n++
		}
	}
	return n
}

// channelReplies counts the replies recorded as sent on a channel.
func channelReplies(t *testing.T, db, channel string) int {
	conn := openRO(t, db)
	defer conn.Close()
	var n int
	conn.QueryRow(`SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE m.from_bot = 1 AND m.processed = 1 AND c.channel = ?`, channel).Scan(&n)
	return n
}

func webPost(c *http.Client, base, token, key, text string) int {
	req := chatPost(base, token, text, nil)
	req.Header.Set("Idempotency-Key", key)
	return do(c, req)
}

func webPhoto(c *http.Client, base, token, key string, jpeg []byte) int {
	req := chatPost(base, token, "", jpeg)
	req.Header.Set("Idempotency-Key", key)
	return do(c, req)
}

func signedPost(c *http.Client, base string, body []byte, sig string) int {
	return signedPostTo(c, base+"/webhooks/whatsapp", body, sig)
}

func signedPostTo(c *http.Client, u string, body []byte, sig string) int {
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", sig)
	return do(c, req)
}

func formPost(c *http.Client, u string, body []byte) int {
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(c, req)
}

func do(c *http.Client, req *http.Request) int {
	res, err := c.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

func openRO(t *testing.T, db string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// pendingRows counts messages not yet answered and replies not yet sent.
func pendingRows(t *testing.T, db string) int {
	conn := openRO(t, db)
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT COUNT(*) FROM messages WHERE processed = 0").Scan(&n); err != nil {
		return 1
	}
	return n
}

// storedMessages reads which customer messages are stored and processed
// (by platform id), and counts the bot's replies and the chats.
func storedMessages(t *testing.T, db string) (stored, processed map[string]bool, replies, convs int) {
	t.Helper()
	conn := openRO(t, db)
	defer conn.Close()
	stored, processed = map[string]bool{}, map[string]bool{}
	rows, err := conn.Query("SELECT platform_id, processed FROM messages WHERE from_bot = 0")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var p bool
		rows.Scan(&id, &p)
		if stored[id] {
			t.Errorf("message %s is stored twice", id)
		}
		stored[id], processed[id] = true, p
	}
	rows.Close()
	conn.QueryRow("SELECT COUNT(*) FROM messages WHERE from_bot = 1").Scan(&replies)
	conn.QueryRow("SELECT COUNT(*) FROM conversations").Scan(&convs)
	return stored, processed, replies, convs
}

package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/fakes"
	"github.com/apobot/apobot/internal/testsupport/testwait"
	"github.com/apobot/apobot/ocr/photogen"
	"github.com/apobot/apobot/store/pgtest"
)

// TestTwoProcessesOnPostgresAcrossKills runs two apobot processes on one
// PostgreSQL database and sends web chat texts and photos and WhatsApp
// messages to both, alternating, while one of them is killed with SIGKILL
// and started again five times. A message that was not acknowledged is sent
// again with the same id, to the other process first (as a load balancer
// would). Afterwards every acknowledged message is stored once and answered
// exactly once, and in each web chat the replies follow the messages in
// the order they were stored.
func TestTwoProcessesOnPostgresAcrossKills(t *testing.T) {
	bin := builtBinary(t)
	url := pgtest.Database(t)
	wa := fakes.NewWhatsApp("wa-access", "55501")
	defer wa.Close()
	dir := t.TempDir()
	addrs := []string{freeAddr(t), freeAddr(t)}
	start := func(i int) *exec.Cmd {
		cmd := exec.Command(bin, "serve")
		cmd.Env = append(os.Environ(), envAddr+"="+addrs[i], envDataDir+"="+dir, envDatabaseURL+"="+url, envClaimLease+"=2s",
			envWAToken+"=wa-access", envWASecret+"=s", envWAVerify+"=v", envWAPhone+"=55501", envWAURL+"="+wa.BaseURL())
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitHealthy(t, addrs[i])
		return cmd
	}
	procs := []*exec.Cmd{start(0), nil}
	procs[1] = start(1) // after the first made the master key both share
	defer func() {
		for _, p := range procs {
			p.Process.Signal(syscall.SIGTERM)
			p.Wait()
		}
	}()
	bases := []string{"http://" + addrs[0], "http://" + addrs[1]}
	chats := []string{webSession(t, bases[0]), webSession(t, bases[1])}
	photoTok := webSession(t, bases[0])
	photos := [][]byte{sample(t, photogen.Pack, 1).JPEG, sample(t, photogen.Pack, 2).JPEG}

	a := newAcker()
	// send tries process first, then the other one, until one acknowledges.
	send := func(id string, first int, try func(base string) int) {
		a.send(id, func(k int) int { return try(bases[(first+k)%2]) })
	}
	client := &http.Client{Timeout: 5 * time.Second}
	var wg sync.WaitGroup
	traffic := func(f func(i int)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !a.stop.Load(); i++ {
				f(i)
			}
		}()
	}
	traffic(func(i int) { // photos
		key := fmt.Sprint("p", i)
		send("web:"+key, i, func(base string) int { return webPhoto(client, base, photoTok, key, photos[i%2]) })
		time.Sleep(250 * time.Millisecond)
	})
	for c, tok := range chats { // two web chats: thanks and questions, in an order the replies must keep
		traffic(func(i int) { // two at once, one to each process
			var pair sync.WaitGroup
			for j := range 2 {
				pair.Go(func() {
					key := fmt.Sprint("c", c, "-", i, "-", j)
					send("web:"+key, j, func(base string) int { return webPost(client, base, tok, key, webText(i+j)) })
				})
			}
			pair.Wait()
			time.Sleep(10 * time.Millisecond)
		})
	}
	traffic(func(i int) { // WhatsApp, five customers
		id := fmt.Sprint("wamid.two", i)
		body := fakes.WhatsAppWebhook("55501", fmt.Sprint("4915200000", i%5), id, "Danke", "", time.Now())
		send(id, i, func(base string) int { return signedPost(client, base, body, fakes.Sign(body, "s")) })
		time.Sleep(10 * time.Millisecond)
	})
	for range 5 {
		a.moreAcked(t, 20)
		procs[0].Process.Signal(syscall.SIGKILL)
		procs[0].Wait()
		procs[0] = start(0)
	}
	a.moreAcked(t, 20)
	a.stop.Store(true)
	wg.Wait()

	conn, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	count := func(q string) int {
		var n int
		if err := conn.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	testwait.Until(t, "every stored message answered and every reply sent", func() bool {
		return count("SELECT COUNT(*) FROM messages WHERE NOT processed") == 0
	})
	stored := map[string]bool{}
	rows, err := conn.Query("SELECT platform_id FROM messages WHERE NOT from_bot")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		if stored[id] {
			t.Errorf("message %s is stored twice", id)
		}
		stored[id] = true
	}
	rows.Close()
	lost := 0
	for id := range a.acked {
		if !stored[id] {
			lost++
		}
	}
	replies, convs := count("SELECT COUNT(*) FROM messages WHERE from_bot"), count("SELECT COUNT(*) FROM conversations")
	t.Logf("two processes, 5 SIGKILLs of one: %d sends, %d acknowledged (%d photos), %d lost, %d stored, %d replies in %d chats; %d reached the WhatsApp API",
		a.sent.Load(), len(a.acked), countPrefix(a.acked, "web:p"), lost, len(stored), replies, convs, len(wa.Sent()))
	if lost > 0 {
		t.Fatalf("%d acknowledged messages lost", lost)
	}
	if replies != len(stored)+convs {
		t.Errorf("%d replies to %d messages in %d chats: want exactly one per message plus one per chat", replies, len(stored), convs)
		rows, err := conn.Query(`SELECT c.channel, c.id, SUM(CASE WHEN m.from_bot THEN 1 ELSE 0 END), SUM(CASE WHEN m.from_bot THEN 0 ELSE 1 END)
			FROM messages m JOIN conversations c ON c.id = m.conversation_id GROUP BY c.channel, c.id`)
		if err == nil {
			for rows.Next() {
				var ch string
				var id, bot, customer int
				rows.Scan(&ch, &id, &bot, &customer)
				t.Logf("chat %d (%s): %d replies to %d messages", id, ch, bot, customer)
			}
			rows.Close()
		}
	}
	for c, tok := range chats {
		inOrder(t, bases[c], tok)
	}
}

// webText is the web chat's i-th message: thanks, and now and then a
// question whose answer differs, so the order of the answers shows.
func webText(i int) string {
	if i%3 == 2 {
		return "Wie ist der Stand?"
	}
	return "Danke"
}

// inOrder reads a web chat and checks that its replies answer its
// messages one for one, in the order they were stored.
func inOrder(t *testing.T, base, token string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/chat/messages?after=0", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Messages []struct{ From, Text string } }
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var asked, answered []string
	for _, m := range body.Messages {
		switch {
		case m.From == "customer" && m.Text == "Danke":
			asked = append(asked, "thanks")
		case m.From == "customer":
			asked = append(asked, "status")
		case strings.Contains(m.Text, "Datenschutz"): // the greeting
		case strings.Contains(m.Text, "keine Vorbestellung offen"):
			answered = append(answered, "status")
		default:
			answered = append(answered, "thanks")
		}
	}
	t.Logf("web chat: %d messages answered", len(asked))
	if strings.Join(asked, " ") != strings.Join(answered, " ") {
		t.Errorf("web chat: %d messages %v answered by %d replies %v", len(asked), asked, len(answered), answered)
	}
}

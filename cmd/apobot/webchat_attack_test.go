package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// The web chat token's attacks, against the built binary: other spellings
// of a token, a flood of messages from one token, a token left alone.

// chatAnswer is a web chat API answer: status, Retry-After and error id.
type chatAnswer struct {
	status int
	retry  string
	id     string
}

func chatDo(t *testing.T, req *http.Request) chatAnswer {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Error struct{ ID string } }
	b, _ := io.ReadAll(res.Body)
	json.Unmarshal(b, &body)
	return chatAnswer{res.StatusCode, res.Header.Get("Retry-After"), body.Error.ID}
}

func chatGet(base, token string) *http.Request {
	req := mustRequest(http.MethodGet, base+"/chat/messages", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

// otherSpellings are the ways to write token that differ only in the 2
// spare bits of its last character.
func otherSpellings(token string) []string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, token[len(token)-1])
	var out []string
	for spare := range 4 {
		if i := last&^3 | spare; i != last {
			out = append(out, token[:len(token)-1]+string(alphabet[i]))
		}
	}
	return out
}

// TestWebChatTokenSpellingsAreOneChat: the three other spellings of a
// token that wrote are refused, and the database holds one chat.
func TestWebChatTokenSpellingsAreOneChat(t *testing.T) {
	p := startBinary(t)
	token := webSession(t, p.base)
	if a := chatDo(t, chatPost(p.base, token, "hallo", nil)); a.status != http.StatusAccepted {
		t.Fatalf("the token as given: %d", a.status)
	}
	for _, s := range otherSpellings(token) {
		if a := chatDo(t, chatPost(p.base, s, "hallo", nil)); a.status != http.StatusUnauthorized {
			t.Errorf("spelling %s: %d, want 401", s, a.status)
		}
	}
	conn := openRO(t, dbPath(p.dir))
	defer conn.Close()
	var chats int
	if err := conn.QueryRow("SELECT COUNT(*) FROM conversations").Scan(&chats); err != nil {
		t.Fatal(err)
	}
	if chats != 1 {
		t.Fatalf("four spellings made %d chats, want 1", chats)
	}
}

// TestWebChatMessageFloodIsRefused: 300 messages of 2,000 characters from
// one token, 10 at a time: the burst is taken, the rest but what the rate
// refills gets 429 with a Retry-After of at most MessageEvery.
func TestWebChatMessageFloodIsRefused(t *testing.T) {
	p := startBinary(t)
	token := webSession(t, p.base)
	text := strings.Repeat("x", 2000)
	var mu sync.Mutex
	statuses, retries := map[int]int{}, map[string]int{}
	jobs := make(chan struct{})
	var wg sync.WaitGroup
	start := time.Now()
	for range 10 {
		wg.Go(func() {
			for range jobs {
				a := chatDo(t, chatPost(p.base, token, text, nil))
				mu.Lock()
				statuses[a.status]++
				if a.status == http.StatusTooManyRequests {
					retries[a.retry]++
				}
				mu.Unlock()
			}
		})
	}
	for range 300 {
		jobs <- struct{}{}
	}
	close(jobs)
	wg.Wait()
	took := time.Since(start)
	t.Logf("300 messages of 2,000 characters from one token in %v: %d accepted, %d refused (429), Retry-After %v",
		took.Round(time.Millisecond), statuses[http.StatusAccepted], statuses[http.StatusTooManyRequests], retries)
	most := web.MessageBurst + int(took/web.MessageEvery) + 1
	if got := statuses[http.StatusAccepted]; got < web.MessageBurst || got > most {
		t.Fatalf("%d accepted, want from %d to %d", got, web.MessageBurst, most)
	}
	if statuses[http.StatusAccepted]+statuses[http.StatusTooManyRequests] != 300 {
		t.Fatalf("statuses %v, want only 202 and 429", statuses)
	}
	wait := strconv.Itoa(int(web.MessageEvery / time.Second))
	for r := range retries {
		if r != "1" && r != wait {
			t.Fatalf("Retry-After %q, want 1 or %s seconds", r, wait)
		}
	}
}

// TestWebChatTokenEndsWhenLeftAlone: with APOBOT_CHAT_IDLE=3s, a token
// whose customer has not written for 3 s gets 401 web.chat_ended, no
// sooner; a new session then works.
func TestWebChatTokenEndsWhenLeftAlone(t *testing.T) {
	const idle = 3 * time.Second
	p := startBinary(t, envChatIdle+"="+idle.String())
	token := webSession(t, p.base)
	sent := time.Now()
	if a := chatDo(t, chatPost(p.base, token, "hallo", nil)); a.status != http.StatusAccepted {
		t.Fatalf("send: %d", a.status)
	}
	var last chatAnswer
	err := testwait.UntilCtx(testwait.Context(t), func() bool {
		last = chatDo(t, chatGet(p.base, token))
		if last.status == http.StatusOK {
			return false
		}
		if d := time.Since(sent); d < idle { // the answer came after the server's end
			t.Fatalf("the token ended %v after its last message, before %v", d, idle)
		}
		return true
	})
	if err != nil || last.status != http.StatusUnauthorized || last.id != "web.chat_ended" {
		t.Fatalf("the idle token: %+v (%v), want 401 web.chat_ended", last, err)
	}
	t.Logf("the token ended %v after its last message (APOBOT_CHAT_IDLE=%v)", time.Since(sent).Round(100*time.Millisecond), idle)
	if a := chatDo(t, chatPost(p.base, token, "hallo", nil)); a.status != http.StatusUnauthorized || a.id != "web.chat_ended" {
		t.Fatalf("the ended token's send: %+v", a)
	}
	if a := chatDo(t, chatPost(p.base, webSession(t, p.base), "hallo", nil)); a.status != http.StatusAccepted {
		t.Fatalf("a new session after the end: %d", a.status)
	}
}

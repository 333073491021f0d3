package web_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestTelegramSecretBeforeBody: Telegram's proof is a header, so a POST
// without the secret is refused before its body is read. The body here
// stops after 300 kB and never ends: net/http drops what it cannot discard
// (256 kB) and answers, while a handler that read the body first would wait
// for the rest.
func TestTelegramSecretBeforeBody(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second)) // a bound for the failure only
	chunk := strings.Repeat("x", 100<<10)
	go func() {
		fmt.Fprintf(conn, "POST /webhooks/telegram HTTP/1.1\r\nHost: apobot\r\nContent-Type: application/json\r\n"+
			"Transfer-Encoding: chunked\r\nX-Telegram-Bot-Api-Secret-Token: wrong\r\n\r\n")
		for range 3 {
			fmt.Fprintf(conn, "%x\r\n%s\r\n", len(chunk), chunk)
		}
	}()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body ended: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", res.StatusCode)
	}
}

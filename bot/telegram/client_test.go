package telegram_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/telegram"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

func TestClientSendFetchErase(t *testing.T) {
	f := fakes.NewTelegram("99:tok")
	defer f.Close()
	c := &telegram.Client{BaseURL: f.URL, Token: "99:tok"}
	ctx := context.Background()
	id, err := c.Send(ctx, "555", "Hallo", time.Time{})
	if err != nil || id == "" {
		t.Fatalf("send: %q %v", id, err)
	}
	f.AddFile("f1", []byte("photo"))
	if data, err := c.Fetch(ctx, "f1"); err != nil || string(data) != "photo" {
		t.Fatalf("fetch: %q %v", data, err)
	}
	f.Customer(7)
	err = c.Erase(ctx, "555", []string{"7", id, "8", "bot:abc"})
	if err == nil || !strings.Contains(err.Error(), "1 of 4") {
		t.Fatalf("erase: %v, want one refusal (message 8 does not exist)", err)
	}
	if d := f.Deleted(); len(d) != 2 {
		t.Fatalf("deleted %v, want 7 and the bot's message", d)
	}
}

func TestClientErrorsHideTheToken(t *testing.T) {
	f := fakes.NewTelegram("99:tok")
	defer f.Close()
	for _, c := range []*telegram.Client{
		{BaseURL: f.URL, Token: "12:wrong-secret"},
		{BaseURL: "http://127.0.0.1:1", Token: "12:wrong-secret"},
	} {
		_, err := c.Send(context.Background(), "1", "x", time.Time{})
		if err == nil || strings.Contains(err.Error(), "wrong-secret") {
			t.Fatalf("error %v: must fail without the token", err)
		}
		if _, err := c.Fetch(context.Background(), "f"); err == nil || strings.Contains(err.Error(), "wrong-secret") {
			t.Fatalf("fetch error %v: must fail without the token", err)
		}
	}
}

func TestCheck(t *testing.T) {
	f := fakes.NewTelegram("123:ABC")
	defer f.Close()
	if name, err := (&telegram.Client{BaseURL: f.URL, Token: "123:ABC"}).Check(t.Context()); err != nil || name == "" {
		t.Fatalf("good token: %q %v", name, err)
	}
	if _, err := (&telegram.Client{BaseURL: f.URL, Token: "123:XYZ"}).Check(t.Context()); err == nil {
		t.Fatal("a refused token passed the check")
	}
}

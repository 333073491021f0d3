package whatsapp_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/whatsapp"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

func TestSendRespectsTheWindow(t *testing.T) {
	f := fakes.NewWhatsApp("tok", "55501")
	defer f.Close()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	c := &whatsapp.Client{BaseURL: f.BaseURL(), Token: "tok", PhoneNumberID: "55501", Now: func() time.Time { return now }}
	ctx := context.Background()
	id, err := c.Send(ctx, "4915100000001", "Ihre Bestellung", now.Add(-23*time.Hour))
	if err != nil || !strings.HasPrefix(id, "wamid.") {
		t.Fatalf("within 24 h: id %q, %v", id, err)
	}
	if _, err := c.Send(ctx, "4915100000001", "zu spät", now.Add(-25*time.Hour)); !errors.Is(err, bot.ErrWindowClosed) {
		t.Fatalf("after 24 h without a template: %v, want ErrWindowClosed", err)
	}
	c.Template = "apobot_antwort"
	if _, err := c.Send(ctx, "4915100000001", "Abholung\nab Montag", now.Add(-25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	sent := f.Sent()
	if len(sent) != 2 || sent[0].Type != "text" || sent[0].Text != "Ihre Bestellung" || sent[1].Type != "template" || sent[1].Template != "apobot_antwort" {
		t.Fatalf("sent %+v", sent)
	}
}

func TestSendMapsTheWindowError(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":{"message":"Re-engagement message","type":"OAuthException","code":131047}}`))
	}))
	defer api.Close()
	c := &whatsapp.Client{BaseURL: api.URL + "/v21.0", Token: "tok", PhoneNumberID: "1"}
	if _, err := c.Send(context.Background(), "49", "x", time.Now()); !errors.Is(err, bot.ErrWindowClosed) {
		t.Fatalf("error 131047: %v, want ErrWindowClosed", err)
	}
}

func TestFetchChecksTokenAndDigest(t *testing.T) {
	f := fakes.NewWhatsApp("tok", "55501")
	defer f.Close()
	f.AddMedia("m1", []byte("jpeg bytes"))
	c := &whatsapp.Client{BaseURL: f.BaseURL(), Token: "tok", PhoneNumberID: "55501"}
	if data, err := c.Fetch(context.Background(), "m1"); err != nil || string(data) != "jpeg bytes" {
		t.Fatalf("fetch: %q %v", data, err)
	}
	c.Token = "secret-wrong-token"
	_, err := c.Fetch(context.Background(), "m1")
	if err == nil || strings.Contains(err.Error(), "secret-wrong-token") || strings.Contains(err.Error(), "http") {
		t.Fatalf("fetch with a wrong token: %v (must fail and name neither token nor URL)", err)
	}
	c.BaseURL = "http://127.0.0.1:1/v21.0"
	if _, err := c.Fetch(context.Background(), "m1"); err == nil || strings.Contains(err.Error(), "/v21.0/m1") {
		t.Fatalf("unreachable API: %v (must fail without the URL's path)", err)
	}
}

func TestCheck(t *testing.T) {
	f := fakes.NewWhatsApp("token", "555")
	defer f.Close()
	if name, err := (&whatsapp.Client{BaseURL: f.BaseURL(), Token: "token", PhoneNumberID: "555"}).Check(t.Context()); err != nil || name == "" {
		t.Fatalf("good token: %q %v", name, err)
	}
	if _, err := (&whatsapp.Client{BaseURL: f.BaseURL(), Token: "wrong", PhoneNumberID: "555"}).Check(t.Context()); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("refused token: %v, want the status", err)
	}
}

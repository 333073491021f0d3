package facebook

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

const pageID, pageToken = "1066000001", "page-token"

var at = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	u, err := Parse(fakes.MessengerText(pageID, "7001", "m_1", "Habt ihr Nasenspray?", at))
	if err != nil || len(u.Messages) != 1 {
		t.Fatalf("%+v %v", u, err)
	}
	m := u.Messages[0]
	if m.ID != "m_1" || m.From != "7001" || m.PageID != pageID || !m.At.Equal(at) || m.Text != "Habt ihr Nasenspray?" || m.ImageURL != "" {
		t.Fatalf("message %+v", m)
	}
	u, _ = Parse(fakes.MessengerImage(pageID, "7001", "m_2", "https://cdn.example/p.jpg", at))
	if len(u.Messages) != 1 || u.Messages[0].ImageURL != "https://cdn.example/p.jpg" || u.Messages[0].Document {
		t.Fatalf("image %+v", u)
	}
	u, _ = Parse(fakes.MessengerAudio(pageID, "7001", "m_3", at))
	if len(u.Messages) != 1 || !u.Messages[0].Document {
		t.Fatalf("audio %+v", u)
	}
	u, err = Parse(fakes.MessengerEcho(pageID, "7001", at))
	if err != nil || len(u.Messages) != 0 || u.Dropped != 3 {
		t.Fatalf("echo, read, delivery: %+v %v", u, err)
	}
}

func TestParseRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"not json":     `{"object":`,
		"whatsapp":     `{"object":"whatsapp_business_account","entry":[]}`,
		"no mid":       `{"object":"page","entry":[{"messaging":[{"sender":{"id":"1"},"timestamp":5,"message":{"text":"x"}}]}]}`,
		"no sender":    `{"object":"page","entry":[{"messaging":[{"timestamp":5,"message":{"mid":"m","text":"x"}}]}]}`,
		"no timestamp": `{"object":"page","entry":[{"messaging":[{"sender":{"id":"1"},"message":{"mid":"m","text":"x"}}]}]}`,
		"wrong type":   `{"object":"page","entry":[{"messaging":[{"sender":{"id":1},"timestamp":5,"message":{"mid":"m"}}]}]}`,
		"too large":    `{"object":"page","x":"` + strings.Repeat("a", MaxBody) + `"}`,
	} {
		if _, err := Parse([]byte(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(fakes.MessengerText(pageID, "7001", "m_1", "hallo", at))
	f.Add(fakes.MessengerImage(pageID, "7001", "m_2", "https://cdn.example/p.jpg", at))
	f.Add(fakes.MessengerEcho(pageID, "7001", at))
	f.Fuzz(func(t *testing.T, body []byte) {
		u, err := Parse(body)
		if err != nil {
			return
		}
		for _, m := range u.Messages {
			if m.ID == "" || m.From == "" || m.At.IsZero() {
				t.Fatalf("accepted a message without id, sender or time: %+v", m)
			}
		}
	})
}

func setup(t *testing.T) (*Client, *fakes.Messenger, *time.Time) {
	f := fakes.NewMessenger(pageToken, pageID)
	t.Cleanup(f.Close)
	now := at
	return &Client{BaseURL: f.BaseURL(), PageToken: pageToken, PageID: pageID, Now: func() time.Time { return now }}, f, &now
}

func TestSendWithinTheWindow(t *testing.T) {
	c, f, now := setup(t)
	ctx := context.Background()
	if _, err := c.Send(ctx, "7001", "Abholbereit ab Mittwoch.", at.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Eine Zeile der Antwort.\n", 120) // over 2000 characters
	if _, err := c.Send(ctx, "7001", long, at); err != nil {
		t.Fatal(err)
	}
	sent := f.Sent()
	if len(sent) < 3 || sent[0].Text != "Abholbereit ab Mittwoch." || sent[0].MessagingType != "RESPONSE" || sent[0].To != "7001" {
		t.Fatalf("sent %+v", sent)
	}
	var texts []string
	for _, s := range sent[1:] {
		texts = append(texts, s.Text)
	}
	if strings.Join(texts, "\n") != long {
		t.Fatal("the long reply came back changed")
	}
	*now = at.Add(25 * time.Hour)
	if _, err := c.Send(ctx, "7001", "zu spät", at); !errors.Is(err, bot.ErrWindowClosed) {
		t.Fatalf("outside 24 hours: %v, want ErrWindowClosed", err)
	}
	c.PageToken = "wrong"
	*now = at
	if _, err := c.Send(ctx, "7001", "x", at); err == nil || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("a refused token: %v", err)
	}
}

func TestFetchAndCheck(t *testing.T) {
	c, f, _ := setup(t)
	ctx := context.Background()
	photo := bytes.Repeat([]byte{1, 2, 3}, 500)
	got, err := c.Fetch(ctx, f.AddAttachment("a1", photo))
	if err != nil || !bytes.Equal(got, photo) {
		t.Fatalf("fetch: %d bytes, %v", len(got), err)
	}
	for _, bad := range []string{"file:///etc/passwd", "http://169.254.169.254/latest/meta-data", "https://evil.example/x.jpg",
		"https://fbcdn.net.evil.example/x.jpg", "http://scontent.xx.fbcdn.net/x.jpg"} {
		if _, err := c.Fetch(ctx, bad); err == nil || strings.Contains(err.Error(), "169.254") {
			t.Errorf("%s: fetched, or the error names the URL (%v)", bad, err)
		}
	}
	for _, good := range []string{"https://scontent.xx.fbcdn.net/v/t1.jpg", "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"} {
		u, _ := url.Parse(good)
		if !c.mediaHost(u) {
			t.Errorf("%s: refused", good)
		}
	}
	if name, err := c.Check(ctx); err != nil || name != "Löwen-Apotheke" {
		t.Fatalf("check: %q %v", name, err)
	}
	c.PageID = "999"
	if _, err := c.Check(ctx); err == nil {
		t.Fatal("a token of another page passed")
	}
}

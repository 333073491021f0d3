package threema

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/fakes"
)

const gatewayID, apiSecret = "*APOTHEK", "geheimnis"

// setup is a client and a fake gateway that knows its public key.
func setup(t *testing.T) (*Client, *fakes.Threema) {
	t.Helper()
	pub, priv, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	g := fakes.NewThreema(gatewayID, apiSecret, pub)
	t.Cleanup(g.Close)
	return &Client{BaseURL: g.URL, ID: gatewayID, Secret: apiSecret, PrivateKey: priv}, g
}

var at = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

func TestOpenTextAndReceipt(t *testing.T) {
	c, g := setup(t)
	ctx := context.Background()
	cb, err := ParseCallback(g.Text("ECHOECHO", "0102030405060708", "Habt ihr Ibuprofen 400?", at), apiSecret, at)
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Open(ctx, cb)
	if err != nil || m.Kind != Text || m.Text != "Habt ihr Ibuprofen 400?" {
		t.Fatalf("text: %+v %v", m, err)
	}
	cb, _ = ParseCallback(g.Receipt("ECHOECHO", "0102030405060709", at), apiSecret, at)
	if m, err := c.Open(ctx, cb); err != nil || m.Kind != Control {
		t.Fatalf("receipt: %+v %v", m, err)
	}
	cb, _ = ParseCallback(g.Forged("ECHOECHO", "010203040506070a", "gefälscht", at), apiSecret, at)
	if _, err := c.Open(ctx, cb); !errors.Is(err, ErrBox) {
		t.Fatalf("a box sealed by a stranger: %v, want ErrBox", err)
	}
}

func TestPhotoIsFetchedAndDecrypted(t *testing.T) {
	c, g := setup(t)
	ctx := context.Background()
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0x42}, 1000)
	cb, err := ParseCallback(g.Photo("ECHOECHO", "0102030405060708", "image/jpeg", photo, at), apiSecret, at)
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Open(ctx, cb)
	if err != nil || m.Kind != File || !m.File.Image() {
		t.Fatalf("file: %+v %v", m, err)
	}
	got, err := c.Fetch(ctx, m.File.Ref())
	if err != nil || !bytes.Equal(got, photo) {
		t.Fatalf("fetched %d bytes, %v", len(got), err)
	}
	wrong := m.File
	wrong.Key[0] ^= 1
	if _, err := c.Fetch(ctx, wrong.Ref()); err == nil {
		t.Fatal("a blob opened with the wrong key")
	}
	cb, _ = ParseCallback(g.Photo("ECHOECHO", "0102030405060709", "application/pdf", photo, at), apiSecret, at)
	if m, err := c.Open(ctx, cb); err != nil || m.Kind != File || m.File.Image() {
		t.Fatalf("a PDF: %+v %v", m, err)
	}
}

func TestSendIsEncryptedAndPadded(t *testing.T) {
	c, g := setup(t)
	ctx := context.Background()
	g.Text("ECHOECHO", "0102030405060708", "hallo", at) // the customer exists at the gateway
	for _, text := range []string{"Ja.", strings.Repeat("Abholung am Mittwoch. ", 10)} {
		if _, err := c.Send(ctx, "ECHOECHO", text, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	long := strings.Repeat("Zeile mit Umlauten äöü\n", 300) // over one box
	if _, err := c.Send(ctx, "ECHOECHO", long, time.Time{}); err != nil {
		t.Fatal(err)
	}
	sent := g.Sent()
	if len(sent) < 4 || sent[0].Text != "Ja." || 1+len("Ja.")+sent[0].Padding < minPadded {
		t.Fatalf("sent %+v", sent[:min(len(sent), 2)])
	}
	var texts []string
	for _, s := range sent[2:] {
		texts = append(texts, s.Text)
	}
	if strings.Join(texts, "\n") != long {
		t.Fatalf("the long reply came back changed (%d parts)", len(sent)-2)
	}
	for _, w := range g.Wire() {
		if strings.Contains(w, "Mittwoch") || strings.Contains(w, "hallo") || strings.Contains(w, "Umlaut") {
			t.Fatalf("the gateway saw clear text: %.80q", w)
		}
	}
}

func TestPublicKeyIsCachedUntilErased(t *testing.T) {
	c, g := setup(t)
	ctx := context.Background()
	if _, err := c.PublicKey(ctx, "NOBODY00"); err == nil {
		t.Fatal("an unknown ID had a key")
	}
	g.Text("ECHOECHO", "0102030405060708", "hallo", at)
	k1, err := c.PublicKey(ctx, "ECHOECHO")
	if err != nil {
		t.Fatal(err)
	}
	lookups := func() int {
		n := 0
		for _, w := range g.Wire() {
			if strings.Contains(w, "ECHOECHO") && !strings.Contains(w, "box=") {
				n++
			}
		}
		return n
	}
	before := lookups()
	if k2, _ := c.PublicKey(ctx, "ECHOECHO"); *k2 != *k1 || lookups() != before {
		t.Fatal("the second lookup went to the gateway")
	}
	c.Erase(ctx, "ECHOECHO", nil)
	if _, ok := c.keys.get("ECHOECHO", time.Now()); ok {
		t.Fatal("the key was kept after the chat was erased")
	}
	c.keys.put("ECHOECHO", k1, time.Now().Add(-keyTTL-time.Minute))
	if _, ok := c.keys.get("ECHOECHO", time.Now()); ok {
		t.Fatal("an expired key was used")
	}
}

func TestCheckCredentials(t *testing.T) {
	c, _ := setup(t)
	if n, err := c.Check(context.Background()); err != nil || n != 100 {
		t.Fatalf("credits %d, %v", n, err)
	}
	c.Secret = "falsch"
	var se *StatusError
	if _, err := c.Check(context.Background()); !errors.As(err, &se) || se.Status != 401 || strings.Contains(err.Error(), "falsch") {
		t.Fatalf("wrong secret: %v", err)
	}
}

func FuzzOpenBody(f *testing.F) {
	f.Add([]byte{0x01, 'h', 'i'})
	f.Add([]byte(`{"b":"00112233445566778899aabbccddeeff","k":"` + strings.Repeat("ab", 32) + `","m":"image/jpeg"}`))
	f.Add([]byte{0x80, 1})
	f.Fuzz(func(t *testing.T, plain []byte) {
		body, err := unpad(plain)
		if err != nil {
			return
		}
		m, err := read(body)
		if err == nil && m.Kind == File && (len(m.File.BlobID) != 32 || m.File.Ref() == "") {
			t.Fatalf("file message with blob %q", m.File.BlobID)
		}
	})
}

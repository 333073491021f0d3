package threema

import (
	"context"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
)

func webhookFor(o Opener) *Webhook {
	return &Webhook{ID: gatewayID, Secret: apiSecret, Opener: o, Now: func() time.Time { return at },
		ChatKey: func(from string) string { return "key:" + from }}
}

// TestWebhookThroughTheGateway reads callbacks as the fake gateway sends
// them, the sender's key looked up there.
func TestWebhookThroughTheGateway(t *testing.T) {
	c, g := setup(t)
	w := webhookFor(c)
	text := bot.Inbound{Channel: bot.ChannelThreema, ChatKey: "key:ECHOECHO", ReplyTo: "ECHOECHO", MessageID: "0102030405060708",
		Text: "Habt ihr Ibuprofen 400?", ReceivedAt: at}
	if got, err := w.Inbound(t.Context(), nil, g.Text("ECHOECHO", "0102030405060708", "Habt ihr Ibuprofen 400?", at)); err != nil ||
		!reflect.DeepEqual(got, []bot.Inbound{text}) {
		t.Fatalf("text: %+v, %v", got, err)
	}
	photo := []byte("\xff\xd8\xff a photo")
	got, err := w.Inbound(t.Context(), nil, g.Photo("ECHOECHO", "0102030405060709", "image/jpeg", photo, at))
	if err != nil || len(got) != 1 || got[0].MediaRef == "" || got[0].Document {
		t.Fatalf("photo: %+v, %v", got, err)
	}
	if data, err := c.Fetch(t.Context(), got[0].MediaRef); err != nil || string(data) != string(photo) {
		t.Fatalf("the photo's reference fetched %q, %v", data, err)
	}
	got, err = w.Inbound(t.Context(), nil, g.Photo("ECHOECHO", "010203040506070a", "application/pdf", photo, at))
	if err != nil || len(got) != 1 || got[0].MediaRef != "" || !got[0].Document {
		t.Fatalf("a PDF: %+v, %v", got, err)
	}
	if got, err := w.Inbound(t.Context(), nil, g.Receipt("ECHOECHO", "010203040506070b", at)); err != nil || got != nil {
		t.Fatalf("a delivery receipt: %+v, %v; want nothing to answer", got, err)
	}
}

func TestWebhookRefuses(t *testing.T) {
	c, g := setup(t)
	w := webhookFor(c)
	future := g.Text("ECHOECHO", "0102030405060708", "x", at.Add(MaxAhead+time.Minute))
	forged := g.Forged("ECHOECHO", "0102030405060709", "x", at)
	revoked := g.Text("REVOKED1", "010203040506070a", "x", at)
	g.Revoke("REVOKED1")
	for name, c := range map[string]struct {
		body     []byte
		code, id string
	}{
		"no MAC":             {[]byte("from=ECHOECHO&to=*APOTHEK&box=00"), bot.EUNAUTHORIZED, "web.signature"},
		"another secret":     {remac(g.Text("ECHOECHO", "0102030405060708", "x", at), "other", nil), bot.EUNAUTHORIZED, "web.signature"},
		"to another ID":      {remac(g.Text("ECHOECHO", "0102030405060708", "x", at), apiSecret, url.Values{"to": {"*ANOTHER"}}), bot.EINVALID, "web.bad_update"},
		"malformed field":    {remac(g.Text("ECHOECHO", "0102030405060708", "x", at), apiSecret, url.Values{"messageId": {"01"}}), bot.EINVALID, "web.bad_update"},
		"dated ahead":        {future, bot.EINVALID, "web.bad_update"},
		"a box that is shut": {forged, bot.EINVALID, "web.box"},
		"an unknown sender":  {revoked, bot.EINVALID, "web.box"},
	} {
		got, err := w.Inbound(t.Context(), nil, c.body)
		var be *bot.Error
		if !errors.As(err, &be) || be.Code != c.code || string(be.ID) != c.id || got != nil {
			t.Errorf("%s: %+v, %v; want no messages and %s (%s)", name, got, err, c.code, c.id)
		}
	}
}

// TestWebhookGatewayDown: a sender's key the gateway cannot give now is
// EUNAVAILABLE, so the gateway delivers again.
func TestWebhookGatewayDown(t *testing.T) {
	c, g := setup(t)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	defer down.Close()
	c.BaseURL = down.URL
	got, err := webhookFor(c).Inbound(t.Context(), nil, g.Text("ECHOECHO", "0102030405060708", "x", at))
	if bot.ErrorCode(err) != bot.EUNAVAILABLE || got != nil {
		t.Fatalf("%+v, %v; want %s", got, err, bot.EUNAVAILABLE)
	}
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusBadGateway {
		t.Fatalf("%v: the cause is lost", err)
	}
}

// opened is an Opener that has opened every box to m.
type opened Message

func (o opened) Open(context.Context, Callback) (Message, error) { return Message(o), nil }

// TestWebhookKinds maps each kind of opened message; the gateway's fake
// sends no legacy image, audio or location.
func TestWebhookKinds(t *testing.T) {
	_, g := setup(t)
	body := g.Text("ECHOECHO", "0102030405060708", "", at)
	image := FileRef{BlobID: "00112233445566778899aabbccddeeff", MediaType: "image/png"}
	for name, c := range map[string]struct {
		m                      Message
		text, ref              string
		document, nothingToSay bool
	}{
		"text":              {m: Message{Kind: Text, Text: "hallo"}, text: "hallo"},
		"a png with a note": {m: Message{Kind: File, Text: "das", File: image}, text: "das", ref: image.Ref()},
		"a video file":      {m: Message{Kind: File, File: FileRef{BlobID: image.BlobID, MediaType: "video/mp4"}}, document: true},
		"audio, a location": {m: Message{Kind: Media}, document: true},
		"typing":            {m: Message{Kind: Control}, nothingToSay: true},
	} {
		got, err := webhookFor(opened(c.m)).Inbound(t.Context(), nil, body)
		if err != nil || c.nothingToSay != (got == nil) {
			t.Errorf("%s: %+v, %v", name, got, err)
			continue
		}
		if !c.nothingToSay && (got[0].Text != c.text || got[0].MediaRef != c.ref || got[0].Document != c.document) {
			t.Errorf("%s: %+v", name, got[0])
		}
	}
}

// remac changes a callback's fields and signs it again with secret.
func remac(body []byte, secret string, change url.Values) []byte {
	form, _ := url.ParseQuery(string(body))
	for k, v := range change {
		form[k] = v
	}
	form.Set("mac", MAC(form, secret))
	return []byte(form.Encode())
}

// fixedKey opens every box with a sender key known in advance.
type fixedKey struct{ sender, own *[32]byte }

func (k fixedKey) Open(_ context.Context, cb Callback) (Message, error) {
	return Open(cb, k.sender, k.own)
}

func FuzzWebhook(f *testing.F) {
	senderPub, senderPriv, _ := GenerateKey()
	ownPub, ownPriv, _ := GenerateKey()
	nonce, boxed, _ := seal("Ibuprofen 400", ownPub, senderPriv)
	form := url.Values{"from": {"ECHOECHO"}, "to": {gatewayID}, "messageId": {"0102030405060708"},
		"date": {strconv.FormatInt(at.Unix(), 10)}, "nonce": {hex.EncodeToString(nonce[:])}, "box": {hex.EncodeToString(boxed)}}
	f.Add(remac([]byte(form.Encode()), apiSecret, nil), false)
	f.Add([]byte("from=ECHOECHO&to=*APOTHEK&box=00"), true)
	w := webhookFor(fixedKey{senderPub, ownPriv})
	f.Fuzz(func(t *testing.T, body []byte, sign bool) {
		if sign {
			body = remac(body, apiSecret, nil) // past the MAC, into the fields and the box
		}
		ins, err := w.Inbound(t.Context(), nil, body)
		if code := bot.ErrorCode(err); code != "" && code != bot.EUNAUTHORIZED && code != bot.EINVALID || err != nil && ins != nil || len(ins) > 1 {
			t.Fatalf("body %q: %d messages, %v", body, len(ins), err)
		}
		for _, in := range ins {
			if !ValidID(in.ReplyTo) || len(in.MessageID) != 16 || in.ChatKey != "key:"+in.ReplyTo || in.MediaRef != "" && in.Document {
				t.Fatalf("body %q: %+v", body, in)
			}
		}
	})
}

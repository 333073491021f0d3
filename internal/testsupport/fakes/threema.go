package fakes

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/nacl/box"
	"golang.org/x/crypto/nacl/secretbox"
)

// Threema is a local Threema Gateway in end-to-end mode. It holds the
// customers' key pairs, as their phones would: it encrypts their messages
// to apobot's public key, serves their public keys and their encrypted
// blobs, and opens apobot's replies with the customer's private key. What
// crossed the wire is kept (Wire), so a test can show that it was
// ciphertext only. The crypto is written out here from the documented
// formats, apart from apobot's own code, so the two check each other.
type Threema struct {
	*httptest.Server
	ID, Secret string
	ApobotKey  *[32]byte // apobot's public key, as registered with the gateway

	mu        sync.Mutex
	customers map[string]*threemaCustomer
	blobs     map[string][]byte
	sent      []ThreemaSent
	wire      []string
	seq       int
	failSends int
}

type threemaCustomer struct{ pub, priv *[32]byte }

// ThreemaSent is a reply apobot sent, as the customer's phone opened it.
type ThreemaSent struct {
	To, Text string
	Padding  int       // bytes of padding the box held
	At       time.Time // when the fake took it
}

// NewThreema starts the fake gateway for the gateway ID and API secret;
// Close it when done.
func NewThreema(id, secret string, apobotPub *[32]byte) *Threema {
	f := &Threema{ID: id, Secret: secret, ApobotKey: apobotPub, customers: map[string]*threemaCustomer{}, blobs: map[string][]byte{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// customer returns a customer's key pair, made on first use.
func (f *Threema) customer(id string) *threemaCustomer {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.customers[id]
	if !ok {
		pub, priv, err := box.GenerateKey(rand.Reader)
		if err != nil {
			panic(err)
		}
		c = &threemaCustomer{pub, priv}
		f.customers[id] = c
	}
	return c
}

// Text is the callback body for a text from a customer, MAC'd with the
// API secret. messageID is 16 hex digits.
func (f *Threema) Text(from, messageID, text string, at time.Time) []byte {
	return f.callback(from, messageID, append([]byte{0x01}, text...), at)
}

// Receipt is the callback body of a delivery receipt (type 0x80).
func (f *Threema) Receipt(from, messageID string, at time.Time) []byte {
	return f.callback(from, messageID, []byte{0x80, 0x01, 1, 2, 3, 4, 5, 6, 7, 8}, at)
}

// Photo uploads data as the customer's phone would (a random key, the file
// nonce) and returns the callback body of the file message naming it.
func (f *Threema) Photo(from, messageID, mediaType string, data []byte, at time.Time) []byte {
	var key [32]byte
	blob := make([]byte, 16)
	rand.Read(key[:])
	rand.Read(blob)
	nonce := [24]byte{23: 1}
	f.mu.Lock()
	f.blobs[hex.EncodeToString(blob)] = secretbox.Seal(nil, data, &nonce, &key)
	f.mu.Unlock()
	file, _ := json.Marshal(map[string]any{"b": hex.EncodeToString(blob), "k": hex.EncodeToString(key[:]),
		"m": mediaType, "n": "foto.jpg", "s": len(data), "j": 1, "i": 1})
	return f.callback(from, messageID, append([]byte{0x17}, file...), at)
}

// Forged is a text callback whose box was sealed by someone else's key:
// its MAC is right, its box does not open.
func (f *Threema) Forged(from, messageID, text string, at time.Time) []byte {
	_, strangerPriv, _ := box.GenerateKey(rand.Reader)
	return f.callbackWith(from, messageID, append([]byte{0x01}, text...), at, strangerPriv)
}

func (f *Threema) callback(from, messageID string, plain []byte, at time.Time) []byte {
	return f.callbackWith(from, messageID, plain, at, f.customer(from).priv)
}

func (f *Threema) callbackWith(from, messageID string, plain []byte, at time.Time, senderPriv *[32]byte) []byte {
	pad := 1 + int(randByte())%255
	for range pad {
		plain = append(plain, byte(pad))
	}
	var nonce [24]byte
	rand.Read(nonce[:])
	boxed := box.Seal(nil, plain, &nonce, f.ApobotKey, senderPriv)
	form := url.Values{"from": {from}, "to": {f.ID}, "messageId": {messageID}, "date": {strconv.FormatInt(at.Unix(), 10)},
		"nonce": {hex.EncodeToString(nonce[:])}, "box": {hex.EncodeToString(boxed)}, "nickname": {"Erika"}}
	form.Set("mac", ThreemaMAC(form, f.Secret))
	body := form.Encode()
	f.record(body)
	return []byte(body)
}

// ThreemaMAC is the gateway's MAC over a callback's fields.
func ThreemaMAC(form url.Values, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	for _, k := range []string{"from", "to", "messageId", "date", "nonce", "box"} {
		io.WriteString(m, form.Get(k))
	}
	return hex.EncodeToString(m.Sum(nil))
}

func randByte() byte {
	var b [1]byte
	rand.Read(b[:])
	return b[0]
}

// FailSends makes the next n sends fail with 500, as when the gateway is
// down.
func (f *Threema) FailSends(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failSends = n
}

// Revoke removes a customer's ID from the directory, as when an ID is
// revoked: its public key can no longer be looked up.
func (f *Threema) Revoke(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.customers, id)
}

// Sent returns the replies apobot sent, opened with the customers' keys.
func (f *Threema) Sent() []ThreemaSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]ThreemaSent(nil), f.sent...)
}

// Wire returns every callback body the fake made and every request body
// apobot sent it, as they crossed the network.
func (f *Threema) Wire() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.wire...)
}

func (f *Threema) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wire = append(f.wire, s)
}

func (f *Threema) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	f.record(r.URL.RawQuery + "\n" + string(body))
	form, _ := url.ParseQuery(string(body))
	q := r.URL.Query()
	creds := q
	if r.Method == http.MethodPost {
		creds = form
	}
	if creds.Get("from") != f.ID || creds.Get("secret") != f.Secret {
		http.Error(w, "", http.StatusUnauthorized)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/credits":
		io.WriteString(w, "100")
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/pubkeys/"):
		f.pubkey(w, strings.TrimPrefix(r.URL.Path, "/pubkeys/"))
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/blobs/"):
		f.blob(w, strings.TrimPrefix(r.URL.Path, "/blobs/"))
	case r.Method == http.MethodPost && r.URL.Path == "/send_e2e":
		f.send(w, form)
	default:
		http.Error(w, "", http.StatusNotFound)
	}
}

func (f *Threema) pubkey(w http.ResponseWriter, id string) {
	f.mu.Lock()
	c, ok := f.customers[id]
	f.mu.Unlock()
	if !ok {
		http.Error(w, "", http.StatusNotFound)
		return
	}
	io.WriteString(w, hex.EncodeToString(c.pub[:]))
}

func (f *Threema) blob(w http.ResponseWriter, id string) {
	f.mu.Lock()
	b, ok := f.blobs[id]
	f.mu.Unlock()
	if !ok {
		http.Error(w, "", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(b)
}

// send opens apobot's reply with the customer's private key, as their phone
// would, and checks type and padding.
func (f *Threema) send(w http.ResponseWriter, form url.Values) {
	f.mu.Lock()
	c, ok := f.customers[form.Get("to")]
	fail := f.failSends > 0
	if fail {
		f.failSends--
	}
	f.mu.Unlock()
	if fail {
		http.Error(w, "", http.StatusInternalServerError)
		return
	}
	nonce, err1 := hex.DecodeString(form.Get("nonce"))
	boxed, err2 := hex.DecodeString(form.Get("box"))
	if !ok || err1 != nil || err2 != nil || len(nonce) != 24 || len(boxed) > 4000 {
		http.Error(w, "", http.StatusBadRequest)
		return
	}
	var n [24]byte
	copy(n[:], nonce)
	plain, opened := box.Open(nil, boxed, &n, f.ApobotKey, c.priv)
	if !opened || len(plain) < 2 || plain[0] != 0x01 {
		http.Error(w, "", http.StatusBadRequest)
		return
	}
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad >= len(plain) {
		http.Error(w, "", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.seq++
	f.sent = append(f.sent, ThreemaSent{To: form.Get("to"), Text: string(plain[1 : len(plain)-pad]), Padding: pad, At: time.Now()})
	id := fmt.Sprintf("%016x", f.seq)
	f.mu.Unlock()
	io.WriteString(w, id)
}

package threema

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// MaxBox is the largest box the gateway relays, in bytes.
const MaxBox = 4000

// MaxCallback bounds a callback body: the hex box and the other fields.
const MaxCallback = 2*MaxBox + 1024

// Callback is one message the gateway delivers to the callback URL, its MAC
// checked, still encrypted.
type Callback struct {
	From      string // the sender's Threema ID (8 characters)
	To        string // the pharmacy's gateway ID (*XXXXXXX)
	MessageID string // 16 hex digits, chosen by the sender: redeliveries repeat it
	At        time.Time
	Nonce     [24]byte
	Box       []byte
}

var (
	// ErrMAC is a callback whose MAC is missing or wrong: it is not from the
	// gateway, or was changed on the way.
	ErrMAC = errors.New("threema: the callback's MAC does not match")
	// ErrMalformed is a callback whose MAC matched but whose fields are not
	// as documented.
	ErrMalformed = errors.New("threema: malformed callback")
)

// macFields are the fields the MAC covers, in the documented order.
var macFields = []string{"from", "to", "messageId", "date", "nonce", "box"}

// MAC is the hex HMAC-SHA256 under the API secret over the fields' values as
// sent (hex strings and the decimal date), concatenated in order.
func MAC(form url.Values, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	for _, f := range macFields {
		m.Write([]byte(form.Get(f)))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// ParseCallback reads a callback body (application/x-www-form-urlencoded).
// The MAC is checked first, in constant time: a body that is not from the
// gateway is ErrMAC whatever else it holds. The optional nickname is not
// read: apobot stores no names.
func ParseCallback(body []byte, secret string) (Callback, error) {
	if len(body) > MaxCallback {
		return Callback{}, fmt.Errorf("%w: body of %d bytes", ErrMalformed, len(body))
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return Callback{}, ErrMAC // unreadable: nothing to check a MAC over
	}
	got, err := hex.DecodeString(form.Get("mac"))
	want, _ := hex.DecodeString(MAC(form, secret))
	if err != nil || secret == "" || !hmac.Equal(got, want) {
		return Callback{}, ErrMAC
	}
	return fields(form)
}

// fields checks and decodes the fields the MAC covered.
func fields(form url.Values) (Callback, error) {
	c := Callback{From: form.Get("from"), To: form.Get("to"), MessageID: form.Get("messageId")}
	if !ValidID(c.From) || !ValidID(c.To) {
		return Callback{}, fmt.Errorf("%w: from or to is not a Threema ID", ErrMalformed)
	}
	if id, err := hex.DecodeString(c.MessageID); err != nil || len(id) != 8 {
		return Callback{}, fmt.Errorf("%w: messageId", ErrMalformed)
	}
	sec, err := strconv.ParseInt(form.Get("date"), 10, 64)
	if err != nil || sec < 0 {
		return Callback{}, fmt.Errorf("%w: date", ErrMalformed)
	}
	c.At = time.Unix(sec, 0).UTC()
	nonce, err := hex.DecodeString(form.Get("nonce"))
	if err != nil || len(nonce) != len(c.Nonce) {
		return Callback{}, fmt.Errorf("%w: nonce", ErrMalformed)
	}
	copy(c.Nonce[:], nonce)
	if c.Box, err = hex.DecodeString(form.Get("box")); err != nil || len(c.Box) == 0 || len(c.Box) > MaxBox {
		return Callback{}, fmt.Errorf("%w: box", ErrMalformed)
	}
	return c, nil
}

// ValidID reports whether id is a Threema ID: 8 characters, A-Z and 0-9, a
// gateway ID starting with '*'.
func ValidID(id string) bool {
	if len(id) != 8 {
		return false
	}
	for i, r := range id {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '*' && i == 0) {
			return false
		}
	}
	return true
}

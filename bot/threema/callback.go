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

// MaxAhead is how far ahead of apobot's clock a callback may be dated. The
// date is the sender's phone's clock, not the gateway's: a few minutes allow
// for a phone that runs fast. A later date is refused, because the message
// ids taken in are remembered for bot.RedeliveryWindow from their arrival
// while a message is refused as too old only a window after its date: a
// callback dated a year ahead could be replayed, and filed again, once its
// id was forgotten.
const MaxAhead = 5 * time.Minute

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
	// ErrFuture is a callback whose MAC matched but whose date is more than
	// MaxAhead ahead of the clock.
	ErrFuture = errors.New("threema: the callback is dated ahead of the clock")
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
// gateway is ErrMAC whatever else it holds; one dated more than MaxAhead
// after now is ErrFuture. The optional nickname is not read: apobot stores
// no names.
func ParseCallback(body []byte, secret string, now time.Time) (Callback, error) {
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
	return fields(form, now)
}

// fields checks and decodes the fields the MAC covered; the date must not
// be more than MaxAhead after now.
func fields(form url.Values, now time.Time) (Callback, error) {
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
	if sec > now.Add(MaxAhead).Unix() { // compared as numbers: a date near the int64 limit wraps as a time.Time
		return Callback{}, fmt.Errorf("%w by more than %v", ErrFuture, MaxAhead)
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

package bot

import (
	"crypto/rand"
	"slices"
	"time"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// Status is where a pre-order stands.
type Status string

// The statuses of a pre-order. A request is received, gets a proposed pickup
// time, is approved by a pharmacist, made ready, and handed out; it can be
// rejected or cancelled before it is handed out, and expires when nobody
// comes.
const (
	StatusReceived  Status = "received"
	StatusProposed  Status = "proposed"
	StatusApproved  Status = "approved"
	StatusReady     Status = "ready"
	StatusHandedOut Status = "handed_out"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
	StatusExpired   Status = "expired"
)

// next lists the statuses each status may become.
var next = map[Status][]Status{
	StatusReceived: {StatusProposed, StatusRejected, StatusCancelled, StatusExpired},
	StatusProposed: {StatusProposed, StatusApproved, StatusRejected, StatusCancelled, StatusExpired},
	StatusApproved: {StatusReady, StatusHandedOut, StatusCancelled, StatusExpired},
	StatusReady:    {StatusHandedOut, StatusCancelled, StatusExpired},
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusReceived, StatusProposed, StatusApproved, StatusReady, StatusHandedOut, StatusRejected, StatusCancelled, StatusExpired:
		return true
	}
	return false
}

// Final reports whether nothing can follow s.
func (s Status) Final() bool { return s.Valid() && len(next[s]) == 0 }

// Transition checks that a pre-order in status s may move to t; the error is
// an ECONFLICT Error otherwise.
func (s Status) Transition(t Status) error {
	if slices.Contains(next[s], t) {
		return nil
	}
	return Errorf(ECONFLICT, "status.cannot_change", msg.Args{"Status": s, "Next": t})
}

// Text names s in lang ("de" or "en"), from the catalogue (status.name.*).
func (s Status) Text(lang string) string {
	return msg.Text(lang, msg.ID("status.name."+string(s)), nil)
}

// Item is one product of a pre-order.
type Item struct {
	PZN      pzn.PZN
	Name     string // as matched in the inventory, or as the customer wrote it
	Strength string
	Form     string // dosage form: says whether Count is pieces, ml or g
	Count    int
	Quantity int  // packs wanted
	Reserved int  // packs taken from the shelf for this order
	Rx       bool // prescription only
	Printed  bool // Name and details as read from the customer's photo: the inventory does not know the PZN
}

// PreOrder is a customer's request as the pharmacy handles it.
type PreOrder struct {
	ID                int64
	Code              PickupCode
	Status            Status
	Branch            string // the branch it is picked up at; "" without branches
	Items             []Item
	PickupAt          time.Time
	BringPrescription bool
	Reason            string // why it was rejected
	Flags             Flags
	ConversationID    int64 // the chat it came from, when filed (linked in the same transaction)
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Flags tell staff what needs their attention.
type Flags struct {
	Medical    bool // the customer asked a question for a pharmacist
	Unreadable bool // a photo could not be read
	ChatLost   bool // restored from a backup, which holds no chats: tell the customer at pickup
}

// PickupCode is the short code a customer shows at the counter.
type PickupCode string

// pickupAlphabet has no characters that read alike: no 0/O, 1/I/L.
const pickupAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// pickupLen gives 31^6, about 887 million codes.
const pickupLen = 6

// NewPickupCode returns a random pickup code.
func NewPickupCode() PickupCode {
	b := make([]byte, pickupLen)
	for i := range b {
		b[i] = pickupAlphabet[randIndex(len(pickupAlphabet))]
	}
	return PickupCode(b)
}

// randIndex returns a uniform random index below n from crypto/rand.
func randIndex(n int) int {
	limit := 256 - 256%n // reject bytes that would bias the result
	var b [1]byte
	for {
		rand.Read(b[:])
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// ParsePickupCode reads a code as a customer or a pharmacist types it: case,
// spaces and dashes do not matter. 0, O, 1, I and L never occur in a code,
// and the error says so.
func ParsePickupCode(s string) (PickupCode, error) {
	out := make([]byte, 0, pickupLen)
	for _, r := range s {
		c := byte(0)
		switch {
		case r == ' ' || r == '-':
			continue
		case r == '0' || r == 'o' || r == 'O' || r == '1' || r == 'i' || r == 'I' || r == 'l' || r == 'L':
			return "", Errorf(EINVALID, "code.bad_letters", nil)
		case r < 128:
			c = byte(r)
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
		}
		if c == 0 || !containsByte(pickupAlphabet, c) {
			return "", Errorf(EINVALID, "code.invalid", nil)
		}
		out = append(out, c)
	}
	if len(out) != pickupLen {
		return "", Errorf(EINVALID, "code.length", nil)
	}
	return PickupCode(out), nil
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

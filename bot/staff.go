package bot

import "time"

// Staff is a pharmacist's account on the tablet page.
type Staff struct {
	ID           int64
	Username     string
	PasswordHash string // argon2id, encoded with its parameters
}

// StaffSession is a login; its id is known only to the browser, the store
// keeps a hash of it.
type StaffSession struct {
	StaffID    int64
	Username   string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// Evidence is what a customer's photo showed, for staff: whether the photo
// is still kept, and what was read from it (with e-prescription access
// codes: shown only on an explicit action).
type Evidence struct {
	MessageID int64
	HasPhoto  bool
	Findings  Findings
	At        time.Time
}

// LoginRule limits password guessing: after Max failed logins within
// Window, a name or an address is locked for Lock.
type LoginRule struct {
	Max    int
	Window time.Duration
	Lock   time.Duration
}

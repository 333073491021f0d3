package bot

import "time"

// Staff is a pharmacist's account on the tablet page.
type Staff struct {
	ID           int64
	Username     string
	PasswordHash string // argon2id, encoded with its parameters
	Owner        bool   // may add, change and remove accounts
	// Branches are the branches the account works at, where the pharmacy
	// has branches; none: all of them.
	Branches  []string
	CreatedAt time.Time
}

// StaffEvent is one recorded change to the accounts. Actor is the account
// that made it, "" for the command line on the server.
type StaffEvent struct {
	At     time.Time
	Actor  string
	Action StaffAction
	Target string
}

// StaffAction is what a StaffEvent did.
type StaffAction string

// The changes to accounts that are recorded.
const (
	StaffAdded    StaffAction = "added"
	StaffPassword StaffAction = "password"
	StaffRemoved  StaffAction = "removed"
	StaffOwner    StaffAction = "owner"
	StaffNotOwner StaffAction = "not_owner"
	StaffBranches StaffAction = "branches"
)

// StaffSession is a login; its id is known only to the browser, the store
// keeps a hash of it.
type StaffSession struct {
	StaffID    int64
	Username   string
	Owner      bool
	Branches   []string // as Staff.Branches
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

// LoginRule limits password guessing for one key (a name, an address, or
// both): Max tries within Window lock the key for Lock. With Backoff, a key
// that was locked before is locked again after every further failed try,
// each time twice as long, up to MaxLock: a slow budget that a distributed
// guesser cannot outrun.
type LoginRule struct {
	Max     int
	Window  time.Duration
	Lock    time.Duration
	Backoff bool
	MaxLock time.Duration
}

// LoginKey is one thing a login try counts against, under its rule.
type LoginKey struct {
	Key  string
	Rule LoginRule
}

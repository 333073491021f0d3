package retention

import (
	"errors"
	"fmt"
	"time"

	"github.com/apobot/apobot/bot"
)

// Policy is how long apobot keeps what (docs/privacy.md).
type Policy struct {
	// Abandoned: a chat whose customer has not written for this long is
	// deleted, unless its request still waits for staff or the customer
	// asked to be told when it is ready.
	Abandoned time.Duration
	// Undecided: a request no pharmacist decided on expires after this.
	Undecided time.Duration
	// Uncollected: an approved request expires this long after its pickup
	// time (its packs go back on the shelf).
	Uncollected time.Duration
	// Closed: a handed-out, rejected, cancelled or expired pre-order is
	// deleted this long after it closed.
	Closed time.Duration
	// SessionIdle and SessionMax bound a staff login.
	SessionIdle, SessionMax time.Duration
	// Redelivery: handled message ids are kept this long, to refuse a
	// platform's late redelivery or a replay (bot.RedeliveryWindow).
	Redelivery time.Duration
	// At is the local time of the nightly purge, in Location.
	AtHour, AtMinute int
	Location         *time.Location
	// Retry: a purge that failed (the WAL busy with a long read) is tried
	// again after this, up to three times a night; 0 waits for the next
	// night.
	Retry time.Duration
}

// DefaultPolicy returns the defaults: chats 48 hours after the customer's
// last message, undecided requests after 7 days, uncollected ones 7 days
// after their pickup time, closed pre-orders 7 days after closing, the
// purge at 03:00 Europe/Berlin, tried again 15 minutes after a failure.
func DefaultPolicy() Policy {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		loc = time.UTC
	}
	return Policy{Abandoned: 48 * time.Hour, Undecided: 7 * 24 * time.Hour, Uncollected: 7 * 24 * time.Hour,
		Closed: 7 * 24 * time.Hour, SessionIdle: 30 * time.Minute, SessionMax: 12 * time.Hour, Redelivery: bot.RedeliveryWindow,
		AtHour: 3, Location: loc, Retry: 15 * time.Minute}
}

// Validate reports a window that is not positive or a time that is not a
// time of day.
func (p Policy) Validate() error {
	var errs []error
	for name, d := range map[string]time.Duration{"abandoned": p.Abandoned, "undecided": p.Undecided,
		"uncollected": p.Uncollected, "closed": p.Closed, "session idle": p.SessionIdle, "session max": p.SessionMax,
		"redelivery": p.Redelivery} {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("retention %s: must be more than zero", name))
		}
	}
	if p.AtHour < 0 || p.AtHour > 23 || p.AtMinute < 0 || p.AtMinute > 59 {
		errs = append(errs, fmt.Errorf("retention purge_at: %02d:%02d is no time of day", p.AtHour, p.AtMinute))
	}
	if p.Location == nil {
		errs = append(errs, errors.New("retention: no time zone"))
	}
	return errors.Join(errs...)
}

// Next returns the first purge time after now.
func (p Policy) Next(now time.Time) time.Time {
	local := now.In(p.Location)
	at := time.Date(local.Year(), local.Month(), local.Day(), p.AtHour, p.AtMinute, 0, 0, p.Location)
	for !at.After(now) {
		local = local.AddDate(0, 0, 1)
		at = time.Date(local.Year(), local.Month(), local.Day(), p.AtHour, p.AtMinute, 0, 0, p.Location)
	}
	return at
}

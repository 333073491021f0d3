package retention

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Store is what the purge needs of the database (store.DB). Every method
// counts what it removes or changes; with dry true it only counts.
type Store interface {
	// ExpirePreOrders expires requests undecided since before undecided and
	// approved ones whose pickup time is before uncollected, giving their
	// packs back.
	ExpirePreOrders(ctx context.Context, undecided, uncollected time.Time, dry bool) (int, error)
	// PurgeConversations deletes chats whose customer last wrote before
	// idleBefore, except those waiting for staff or for "ready".
	PurgeConversations(ctx context.Context, idleBefore time.Time, dry bool) (int, error)
	// PurgePreOrders deletes pre-orders closed before closedBefore, and
	// what is left of their chats.
	PurgePreOrders(ctx context.Context, closedBefore time.Time, dry bool) (int, error)
	// PurgeSessions deletes staff logins idle since idleBefore or begun
	// before createdBefore.
	PurgeSessions(ctx context.Context, idleBefore, createdBefore time.Time, dry bool) (int, error)
	// PurgeHandled forgets the ids of messages taken in before before.
	PurgeHandled(ctx context.Context, before time.Time, dry bool) (int, error)
	// RemoveLeftovers overwrites and removes what an interrupted backup or
	// restore left in the data folder (a dry run only lists them: it is
	// never asked to).
	RemoveLeftovers(ctx context.Context) (int, error)
	// Checkpoint writes the WAL into the database and truncates it, so
	// deleted content leaves the disk.
	Checkpoint(ctx context.Context) error
	// RecordPurge keeps the counts of the last purge, for the tablet page.
	RecordPurge(ctx context.Context, at time.Time, counts map[string]int64) error
}

// Exclusive is what a database shared by several apobot processes offers
// (store.DB on PostgreSQL): a purge runs in one of them at a time.
type Exclusive interface {
	// LockPurge takes the purge's lock without waiting; ok is false while
	// another process holds it.
	LockPurge(ctx context.Context) (unlock func(), ok bool, err error)
}

// Report counts what a purge did. It holds counts only.
type Report struct {
	At            time.Time
	DryRun        bool
	Elsewhere     bool // another process was purging: this one did nothing
	Expired       int  // pre-orders that expired
	Conversations int  // chats deleted
	PreOrders     int  // closed pre-orders deleted
	Sessions      int  // staff logins deleted
	HandledIDs    int  // message ids no longer kept against redelivery
	Leftovers     int  // files an interrupted backup or restore left, removed
	Took          time.Duration
}

// Counts returns the report as named counts.
func (r Report) Counts() map[string]int64 {
	return map[string]int64{"expired": int64(r.Expired), "conversations": int64(r.Conversations),
		"preorders": int64(r.PreOrders), "sessions": int64(r.Sessions), "handled_ids": int64(r.HandledIDs)}
}

// String is the report in a line, German and English.
func (r Report) String() string {
	if r.Elsewhere {
		return "Bereinigung läuft schon in einem anderen apobot-Prozess / a purge is already running in another apobot process"
	}
	mode := ""
	if r.DryRun {
		mode = " (Probelauf, nichts gelöscht / dry run, nothing deleted)"
	}
	left := ""
	if r.Leftovers > 0 {
		left = fmt.Sprintf(", %d Reste einer abgebrochenen Sicherung / leftovers of an interrupted backup", r.Leftovers)
	}
	return fmt.Sprintf("Bereinigung / purge%s: %d Vorbestellungen abgelaufen / pre-orders expired, %d Chats / chats, "+
		"%d Vorbestellungen / pre-orders, %d Anmeldungen / staff sessions%s gelöscht / deleted, %s",
		mode, r.Expired, r.Conversations, r.PreOrders, r.Sessions, left, r.Took.Round(time.Millisecond))
}

// Purge runs the policy once at now: expire first (so expired requests'
// chats go in the same run), then chats, closed pre-orders, staff
// sessions, and finally truncate the WAL.
func Purge(ctx context.Context, s Store, p Policy, now time.Time, dry bool) (Report, error) {
	start := time.Now()
	r := Report{At: now, DryRun: dry}
	if ex, ok := s.(Exclusive); ok {
		unlock, ok, err := ex.LockPurge(ctx)
		if err != nil {
			return r, err
		}
		if !ok {
			r.Elsewhere = true
			return r, nil
		}
		defer unlock()
	}
	var err error
	if r.Expired, err = s.ExpirePreOrders(ctx, now.Add(-p.Undecided), now.Add(-p.Uncollected), dry); err != nil {
		return r, err
	}
	if r.Conversations, err = s.PurgeConversations(ctx, now.Add(-p.Abandoned), dry); err != nil {
		return r, err
	}
	if r.PreOrders, err = s.PurgePreOrders(ctx, now.Add(-p.Closed), dry); err != nil {
		return r, err
	}
	if r.Sessions, err = s.PurgeSessions(ctx, now.Add(-p.SessionIdle), now.Add(-p.SessionMax), dry); err != nil {
		return r, err
	}
	if r.HandledIDs, err = s.PurgeHandled(ctx, now.Add(-p.Redelivery), dry); err != nil {
		return r, err
	}
	if !dry {
		if r.Leftovers, err = s.RemoveLeftovers(ctx); err != nil {
			return r, err
		}
		if err := s.RecordPurge(ctx, now, r.Counts()); err != nil {
			return r, err
		}
		if err := s.Checkpoint(ctx); err != nil { // last: nothing writes the WAL after it
			return r, err
		}
	}
	r.Took = time.Since(start)
	return r, nil
}

// triesPerNight bounds how often a night's purge is tried.
const triesPerNight = 4

// Clock tells the time and waits: SystemClock in apobot, a clock the test
// drives in tests, so no test waits for the real night.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the machine's clock.
type SystemClock struct{}

// Now is time.Now.
func (SystemClock) Now() time.Time { return time.Now() }

// After is time.After.
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Nightly runs Purge at the policy's time every day until ctx is done,
// logging counts only and handing each report to done (may be nil). A
// failed purge is logged and tried again after p.Retry, up to
// triesPerNight times, then the next night.
func Nightly(ctx context.Context, s Store, p Policy, log *slog.Logger, clock Clock, done func(Report)) {
	now := clock.Now
	next, tries := p.Next(now()), 0
	for {
		log.Info("next purge", "at", next.Format(time.RFC3339))
		select {
		case <-ctx.Done():
			return
		case <-clock.After(next.Sub(now())):
		}
		r, err := Purge(ctx, s, p, now(), false)
		if tries++; err != nil && p.Retry > 0 && tries < triesPerNight {
			log.Error("purge failed, trying again", "err", err, "in", p.Retry.String())
			next = now().Add(p.Retry)
			continue
		}
		next, tries = p.Next(now()), 0
		if err != nil {
			log.Error("purge failed, next try the next night", "err", err)
			continue
		}
		if r.Elsewhere {
			log.Info("purge left to the apobot process running it")
			continue
		}
		log.Info("purge done", "expired", r.Expired, "conversations", r.Conversations, "preorders", r.PreOrders,
			"sessions", r.Sessions, "leftovers", r.Leftovers, "took", r.Took)
		if done != nil {
			done(r)
		}
	}
}

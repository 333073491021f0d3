package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strconv"
	"time"

	"github.com/apobot/apobot/bot"
)

// DefaultClaimLease is Config.ClaimLease's default.
const DefaultClaimLease = time.Minute

// newOwner names this process in its claims: host, pid and a random part,
// new at every start, so a restarted process never takes a dead one's
// claims for its own.
func newOwner() string {
	host, _ := os.Hostname()
	var b [6]byte
	rand.Read(b[:])
	return host + ":" + strconv.Itoa(os.Getpid()) + ":" + hex.EncodeToString(b[:])
}

// claimed runs f on conversation convID while this process holds its
// claim (Config.Claims; without them f just runs): the claim is renewed
// every third of the lease, and f's context is cancelled when it is lost.
// f returns the newest message it took up; when a newer one waits once
// the claim is given up (another process stored it while the claim was
// refused there), the conversation is scheduled again. With wait, a claim
// held by another process is waited for until ctx ends; without, f does
// not run and that process answers. ran reports whether f ran.
func (e *Engine) claimed(ctx context.Context, convID int64, wait bool, f func(ctx context.Context) (seen int64)) (ran bool) {
	cl := e.cfg.Claims
	if cl == nil {
		f(ctx)
		return true
	}
	if !e.takeClaim(ctx, convID, wait) {
		return false
	}
	wctx, cancel := context.WithCancel(ctx)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		e.renewClaim(wctx, cancel, convID)
	}()
	seen := f(wctx)
	cancel()
	<-renewed
	newest, err := cl.Release(context.WithoutCancel(ctx), convID, e.owner)
	if err != nil {
		e.log.Warn("release conversation", "conversation", convID, "err", err)
		return true
	}
	if newest > seen {
		e.lanes.schedule(convID)
	}
	return true
}

// hold runs f on conversation convID while no work on it runs, in this
// process (its lane) or another (its claim, waited for until ctx ends):
// erasures, decisions and the language switch change a conversation's
// state, which its worker owns.
func (e *Engine) hold(ctx context.Context, convID int64, f func(ctx context.Context) error) error {
	release := e.lanes.hold(convID)
	defer release()
	var err error
	ran := e.claimed(ctx, convID, true, func(ctx context.Context) int64 {
		err = f(ctx)
		return 0 // messages that wait are worked on next
	})
	if !ran {
		return errors.Join(bot.Errorf(bot.ECONFLICT, "chat.busy", nil), ctx.Err())
	}
	return err
}

// takeClaim claims convID, waiting for another process's claim with wait.
func (e *Engine) takeClaim(ctx context.Context, convID int64, wait bool) bool {
	pause := 20 * time.Millisecond
	for {
		ok, err := e.cfg.Claims.Claim(ctx, convID, e.owner, e.now(), e.lease)
		if err != nil {
			logErr(e.log, "claim conversation", convID, err)
			return false
		}
		if ok || !wait {
			return ok
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

// renewClaim renews the claim until ctx ends, and cancels the work when
// the claim was lost (this process stalled past its lease and another took
// over; what it would still record is refused: ErrAnsweredElsewhere).
func (e *Engine) renewClaim(ctx context.Context, cancel context.CancelFunc, convID int64) {
	t := time.NewTicker(e.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ok, err := e.cfg.Claims.Claim(ctx, convID, e.owner, e.now(), e.lease)
		if err != nil && ctx.Err() != nil {
			return
		}
		if err != nil || !ok {
			e.log.Warn("claim on a conversation lost: its work stops here", "conversation", convID, "err", err)
			cancel()
			return
		}
	}
}

// Package testwait lets tests wait for an event or a state without guessing
// how fast the machine is: every wait ends at the test's own deadline (the
// test binary's -timeout), less a margin to report what was awaited, never
// after a fixed time. A test that waits here passes on a busy machine as on
// an idle one; only a real hang fails it.
package testwait

import (
	"context"
	"testing"
	"time"
)

// margin is left before the binary's deadline to report the failure.
const margin = 10 * time.Second

// Context is the test's context, ending margin before the test binary's
// deadline, or with the test when it has none.
func Context(t testing.TB) context.Context {
	ctx := t.Context()
	d, ok := t.(interface{ Deadline() (time.Time, bool) })
	if !ok {
		return ctx
	}
	deadline, ok := d.Deadline()
	if !ok {
		return ctx
	}
	ctx, cancel := context.WithDeadline(ctx, deadline.Add(-margin))
	t.Cleanup(cancel)
	return ctx
}

// Until checks cond until it holds, at first often and then every 50 ms; the
// test fails, naming what, when Context ends first.
func Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if err := UntilCtx(Context(t), cond); err != nil {
		t.Fatalf("gave up waiting for %s: %v", what, err)
	}
}

// UntilCtx checks cond until it holds or ctx ends, and returns ctx's error
// then.
func UntilCtx(ctx context.Context, cond func() bool) error {
	pause := time.Millisecond
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 50*time.Millisecond)
	}
	return nil
}

// Receive waits for a value from ch; the test fails, naming what, when
// Context ends first.
func Receive[T any](t testing.TB, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-Context(t).Done():
		t.Fatalf("gave up waiting for %s", what)
		var zero T
		return zero
	}
}

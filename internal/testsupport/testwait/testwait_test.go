package testwait

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestUntilCtxWaitsForTheState(t *testing.T) {
	var n atomic.Int32
	go func() {
		for range 5 {
			n.Add(1)
		}
	}()
	if err := UntilCtx(Context(t), func() bool { return n.Load() == 5 }); err != nil {
		t.Fatal(err)
	}
}

func TestUntilCtxEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := UntilCtx(ctx, func() bool { return false }); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestContextEndsBeforeTheBinarysDeadline(t *testing.T) {
	deadline, ok := t.Deadline()
	if !ok {
		t.Skip("no -timeout")
	}
	got, ok := Context(t).Deadline()
	if !ok || !got.Equal(deadline.Add(-margin)) {
		t.Fatalf("deadline %v (%v), want %v", got, ok, deadline.Add(-margin))
	}
}

func TestReceive(t *testing.T) {
	ch := make(chan int, 1)
	ch <- 7
	if v := Receive(t, "seven", ch); v != 7 {
		t.Fatalf("got %d", v)
	}
}

package engine

import (
	"context"
	"sync"
	"time"
)

// retrier runs a function at an interval until it is stopped.
type retrier struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func startRetrier(ctx context.Context, every time.Duration, f func(context.Context)) *retrier {
	ctx, cancel := context.WithCancel(ctx)
	r := &retrier{cancel: cancel}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				f(ctx)
			}
		}
	}()
	return r
}

func (r *retrier) stop() {
	r.cancel()
	r.wg.Wait()
}

// retryUndone schedules every conversation with work left undone: replies
// in the outbox that a platform did not take (it was down; a reply waiting
// for a closed window is refused by its client without a network call),
// and messages whose turn failed. Without it they would wait for the
// customer's next message or a restart.
func (e *Engine) retryUndone(ctx context.Context) {
	ids, err := e.cfg.Conversations.Backlog(ctx)
	if err != nil {
		if ctx.Err() == nil {
			e.log.Warn("look for undone work", "err", err)
		}
		return
	}
	for _, id := range ids {
		e.lanes.schedule(id)
	}
	if e.cfg.Claims != nil {
		e.intake.forgetReadElsewhere(ctx)
	}
}

// forgetReadElsewhere drops from the photos waiting here those that
// another process answered, so this one's count of photos behind (which
// refuses new ones when full) does not grow with others' work.
func (e *intake) forgetReadElsewhere(ctx context.Context) {
	before := e.photos.ids()
	unread, err := e.cfg.Conversations.UnreadPhotos(ctx)
	if err == nil {
		e.photos.forgetRead(before, unread)
	}
}

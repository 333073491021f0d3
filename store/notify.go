package store

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// queueChannel is the PostgreSQL notification channel that a trigger on
// the requests' tables signals at every commit that changed them
// (migration 11).
const queueChannel = "apobot_queue"

// queueHub passes the notifications of one listening connection to every
// tablet page of this process.
type queueHub struct {
	mu      sync.Mutex
	subs    map[chan struct{}]bool
	started bool
	stop    context.CancelFunc
	done    chan struct{}
}

// QueueChanges returns a channel that receives when the requests may have
// changed in any apobot process on this database, until ctx ends: on
// PostgreSQL through LISTEN/NOTIFY (one connection per process, set up at
// the first call). On SQLite it never receives: one process serves the
// file, and the tablet page looks for news at its interval.
func (db *DB) QueueChanges(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	if db.dialect != Postgres {
		return ch
	}
	h := &db.queue
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[chan struct{}]bool{}
	}
	h.subs[ch] = true
	if !h.started {
		h.started = true
		lctx, cancel := context.WithCancel(context.Background())
		h.stop, h.done = cancel, make(chan struct{})
		go db.listen(lctx)
	}
	h.mu.Unlock()
	context.AfterFunc(ctx, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	})
	return ch
}

// listen keeps a connection listening on the queue's channel until ctx
// ends, connecting again after a failure (and telling every subscriber
// then, since a change may have been missed meanwhile).
func (db *DB) listen(ctx context.Context) {
	defer close(db.queue.done)
	pause := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := db.listenOnce(ctx, func() { pause = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		db.queue.broadcast()
		if err != nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(pause):
			}
			pause = min(2*pause, 30*time.Second)
		}
	}
}

// listenOnce listens on one connection until it fails; connected is
// called once it listens.
func (db *DB) listenOnce(ctx context.Context, connected func()) error {
	conn, err := pgx.Connect(ctx, db.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+queueChannel); err != nil {
		return err
	}
	connected()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		db.queue.broadcast()
	}
}

// broadcast tells every subscriber, without waiting for any: one pending
// signal per subscriber is enough.
func (h *queueHub) broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// closeQueue stops the listening connection.
func (h *queueHub) close() {
	h.mu.Lock()
	stop, done := h.stop, h.done
	h.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

package engine

import (
	"context"
	"sync"
)

// lanes run work per conversation: one conversation's messages one after
// another, in order; different conversations side by side on a fixed
// number of workers. Scheduling never blocks, so webhooks are answered
// however long the work takes.
type lanes struct {
	mu      sync.Mutex
	changed *sync.Cond // a lane was queued, finished, or the lanes stopped
	byID    map[int64]*lane
	queue   []int64
	stopped bool
	work    func(ctx context.Context, convID int64)
	wg      sync.WaitGroup
}

// lane is one conversation's place in the lanes.
type lane struct {
	queued  bool // waiting in the queue
	running bool
	again   bool // scheduled while running: run once more
	held    int  // an erasure holds the lane: no work starts
	cancel  context.CancelFunc
}

func newLanes(work func(ctx context.Context, convID int64)) *lanes {
	l := &lanes{byID: map[int64]*lane{}, work: work}
	l.changed = sync.NewCond(&l.mu)
	return l
}

// start runs n workers until stop; their contexts derive from ctx.
func (l *lanes) start(ctx context.Context, n int) {
	for range n {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for {
				id, lctx, ok := l.next(ctx)
				if !ok {
					return
				}
				l.work(lctx, id)
				l.finish(id)
			}
		}()
	}
}

// stop lets running work finish and ends the workers; queued work stays in
// the database and resumes at the next start.
func (l *lanes) stop() {
	l.mu.Lock()
	l.stopped = true
	l.changed.Broadcast()
	l.mu.Unlock()
	l.wg.Wait()
}

// schedule asks for conversation id's work to run (again).
func (l *lanes) schedule(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ln := l.lane(id)
	switch {
	case ln.running:
		ln.again = true
	case !ln.queued:
		ln.queued = true
		l.queue = append(l.queue, id)
		l.changed.Signal()
	}
}

// depth returns how many conversations wait for a worker.
func (l *lanes) depth() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.queue)
}

func (l *lanes) lane(id int64) *lane {
	ln := l.byID[id]
	if ln == nil {
		ln = &lane{}
		l.byID[id] = ln
	}
	return ln
}

// next waits for a queued conversation that is not held.
func (l *lanes) next(ctx context.Context) (int64, context.Context, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		if l.stopped {
			return 0, nil, false
		}
		for i, id := range l.queue {
			ln := l.byID[id]
			if ln.held > 0 {
				continue
			}
			l.queue = append(l.queue[:i], l.queue[i+1:]...)
			lctx, cancel := context.WithCancel(ctx)
			ln.queued, ln.running, ln.cancel = false, true, cancel
			return id, lctx, true
		}
		l.changed.Wait()
	}
}

func (l *lanes) finish(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ln := l.byID[id]
	ln.cancel()
	ln.running, ln.cancel = false, nil
	if ln.again && !l.stopped {
		ln.again, ln.queued = false, true
		l.queue = append(l.queue, id)
	}
	l.forget(id)
	l.changed.Broadcast()
}

// forget drops a lane with nothing left to do.
func (l *lanes) forget(id int64) {
	if ln := l.byID[id]; !ln.queued && !ln.running && ln.held == 0 {
		delete(l.byID, id)
	}
}

// interrupt cancels conversation id's running work (a scan), so an erasure
// does not wait for it.
func (l *lanes) interrupt(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ln := l.byID[id]; ln != nil && ln.running {
		ln.cancel()
	}
}

// hold interrupts and waits for conversation id's running work and keeps
// new work from starting until the returned release is called.
func (l *lanes) hold(id int64) (release func()) {
	l.mu.Lock()
	ln := l.lane(id)
	ln.held++
	if ln.running {
		ln.cancel()
	}
	for ln.running {
		l.changed.Wait()
	}
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		ln.held--
		l.forget(id)
		l.changed.Broadcast()
		l.mu.Unlock()
	}
}

package engine

import (
	"errors"
	"sync"
	"time"

	"github.com/apobot/apobot/bot"
)

// DefaultMaxPendingPhotos is how many photos may wait for the scanner
// before the web chat asks customers to send theirs a little later.
const DefaultMaxPendingPhotos = 16

// pending tracks the photo messages stored but not yet read, to tell when
// the scanner is behind. The queue counts photos; pixels bounds what their
// decoding costs, and rate what one chat may send.
type pending struct {
	mu       sync.Mutex
	byMsg    map[int64]int64 // message id -> conversation id
	reserved int             // places taken by photos on their way in
	limit    int
	pixels   *pixelBudget
	rate     *photoRate
	wait     time.Duration // how long a photo sent with its message waits for pixels: PhotoWait
}

func newPending(limit int) *pending {
	if limit <= 0 {
		limit = DefaultMaxPendingPhotos
	}
	return &pending{byMsg: map[int64]int64{}, limit: limit, pixels: newPixelBudget(DefaultPixelBudget), rate: newPhotoRate(), wait: PhotoWait}
}

// PhotoWait is how long a photo sent with its message (the web chat) waits
// for its pixels before the customer is asked to send it again later.
const PhotoWait = 20 * time.Second

// ErrPhotosBehind refuses a photo that could not be taken now: the pixels
// being decoded filled the budget for PhotoWait. The customer may send it
// again in half a minute.
var ErrPhotosBehind = errors.New("bot: photos behind: the pixel budget is taken")

// TooManyPhotos refuses a chat's photo beyond PhotosPerChat in PhotoWindow;
// RetryAfter is when its next photo is taken.
type TooManyPhotos struct{ RetryAfter time.Duration }

func (e *TooManyPhotos) Error() string { return "bot: too many photos from one chat" }

func (p *pending) add(msgID, convID int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.byMsg[msgID] = convID
}

func (p *pending) done(msgID int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.byMsg, msgID)
}

// dropConversation forgets an erased conversation's photos.
func (p *pending) dropConversation(convID int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for m, c := range p.byMsg {
		if c == convID {
			delete(p.byMsg, m)
		}
	}
}

func (p *pending) full() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byMsg)+p.reserved >= p.limit
}

// reserve takes a place for a photo about to be stored; ok is false when
// none is free. Checking and taking are one step, so a burst of uploads
// cannot all pass the check before the first is counted.
func (p *pending) reserve() (release func(), ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.byMsg)+p.reserved >= p.limit {
		return nil, false
	}
	p.reserved++
	var once sync.Once
	return func() {
		once.Do(func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.reserved--
		})
	}, true
}

// PhotosBehind reports whether so many photos wait for the scanner that a
// channel which can ask its customer to wait (the web chat) should do so.
// Webhooks are stored regardless: the work catches up.
func (e *Engine) PhotosBehind() bool { return e.photos.full() }

// ReservePhoto takes a place in the scanner's queue for a photo a channel
// is about to hand to Receive; ok is false when the scanner is behind. The
// caller releases the place once Receive has returned (the stored photo
// then holds its own).
func (e *Engine) ReservePhoto() (release func(), ok bool) { return e.photos.reserve() }

// ids returns the photos waiting now.
func (p *pending) ids() []int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	ids := make([]int64, 0, len(p.byMsg))
	for m := range p.byMsg {
		ids = append(ids, m)
	}
	return ids
}

// forgetRead drops the photos of before that are no longer in unread:
// another process read them (several processes share the work).
func (p *pending) forgetRead(before []int64, unread []bot.PhotoRef) {
	still := make(map[int64]bool, len(unread))
	for _, u := range unread {
		still[u.MessageID] = true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range before {
		if !still[m] {
			delete(p.byMsg, m)
		}
	}
}

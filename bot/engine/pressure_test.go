package engine

import (
	"sync"
	"testing"
)

// TestReservePhotoHoldsUnderABurst: a hundred uploads at once get exactly
// as many places as the queue has.
func TestReservePhotoHoldsUnderABurst(t *testing.T) {
	p := newPending(3)
	p.add(1, 1) // a photo already waiting
	var mu sync.Mutex
	var releases []func()
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			if release, ok := p.reserve(); ok {
				mu.Lock()
				releases = append(releases, release)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(releases) != 2 || !p.full() {
		t.Fatalf("%d places taken of 2 free (full=%v)", len(releases), p.full())
	}
	releases[0]()
	releases[0]() // a second release gives nothing back twice
	if _, ok := p.reserve(); !ok {
		t.Fatal("a released place cannot be taken again")
	}
	if _, ok := p.reserve(); ok {
		t.Fatal("a place was taken twice after one release")
	}
}

package engine

import (
	"fmt"
	"testing"
	"time"
)

// TestPhotoRateSlidesOverAMinute: six photos of a chat in a minute are
// taken, the seventh waits until the first is a minute old, and a chat
// beside it counts apart. A refused chat is told once until it is taken
// again.
func TestPhotoRateSlidesOverAMinute(t *testing.T) {
	r := newPhotoRate()
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	for i := range PhotosPerChat {
		if _, _, ok := r.allow("a", t0.Add(time.Duration(i)*time.Second)); !ok {
			t.Fatalf("photo %d refused", i+1)
		}
	}
	wait, tell, ok := r.allow("a", t0.Add(10*time.Second))
	if ok || !tell || wait != 50*time.Second {
		t.Fatalf("photo 7 at 10 s: ok=%v tell=%v wait=%v, want refused, told, 50s", ok, tell, wait)
	}
	if _, tell, ok := r.allow("a", t0.Add(20*time.Second)); ok || tell {
		t.Fatalf("photo 8 at 20 s: ok=%v tell=%v, want refused and not told again", ok, tell)
	}
	if _, _, ok := r.allow("b", t0.Add(20*time.Second)); !ok {
		t.Fatal("another chat's first photo refused")
	}
	if _, _, ok := r.allow("a", t0.Add(PhotoWindow)); !ok {
		t.Fatal("a minute after the first photo, the next is refused")
	}
	if _, tell, ok := r.allow("a", t0.Add(PhotoWindow+500*time.Millisecond)); ok || !tell {
		t.Fatalf("before the second photo is a minute old: ok=%v tell=%v, want refused and told anew", ok, tell)
	}
	if _, _, ok := r.allow("a", t0.Add(PhotoWindow+time.Second)); !ok {
		t.Fatal("once the second photo is a minute old, the next is refused")
	}
}

// TestPhotoRateMemoryIsBounded: the chats remembered stay at most
// maxPhotoChats; when all sent a photo within the minute, a new chat waits,
// and once they are a minute old they are forgotten.
func TestPhotoRateMemoryIsBounded(t *testing.T) {
	r := newPhotoRate()
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	for i := range maxPhotoChats {
		if _, _, ok := r.allow(fmt.Sprint("chat-", i), t0); !ok {
			t.Fatalf("chat %d refused", i)
		}
	}
	if _, _, ok := r.allow("one more", t0.Add(time.Second)); ok || len(r.chats) != maxPhotoChats {
		t.Fatalf("one chat more within the minute: taken %v, %d remembered", ok, len(r.chats))
	}
	if _, _, ok := r.allow("one more", t0.Add(PhotoWindow)); !ok || len(r.chats) != 1 {
		t.Fatalf("a minute later: taken %v, %d remembered, want 1", ok, len(r.chats))
	}
}

package web

import (
	"strconv"
	"testing"
	"time"
)

// TestMessageLimiterForgetsQuietChats: the limiter holds only the chats
// that wrote within messageRefill, however many wrote before.
func TestMessageLimiterForgetsQuietChats(t *testing.T) {
	m, t0 := newMessageLimiter(), time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	for i := range 10000 {
		if _, ok := m.allow(strconv.Itoa(i), t0); !ok {
			t.Fatalf("chat %d refused its first message", i)
		}
	}
	if len(m.chats) != 10000 {
		t.Fatalf("holds %d chats, want 10000", len(m.chats))
	}
	m.allow("late", t0.Add(messageRefill/2))
	m.allow("now", t0.Add(messageRefill))
	if len(m.chats) != 2 {
		t.Fatalf("after a quiet %v the limiter holds %d chats, want 2 (late, now)", messageRefill, len(m.chats))
	}
}

package engine

import (
	"sync"
	"time"
)

// Photos per chat: at most PhotosPerChat in any PhotoWindow. A customer
// photographs a pack's front and back, a prescription, a few packs: six in
// a minute is more than that; the seventh waits. Each photo can cost
// seconds of both cores, so one chat cannot keep the scanner to itself.
const (
	PhotosPerChat = 6
	PhotoWindow   = time.Minute
	// maxPhotoChats bounds the chats remembered at once (those that sent
	// a photo within the window): about 100 bytes each, 1 MB in all.
	maxPhotoChats = 10_000
)

// photoRate counts each chat's photos in a sliding window, in memory (a
// restart forgets the counts, which costs one more window). It is its own
// limit, apart from the web chat's limit on messages.
type photoRate struct {
	mu    sync.Mutex
	chats map[string]*photoTimes // by the chat's keyed pseudonym
}

// photoTimes are a chat's photos within the window, oldest first, and
// whether the chat was told of the limit since its last photo taken.
type photoTimes struct {
	at   []time.Time
	told bool
}

func newPhotoRate() *photoRate { return &photoRate{chats: map[string]*photoTimes{}} }

// allow counts a photo of chat at now. When the chat has sent PhotosPerChat
// within the window, it counts nothing and says how long until the next is
// taken, and tell is true the first time only (a messenger answers once).
// When maxPhotoChats other chats are within the window, the photo waits.
func (r *photoRate) allow(chat string, now time.Time) (wait time.Duration, tell, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.chats[chat]
	if c == nil {
		if len(r.chats) >= maxPhotoChats && !r.sweep(now) {
			return PhotoWindow, false, false
		}
		c = &photoTimes{}
		r.chats[chat] = c
	}
	for len(c.at) > 0 && now.Sub(c.at[0]) >= PhotoWindow {
		c.at = c.at[1:]
	}
	if len(c.at) >= PhotosPerChat {
		tell, c.told = !c.told, true
		return c.at[0].Add(PhotoWindow).Sub(now), tell, false
	}
	c.at, c.told = append(c.at, now), false
	return 0, false, true
}

// sweep forgets the chats whose last photo is out of the window and
// reports whether that made room.
func (r *photoRate) sweep(now time.Time) bool {
	for k, c := range r.chats {
		if len(c.at) == 0 || now.Sub(c.at[len(c.at)-1]) >= PhotoWindow {
			delete(r.chats, k)
		}
	}
	return len(r.chats) < maxPhotoChats
}

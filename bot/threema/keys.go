package threema

import (
	"crypto/rand"
	"sync"
	"time"

	"golang.org/x/crypto/nacl/box"
)

// GenerateKey makes a new key pair for a gateway ID: the public key is
// registered with the gateway, the private key stays with apobot.
func GenerateKey() (pub, priv *[32]byte, err error) {
	return box.GenerateKey(rand.Reader)
}

// keyTTL is how long a looked-up public key is kept: about a request's
// life. Erase forgets it sooner, when the chat is erased.
const keyTTL = 24 * time.Hour

// maxKeys bounds the cache; when it is full, expired keys go, then all.
const maxKeys = 10000

// keyCache holds public keys in memory only: which IDs wrote to the
// pharmacy is not written anywhere by this cache.
type keyCache struct {
	mu   sync.Mutex
	keys map[string]cachedKey
}

type cachedKey struct {
	key *[32]byte
	at  time.Time
}

func (c *keyCache) get(id string, now time.Time) (*[32]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.keys[id]
	if !ok || now.Sub(k.at) > keyTTL {
		return nil, false
	}
	return k.key, true
}

func (c *keyCache) put(id string, key *[32]byte, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil {
		c.keys = map[string]cachedKey{}
	}
	if len(c.keys) >= maxKeys {
		for id, k := range c.keys {
			if now.Sub(k.at) > keyTTL {
				delete(c.keys, id)
			}
		}
		if len(c.keys) >= maxKeys {
			clear(c.keys)
		}
	}
	c.keys[id] = cachedKey{key, now}
}

func (c *keyCache) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.keys, id)
}

package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// Key is an AES-256 key.
type Key [32]byte

// NewKey returns a random key.
func NewKey() (Key, error) {
	var k Key
	if _, err := rand.Read(k[:]); err != nil {
		return Key{}, fmt.Errorf("seal: new key: %w", err)
	}
	return k, nil
}

// String never shows the key.
func (Key) String() string { return "[key]" }

// GoString never shows the key.
func (Key) GoString() string { return "[key]" }

// ErrOpen is returned when a sealed value does not open: a wrong key, other
// additional data, or bytes that were changed.
var ErrOpen = errors.New("seal: cannot open: wrong key or changed data")

// Seal encrypts plaintext under k with additional data ad (which must be
// given again to open it): nonce || ciphertext || tag.
func Seal(k Key, plaintext, ad []byte) ([]byte, error) {
	g, err := gcm(k)
	if err != nil {
		return nil, err
	}
	out := make([]byte, g.NonceSize(), g.NonceSize()+len(plaintext)+g.Overhead())
	if _, err := rand.Read(out); err != nil {
		return nil, fmt.Errorf("seal: nonce: %w", err)
	}
	return g.Seal(out, out, plaintext, ad), nil
}

// Open decrypts a value made by Seal; ErrOpen when it does not open.
func Open(k Key, sealed, ad []byte) ([]byte, error) {
	g, err := gcm(k)
	if err != nil {
		return nil, err
	}
	if len(sealed) < g.NonceSize()+g.Overhead() {
		return nil, ErrOpen
	}
	out, err := g.Open(nil, sealed[:g.NonceSize()], sealed[g.NonceSize():], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}

func gcm(k Key) (cipher.AEAD, error) {
	b, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return cipher.NewGCM(b)
}

// Wrap seals key k under the master key, bound to ad (the conversation).
func Wrap(master, k Key, ad []byte) ([]byte, error) { return Seal(master, k[:], ad) }

// Unwrap opens a key sealed by Wrap.
func Unwrap(master Key, wrapped, ad []byte) (Key, error) {
	b, err := Open(master, wrapped, ad)
	if err != nil {
		return Key{}, err
	}
	var k Key
	if len(b) != len(k) {
		return Key{}, ErrOpen
	}
	copy(k[:], b)
	clear(b)
	return k, nil
}

// Pseudonym is the keyed HMAC-SHA256 (hex) of a messenger id under a key
// derived from the master key: the same customer gets the same pseudonym,
// and without the master key it leads back to no phone number.
func Pseudonym(master Key, channel, id string) string {
	sub := hmac.New(sha256.New, master[:])
	sub.Write([]byte("apobot pseudonym v1"))
	m := hmac.New(sha256.New, sub.Sum(nil))
	m.Write([]byte(channel + "\x00" + id))
	return hex.EncodeToString(m.Sum(nil))
}

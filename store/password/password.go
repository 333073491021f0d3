// Package password hashes staff passwords with argon2id
// (golang.org/x/crypto/argon2) and checks them, in the PHC string format
// "$argon2id$v=19$m=65536,t=3,p=2$salt$hash", so the parameters travel with
// each hash and can be raised later. It stores nothing and logs nothing.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Parameters of new hashes: 64 MiB, 3 passes, 2 lanes (OWASP's argon2id
// recommendations allow less; a counter tablet logs in a few times a day).
const (
	memory  = 64 * 1024
	passes  = 3
	lanes   = 2
	saltLen = 16
	keyLen  = 32
)

// MinLength is the shortest password accepted.
const MinLength = 10

// ErrTooShort is returned by Hash for a password under MinLength characters.
var ErrTooShort = fmt.Errorf("password: at least %d characters", MinLength)

// Hash returns the encoded argon2id hash of pw with a fresh salt.
func Hash(pw string) (string, error) {
	if len([]rune(pw)) < MinLength {
		return "", ErrTooShort
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, passes, memory, lanes, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, passes, lanes,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// dummy is a hash of a random password with the parameters of new hashes,
// made on first use: Check verifies against it when there is no account.
var dummy = sync.OnceValue(func() string {
	pw := make([]byte, 32)
	rand.Read(pw)
	h, err := Hash(base64.RawStdEncoding.EncodeToString(pw))
	if err != nil {
		panic("password: cannot make the dummy hash: " + err.Error())
	}
	return h
})

// Check reports whether pw matches the encoded hash. An empty hash (no
// such account) is checked against a dummy hash and never matches, so a
// name that does not exist takes as long to refuse as one that does; a
// malformed hash never matches.
func Check(encoded, pw string) bool {
	if encoded == "" {
		Verify(dummy(), pw)
		return false
	}
	ok, err := Verify(encoded, pw)
	return err == nil && ok
}

// ErrMalformed is returned by Verify for a hash it cannot read.
var ErrMalformed = errors.New("password: malformed hash")

// Verify reports whether pw matches the encoded hash, comparing in
// constant time.
func Verify(encoded, pw string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformed
	}
	var version int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformed
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > 1<<21 || t == 0 || t > 16 || p == 0 {
		return false, ErrMalformed
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformed
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false, ErrMalformed
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

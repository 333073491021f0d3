// Package backup encrypts and decrypts apobot's backups: a database
// snapshot (store.DB.Snapshot, which holds no chats) in the age format
// (age-encryption.org/v1), with a passphrase derived from the master key.
// Whoever holds the master key can restore a backup; the backup file alone
// opens nothing.
package backup

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"

	"github.com/apobot/apobot/store/seal"
)

// workFactor is scrypt's cost (2^15): the passphrase is 256 random bits,
// so scrypt adds nothing to guess against; it is age's format.
const workFactor = 15

// ErrWrongKey is a backup that this master key does not open (or that is
// not an apobot backup).
var ErrWrongKey = errors.New("backup: the master key does not open this file")

// passphrase derives the backup passphrase from the master key: a key used
// for nothing else.
func passphrase(master seal.Key) (string, error) {
	k, err := hkdf.Key(sha256.New, master[:], nil, "apobot backup v1", 32)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(k), nil
}

// Encrypt writes src encrypted for master to dst.
func Encrypt(dst io.Writer, src io.Reader, master seal.Key) error {
	pass, err := passphrase(master)
	if err != nil {
		return err
	}
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		return err
	}
	r.SetWorkFactor(workFactor)
	w, err := age.Encrypt(dst, r)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := io.Copy(w, src); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return w.Close()
}

// Decrypt writes what src holds to dst; ErrWrongKey when master does not
// open it. A damaged file is an error before or while writing; the caller
// writes to a temporary file and keeps it only when Decrypt succeeds.
func Decrypt(dst io.Writer, src io.Reader, master seal.Key) error {
	pass, err := passphrase(master)
	if err != nil {
		return err
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return err
	}
	id.SetMaxWorkFactor(workFactor) // a file asking for more is not ours, and would cost gigabytes
	r, err := age.Decrypt(src, id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return ErrWrongKey
		}
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := io.Copy(dst, r); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

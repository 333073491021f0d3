package backup

import (
	"bytes"
	"errors"
	"testing"

	"github.com/apobot/apobot/store/seal"
)

func key(b byte) seal.Key {
	var k seal.Key
	for i := range k {
		k[i] = b
	}
	return k
}

func TestRoundTripAndRefusals(t *testing.T) {
	data := bytes.Repeat([]byte("SQLite format 3\x00 and pages "), 50_000) // more than one of age's chunks
	var enc bytes.Buffer
	if err := Encrypt(&enc, bytes.NewReader(data), key(1)); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(enc.Bytes(), []byte("SQLite format")) {
		t.Fatal("the backup holds the database in clear")
	}
	var out bytes.Buffer
	if err := Decrypt(&out, bytes.NewReader(enc.Bytes()), key(1)); err != nil || !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("round trip: %v, %d bytes back of %d", err, out.Len(), len(data))
	}
	if err := Decrypt(&bytes.Buffer{}, bytes.NewReader(enc.Bytes()), key(2)); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("another master key: %v, want ErrWrongKey", err)
	}
	cut := enc.Bytes()[:enc.Len()-100]
	if err := Decrypt(&bytes.Buffer{}, bytes.NewReader(cut), key(1)); err == nil {
		t.Fatal("a cut backup decrypted without error")
	}
	flipped := bytes.Clone(enc.Bytes())
	flipped[len(flipped)/2] ^= 1
	if err := Decrypt(&bytes.Buffer{}, bytes.NewReader(flipped), key(1)); err == nil {
		t.Fatal("a changed backup decrypted without error")
	}
}

// FuzzDecrypt: whatever a file holds, Decrypt returns an error or the
// content, never a panic.
func FuzzDecrypt(f *testing.F) {
	var enc bytes.Buffer
	Encrypt(&enc, bytes.NewReader([]byte("SQLite format 3")), key(1))
	f.Add(enc.Bytes())
	f.Add([]byte("age-encryption.org/v1\n-> scrypt AAAA 15\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		Decrypt(&bytes.Buffer{}, bytes.NewReader(in), key(1))
	})
}

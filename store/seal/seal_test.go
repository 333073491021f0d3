package seal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	k, _ := NewKey()
	other, _ := NewKey()
	msg := []byte("Ibuprofen 400, KVNR A000500015")
	ad := []byte("messages/17/text")
	s, err := Seal(k, msg, ad)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(s, []byte("Ibuprofen")) || bytes.Contains(s, []byte("A000500015")) {
		t.Fatal("plaintext visible in the sealed bytes")
	}
	if s2, _ := Seal(k, msg, ad); bytes.Equal(s, s2) {
		t.Fatal("two seals of one value are equal: the nonce is not random")
	}
	got, err := Open(k, s, ad)
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	flipped := bytes.Clone(s)
	flipped[len(flipped)/2] ^= 1
	for name, c := range map[string]struct {
		k     Key
		s, ad []byte
	}{
		"other key": {other, s, ad}, "other row": {k, s, []byte("messages/18/text")},
		"changed": {k, flipped, ad}, "short": {k, s[:10], ad}, "empty": {k, nil, ad},
	} {
		if _, err := Open(c.k, c.s, c.ad); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: err %v, want ErrOpen", name, err)
		}
	}
}

func TestWrapUnwrap(t *testing.T) {
	master, _ := NewKey()
	k, _ := NewKey()
	w, err := Wrap(master, k, []byte("conversation/5"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unwrap(master, w, []byte("conversation/5"))
	if err != nil || got != k {
		t.Fatalf("Unwrap: %v", err)
	}
	if _, err := Unwrap(master, w, []byte("conversation/6")); !errors.Is(err, ErrOpen) {
		t.Fatal("a key opened for another conversation")
	}
}

func TestKeyNeverPrints(t *testing.T) {
	k, _ := NewKey()
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s", k, k, k, k)} {
		if strings.Contains(s, fmt.Sprintf("%x", k[:4])) || !strings.Contains(s, "[key]") {
			t.Fatalf("key printed: %s", s)
		}
	}
}

func TestParseKey(t *testing.T) {
	want := Key{1, 2, 3}
	hexKey := fmt.Sprintf("%x", want[:])
	for _, s := range []string{hexKey, " " + hexKey + "\n", "AQIDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AQIDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		if k, err := ParseKey(s); err != nil || k != want {
			t.Errorf("ParseKey(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", "abc", hexKey[:62], strings.Repeat("z", 64)} {
		if _, err := ParseKey(s); err == nil {
			t.Errorf("ParseKey(%q) accepted", s)
		}
	}
}

func TestLoadOrCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.key")
	k1, created, err := LoadOrCreate(path)
	if err != nil || !created {
		t.Fatalf("first: created=%v err=%v", created, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	k2, created, err := LoadOrCreate(path)
	if err != nil || created || k2 != k1 {
		t.Fatalf("second: created=%v err=%v same=%v", created, err, k2 == k1)
	}
	os.Chmod(path, 0o644)
	if _, _, err := LoadOrCreate(path); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Fatalf("a world-readable key file: err %v", err)
	}
}

func TestPseudonym(t *testing.T) {
	m1, _ := NewKey()
	m2, _ := NewKey()
	a := Pseudonym(m1, "whatsapp", "491711234567")
	if a != Pseudonym(m1, "whatsapp", "491711234567") || len(a) != 64 {
		t.Fatal("not stable")
	}
	for _, b := range []string{Pseudonym(m2, "whatsapp", "491711234567"), Pseudonym(m1, "telegram", "491711234567"), Pseudonym(m1, "whatsapp", "491711234568")} {
		if a == b {
			t.Fatal("two ids or keys gave one pseudonym")
		}
	}
	if strings.Contains(a, "4917") {
		t.Fatal("the id shows through")
	}
}

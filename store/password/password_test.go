package password

import (
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	h, err := Hash("korrekt-pferd-batterie")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("hash %q, %v", h, err)
	}
	if h2, _ := Hash("korrekt-pferd-batterie"); h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for pw, want := range map[string]bool{"korrekt-pferd-batterie": true, "korrekt-pferd-batteriE": false, "": false} {
		if ok, err := Verify(h, pw); ok != want || err != nil {
			t.Errorf("Verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	if _, err := Hash("kurz"); err != ErrTooShort {
		t.Fatalf("short password: %v", err)
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=4294967295,t=1,p=1$AA$AA", h[:len(h)-50] + "$$"} {
		if ok, err := Verify(bad, "x"); ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v; want ErrMalformed", bad, ok, err)
		}
	}
}

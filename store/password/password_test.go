package password

import (
	"runtime"
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

// TestCheckCostsTheSameWithoutAnAccount: Check with no hash (a name that
// does not exist) does the full argon2id work, 64 MiB of it, against a
// dummy hash, and never matches; a malformed hash never matches either.
func TestCheckCostsTheSameWithoutAnAccount(t *testing.T) {
	dummy() // made once, outside the measurement
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if Check("", "irgendein-passwort") {
		t.Fatal("no account matched")
	}
	runtime.ReadMemStats(&after)
	if used := after.TotalAlloc - before.TotalAlloc; used < memory*1024 {
		t.Fatalf("checking without an account allocated %d bytes, want the %d of a real check", used, memory*1024)
	}
	h, err := Hash("richtig-geheim-1")
	if err != nil {
		t.Fatal(err)
	}
	if !Check(h, "richtig-geheim-1") || Check(h, "falsch-geheim-1") || Check("$argon2id$kaputt", "x") {
		t.Fatal("Check does not tell right from wrong")
	}
}

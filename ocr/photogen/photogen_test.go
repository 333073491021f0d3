package photogen

import (
	"bytes"
	"image/jpeg"
	"testing"

	"github.com/apobot/apobot/pzn"
)

func TestGenerateIsDeterministic(t *testing.T) {
	slow(t)
	for _, k := range Kinds {
		a, err := Generate(k, Hard, 42)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Generate(k, Hard, 42)
		c, _ := Generate(k, Hard, 43)
		if !bytes.Equal(a.JPEG, b.JPEG) {
			t.Errorf("%s: same seed, different photos", k)
		}
		if bytes.Equal(a.JPEG, c.JPEG) {
			t.Errorf("%s: different seeds, same photo", k)
		}
	}
}

func TestGenerateGroundTruth(t *testing.T) {
	slow(t)
	set, err := Set(9, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range set {
		img, err := jpeg.Decode(bytes.NewReader(s.JPEG))
		if err != nil || img.Bounds().Dx() != photoW || img.Bounds().Dy() != photoH {
			t.Fatalf("%s: %v %v", s.Name, err, img.Bounds())
		}
		for _, p := range s.PZNs {
			if !p.Valid() {
				t.Errorf("%s: invalid PZN %s in the truth", s.Name, p)
			}
		}
		for _, id := range s.Tasks {
			if _, err := pzn.ParseTaskID(id); err != nil {
				t.Errorf("%s: invalid task id %s: %v", s.Name, id, err)
			}
		}
		switch s.Kind {
		case Pack:
			if len(s.PZNs) != 1 {
				t.Errorf("%s: %d PZNs", s.Name, len(s.PZNs))
			}
		case Prescription:
			if n := len(s.PZNs); n < 1 || n > 3 || len(s.Personal) == 0 {
				t.Errorf("%s: %d lines, %d personal items", s.Name, n, len(s.Personal))
			}
		case ErxToken:
			if n := len(s.Tasks); n < 1 || n > 3 {
				t.Errorf("%s: %d tasks", s.Name, n)
			}
		}
	}
}

func TestKVNRCheckDigit(t *testing.T) {
	if got := kvnrCheck("0100050001"); got != 5 { // DOMAIN.md: A000500015 is valid
		t.Fatalf("check digit of A00050001 = %d, want 5", got)
	}
}

// slow marks a test that generates many photos: under the race detector it
// took three minutes (the generator runs no goroutines worth checking), so
// it skips there; make test runs ./ocr/... a second time without -race.
func slow(t *testing.T) {
	t.Helper()
	if raceBuild {
		t.Skip("generates many photos: make test runs it without -race")
	}
}

package ocr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/ocr/photogen"
	"github.com/apobot/apobot/pzn"
)

func newTestScanner(t *testing.T) *Scanner {
	t.Helper()
	s, err := New(Options{Workers: 2})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func generate(t *testing.T, k photogen.Kind, d photogen.Difficulty, seed uint64) photogen.Sample {
	t.Helper()
	s, err := photogen.Generate(k, d, seed)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// found counts the sample's items in the result: certain, and certain or maybe.
func found(s photogen.Sample, r *Result) (certain, any, want int) {
	for _, p := range s.PZNs {
		if contains(r.PZNs, p) {
			certain++
		}
		if contains(r.PZNs, p) || contains(r.MaybePZNs, p) {
			any++
		}
	}
	for _, id := range s.Tasks {
		for _, task := range r.Tasks {
			if task.ID.String() == id {
				certain++
				any++
			}
		}
	}
	return certain, any, len(s.PZNs) + len(s.Tasks)
}

// wrong lists certain PZNs that are not on the photo.
func wrong(s photogen.Sample, r *Result) []pzn.PZN {
	var out []pzn.PZN
	for _, p := range r.PZNs {
		if !contains(s.PZNs, p) {
			out = append(out, p)
		}
	}
	return out
}

func TestScanGeneratedPhotos(t *testing.T) {
	quality(t)
	sc := newTestScanner(t)
	for _, k := range photogen.Kinds {
		for _, d := range []photogen.Difficulty{photogen.Easy, photogen.Medium} {
			for seed := uint64(1); seed <= 2; seed++ {
				s := generate(t, k, d, seed)
				t.Run(s.Name, func(t *testing.T) {
					r, err := sc.Scan(context.Background(), s.JPEG)
					if err != nil {
						t.Fatal(err)
					}
					if string(r.Kind) != string(k) {
						t.Errorf("kind = %s, want %s", r.Kind, k)
					}
					certain, any, want := found(s, r)
					if d == photogen.Easy && certain != want || any != want {
						t.Errorf("found %d certain, %d in all of %d; pzns=%v maybe=%v tasks=%d, want %v %v",
							certain, any, want, r.PZNs, r.MaybePZNs, len(r.Tasks), s.PZNs, s.Tasks)
					}
					if w := wrong(s, r); len(w) > 0 {
						t.Errorf("wrong PZNs %v (photo has %v)", w, s.PZNs)
					}
				})
			}
		}
	}
}

func TestScanHardPhotosReportNoWrongPZN(t *testing.T) {
	quality(t)
	sc := newTestScanner(t)
	for _, k := range photogen.Kinds {
		s := generate(t, k, photogen.Hard, 3)
		r, err := sc.Scan(context.Background(), s.JPEG)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if w := wrong(s, r); len(w) > 0 {
			t.Errorf("%s: wrong PZNs %v (photo has %v)", s.Name, w, s.PZNs)
		}
	}
}

// TestScanReturnsNoPersonalData scans prescriptions and e-prescription
// printouts and looks for the planted patient data and access codes in
// everything the result says.
func TestScanReturnsNoPersonalData(t *testing.T) {
	quality(t)
	sc := newTestScanner(t)
	hex64 := regexp.MustCompile(`[0-9a-fA-F]{64}`)
	for seed := uint64(4); seed <= 5; seed++ {
		for _, k := range []photogen.Kind{photogen.Prescription, photogen.ErxToken} {
			s := generate(t, k, photogen.Easy, seed)
			r, err := sc.Scan(context.Background(), s.JPEG)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := json.Marshal(r)
			text := string(out) + fmt.Sprintf("%+v %v", r, r.Tasks)
			for _, p := range s.Personal {
				for _, part := range strings.FieldsFunc(p, func(r rune) bool { return r == ',' || r == ' ' }) {
					if len(part) >= 4 && strings.Contains(text, part) {
						t.Errorf("%s: result shows personal data %q", s.Name, part)
					}
				}
			}
			if hex64.MatchString(text) {
				t.Errorf("%s: result shows an access code", s.Name)
			}
		}
	}
}

func TestScanConcurrently(t *testing.T) {
	sc := newTestScanner(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		s := generate(t, photogen.Kinds[i%2], photogen.Easy, uint64(10+i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := sc.Scan(context.Background(), s.JPEG)
			if err != nil {
				t.Error(err)
				return
			}
			if c, _, want := found(s, r); c != want {
				t.Errorf("%s: found %d of %d", s.Name, c, want)
			}
		}()
	}
	wg.Wait()
}

func TestScanRefusesBadInput(t *testing.T) {
	sc := newTestScanner(t)
	if _, err := sc.Scan(context.Background(), []byte("not an image")); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("err = %v, want ErrUnsupported", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := generate(t, photogen.Pack, photogen.Easy, 1)
	if _, err := sc.Scan(ctx, s.JPEG); err == nil {
		t.Fatal("a cancelled scan succeeded")
	}
}

func TestMaskAccessCodes(t *testing.T) {
	raw := `{"urls":["Task/160.000.006.394.157.15/$accept?ac=ABC123def","x"]}`
	if got := maskAccessCodes(raw); strings.Contains(got, "ABC123def") || !strings.Contains(got, "ac=[access code hidden]") {
		t.Fatalf("maskAccessCodes = %s", got)
	}
}

// TestScanPastTimeLimitFails: the time limit is a safety net; a scan that
// hits it fails rather than answer with part of what the photo says.
func TestScanPastTimeLimitFails(t *testing.T) {
	sc, err := New(Options{Workers: 1, TimeLimit: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	s := generate(t, photogen.Prescription, photogen.Easy, 1)
	r, err := sc.Scan(context.Background(), s.JPEG)
	if !errors.Is(err, ErrTimeLimit) {
		t.Fatalf("a scan past its time limit: result %+v, err %v; want ErrTimeLimit", r, err)
	}
}

// TestScanHardPhotosOtherReadersFind scans hard photos that gozxing's
// detector and the first text reading both miss: e-prescription printouts
// read module by module (readGrid, also for the squares after a first code),
// packs whose Code 39 is found on the whitened page (codesInPage), a pack
// whose PZN line tesseract dropped beside the bars (readBands).
func TestScanHardPhotosOtherReadersFind(t *testing.T) {
	quality(t)
	sc := newTestScanner(t)
	for _, c := range []struct {
		kind photogen.Kind
		seed uint64
		min  int // certain findings at least; 0: all
	}{
		{photogen.ErxToken, 225, 0},
		{photogen.ErxToken, 10297, 2}, // the collective code is not read: two of the three single ones are
		{photogen.Pack, 106, 0},
		{photogen.Pack, 187, 0},
		{photogen.Pack, 10097, 0},
	} {
		s := generate(t, c.kind, photogen.Hard, c.seed)
		r, err := sc.Scan(context.Background(), s.JPEG)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		certain, _, want := found(s, r)
		if c.min > 0 {
			want = c.min
		}
		if certain < want {
			t.Errorf("%s: %d of %d certain; pzns=%v tasks=%d", s.Name, certain, want, r.PZNs, len(r.Tasks))
		}
	}
}

// TestReadTextIsRepeatable reads a photo's text, two other photos, and the
// first again with one tesseract client: the lines read must not depend on
// what the client read before (a client's first recognition reads
// differently from later ones, so newTesseract starts each on a blank image).
func TestReadTextIsRepeatable(t *testing.T) {
	quality(t)
	sc, err := New(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	photos := []photogen.Sample{
		generate(t, photogen.Pack, photogen.Hard, 10070),
		generate(t, photogen.Pack, photogen.Hard, 10097),
		generate(t, photogen.Prescription, photogen.Medium, 5),
	}
	var first []string
	for i, s := range append(photos, photos[0]) {
		p, err := Decode(s.JPEG)
		if err != nil {
			t.Fatal(err)
		}
		j := &job{tess: sc.tess, res: &Result{}}
		pg, err := j.readText(context.Background(), p, isPinkForm(p))
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		var got []string
		for _, l := range pg.lines {
			got = append(got, l.Text)
		}
		switch i {
		case 0:
			first = got
		case len(photos):
			if fmt.Sprint(got) != fmt.Sprint(first) {
				t.Fatalf("%s read %q after other photos, %q first", s.Name, got, first)
			}
		}
	}
}

// TestScanDoesNotDependOnLoad scans photos one at a time on an idle scanner,
// then all at once in another order while every core is kept busy: the
// results must be the same, since the work on a photo is bounded by counts,
// not by the clock, and every tesseract client reads alike.
func TestScanDoesNotDependOnLoad(t *testing.T) {
	var photos []photogen.Sample
	for i, k := range []photogen.Kind{photogen.Prescription, photogen.Pack} {
		photos = append(photos, generate(t, k, photogen.Medium, uint64(40+i)))
	}
	photos = append(photos, generate(t, photogen.Prescription, photogen.Hard, 8)) // doubtful numbers: rereads and a second look
	sc := newTestScanner(t)
	quiet := make([]string, len(photos))
	for i, s := range photos {
		quiet[i] = resultKey(t, sc, s)
	}
	stop := make(chan struct{})
	var busy sync.WaitGroup
	for range runtime.NumCPU() {
		busy.Add(1)
		go func() {
			defer busy.Done()
			for x := 0; ; x++ {
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	loaded := make([]string, len(photos))
	var wg sync.WaitGroup
	for i := len(photos) - 1; i >= 0; i-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loaded[i] = resultKey(t, sc, photos[i])
		}()
	}
	wg.Wait()
	close(stop)
	busy.Wait()
	for i := range photos {
		if quiet[i] != loaded[i] {
			t.Errorf("%s: idle %s\nbusy %s", photos[i].Name, quiet[i], loaded[i])
		}
	}
}

// resultKey is everything a scan says about a photo, without its timings.
func resultKey(t *testing.T, sc *Scanner, s photogen.Sample) string {
	r, err := sc.Scan(context.Background(), s.JPEG)
	if err != nil {
		t.Errorf("%s: %v", s.Name, err)
		return ""
	}
	r.Elapsed, r.Stages = 0, nil
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

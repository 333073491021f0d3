// Package photogen makes deterministic test photos for apobot's scan pipeline:
// medicine packs with Code 39 and securPharm Data Matrix codes, paper
// prescriptions in the style of Muster 16, and e-prescription printouts, each
// photographed at an angle with blur, noise, low light and JPEG artefacts,
// and, with WithEXIF, the metadata a phone writes (orientation, position).
//
// The same seed always gives the same photo and the same expected answer, so
// tests and benchmarks share one ground truth. It is test tooling: it must not
// be imported by the service.
package photogen

import (
	"fmt"
	"math/rand/v2"

	"github.com/apobot/apobot/pzn"
)

// Kind is what a photo shows.
type Kind string

// Kinds of photo, named as apobot scan reports them.
const (
	Pack         Kind = "pack"
	Prescription Kind = "prescription"
	ErxToken     Kind = "erx_token"
)

// Kinds lists every kind.
var Kinds = []Kind{Pack, Prescription, ErxToken}

// Difficulty says how badly the photo was taken.
type Difficulty string

// Difficulties, from a careful photo on a table to a hurried one in a dim kitchen.
const (
	Easy   Difficulty = "easy"
	Medium Difficulty = "medium"
	Hard   Difficulty = "hard"
)

// Difficulties lists every difficulty.
var Difficulties = []Difficulty{Easy, Medium, Hard}

// Sample is one generated photo and what a perfect reader finds on it.
type Sample struct {
	Name       string
	Kind       Kind
	Difficulty Difficulty
	Seed       uint64
	JPEG       []byte
	PZNs       []pzn.PZN     // every product number on the photo
	Tasks      []string      // e-prescription task ids
	Products   []pzn.Product // the printed product lines
	Personal   []string      // planted personal data that a reader must not return
	Codes      []string      // e-prescription access codes: returned by a reader, never shown or stored in clear
}

// Generate makes one photo of kind at difficulty from seed.
func Generate(kind Kind, d Difficulty, seed uint64) (Sample, error) {
	r := rand.New(rand.NewPCG(seed, streamOf(kind, d)))
	s := Sample{Name: fmt.Sprintf("%s-%s-%d", kind, d, seed), Kind: kind, Difficulty: d, Seed: seed}
	var doc *document
	var err error
	switch kind {
	case Pack:
		doc, err = s.pack(r)
	case Prescription:
		doc, err = s.prescription(r)
	case ErxToken:
		doc, err = s.erxPrintout(r)
	default:
		return Sample{}, fmt.Errorf("photogen: unknown kind %q", kind)
	}
	if err != nil {
		return Sample{}, err
	}
	s.JPEG, err = photograph(doc.img, paramsFor(d, r), r)
	return s, err
}

// Set makes n photos, cycling through kinds and difficulties, from seed on.
func Set(n int, seed uint64) ([]Sample, error) {
	out := make([]Sample, 0, n)
	for i := 0; i < n; i++ {
		kind := Kinds[i%len(Kinds)]
		d := Difficulties[(i/len(Kinds))%len(Difficulties)]
		s, err := Generate(kind, d, seed+uint64(i))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// streamOf gives each kind and difficulty its own random stream (FNV-1a).
func streamOf(k Kind, d Difficulty) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range []byte(string(k) + "/" + string(d)) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

package ocr

import (
	"time"

	"github.com/apobot/apobot/pzn"
)

// Kind is what a photo shows.
type Kind string

// Kinds of photo.
const (
	KindPack         Kind = "pack"
	KindPrescription Kind = "prescription"
	KindErxToken     Kind = "erx_token"
	KindUnknown      Kind = "unknown"
)

// Result is what a photo says.
type Result struct {
	Kind Kind
	// PZNs are certain: read from a barcode, or read from text twice.
	PZNs []pzn.PZN
	// MaybePZNs were read once from text (or disagreed between readings): the
	// bot confirms them against the inventory or asks.
	MaybePZNs []pzn.PZN
	// Tasks are e-prescription tasks; their access codes are secret.
	Tasks []pzn.Task
	// Packs are securPharm pack codes (batch, expiry, serial).
	Packs []pzn.Pack
	// Codes are the barcodes as decoded, with access codes masked.
	Codes []Symbol
	// Product is what the text says about the product on a pack.
	Product pzn.Product
	// Lines are the medication lines of a prescription (at most three); the
	// patient block is never returned.
	Lines []Line
	// Elapsed is the whole scan's time, Stages where it went, Reads the
	// tesseract recognitions it made; none of them says what the photo shows.
	Elapsed time.Duration
	Stages  []Stage
	Reads   int
}

// Line is one medication line of a prescription.
type Line struct {
	Product pzn.Product
	PZN     pzn.PZN // "" when the line printed none, or it was not certain
}

// addPZN records p once, as certain or not; a certain reading promotes a maybe.
func (r *Result) addPZN(p pzn.PZN, certain bool) {
	if contains(r.PZNs, p) {
		return
	}
	if !certain {
		if !contains(r.MaybePZNs, p) {
			r.MaybePZNs = append(r.MaybePZNs, p)
		}
		return
	}
	r.PZNs = append(r.PZNs, p)
	for i, m := range r.MaybePZNs {
		if m == p {
			r.MaybePZNs = append(r.MaybePZNs[:i], r.MaybePZNs[i+1:]...)
			break
		}
	}
}

func contains(ps []pzn.PZN, p pzn.PZN) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

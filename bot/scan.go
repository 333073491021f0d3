package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/apobot/apobot/pzn"
)

// Scanner reads a photo (ocr.Scanner, through an adapter in cmd/apobot).
// It returns an EINVALID Error for a file that is no usable image.
type Scanner interface {
	Scan(ctx context.Context, photo []byte) (Findings, error)
}

// Findings are what a photo says, as far as the bot needs it.
type Findings struct {
	Kind      string        // pack, prescription, erx_token, unknown
	PZNs      []pzn.PZN     // certain
	MaybePZNs []pzn.PZN     // read once: confirmed against the inventory or asked
	Tasks     []pzn.Task    // e-prescription tasks, with their secret access codes
	Products  []pzn.Product // printed product details without a certain PZN
	// Printed are the product details printed with a certain PZN (a
	// prescription's medication line, a pack's text), for a PZN the
	// inventory does not know.
	Printed map[pzn.PZN]pzn.Product
}

// ProductReader is a Scanner that can also read a pack's printed details
// when its barcode alone answered Scan: the engine asks for them only for
// a PZN the inventory does not know, since it costs a page reading.
type ProductReader interface {
	ReadProduct(ctx context.Context, photo []byte) (pzn.Product, error)
}

// Empty reports whether nothing usable was read.
func (f Findings) Empty() bool {
	return len(f.PZNs)+len(f.MaybePZNs)+len(f.Tasks) == 0 && !f.anyProduct()
}

// outcome names what a scan found, for counting.
func (f Findings) Outcome() string {
	switch {
	case len(f.PZNs) > 0 || len(f.Tasks) > 0:
		return "certain"
	case len(f.MaybePZNs) > 0:
		return "maybe"
	case f.anyProduct():
		return "text"
	}
	return "nothing"
}

func (f Findings) anyProduct() bool {
	for _, p := range f.Products {
		if p.Name != "" {
			return true
		}
	}
	return false
}

// findingsRecord is how findings are kept (sealed) for staff: the access
// codes in the token form they came in, which pzn.ParseToken reads back.
type findingsRecord struct {
	Kind      string        `json:"kind"`
	PZNs      []pzn.PZN     `json:"pzns,omitempty"`
	MaybePZNs []pzn.PZN     `json:"maybe_pzns,omitempty"`
	Tokens    []string      `json:"erx_tokens,omitempty"`
	Products  []pzn.Product `json:"products,omitempty"`
}

// Record encodes findings for sealed storage. It holds access codes: only
// ever store it sealed.
func (f Findings) Record() []byte {
	r := findingsRecord{Kind: f.Kind, PZNs: f.PZNs, MaybePZNs: f.MaybePZNs, Products: f.Products}
	for i := 0; i < len(f.Tasks); i += 3 {
		urls := make([]string, 0, 3)
		for _, t := range f.Tasks[i:min(i+3, len(f.Tasks))] {
			urls = append(urls, "Task/"+string(t.ID)+"/$accept?ac="+t.AccessCode.Reveal())
		}
		tok, _ := json.Marshal(map[string][]string{"urls": urls})
		r.Tokens = append(r.Tokens, string(tok))
	}
	b, _ := json.Marshal(r)
	return b
}

// ParseFindings reads a Record back.
func ParseFindings(b []byte) (Findings, error) {
	var r findingsRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return Findings{}, fmt.Errorf("findings record: %w", err)
	}
	f := Findings{Kind: r.Kind, PZNs: r.PZNs, MaybePZNs: r.MaybePZNs, Products: r.Products}
	for _, t := range r.Tokens {
		tok, err := pzn.ParseToken(t)
		if err != nil {
			return Findings{}, fmt.Errorf("findings record: %w", err)
		}
		f.Tasks = append(f.Tasks, tok.Tasks...)
	}
	return f, nil
}

// productQuery turns printed product details into a request for Match.
func ProductQuery(p pzn.Product) string {
	parts := []string{p.Name, p.Strength}
	if p.Count > 0 && (p.Unit == "" || p.Unit == "St") {
		parts = append(parts, fmt.Sprint(p.Count), "Stück")
	}
	return strings.Join(parts, " ")
}

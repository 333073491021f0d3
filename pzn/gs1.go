package pzn

import (
	"errors"
	"fmt"
	"strings"
)

// gs1AI describes one GS1 application identifier apobot reads.
type gs1AI struct {
	code  string
	fixed int // length of a fixed-length value; 0 for variable (up to 20)
}

// gs1AIs are the identifiers on securPharm packs, plus 11 (production date) and
// 710 (German national healthcare reimbursement number, which is the PZN).
var gs1AIs = []gs1AI{{"01", 14}, {"17", 6}, {"11", 6}, {"10", 0}, {"21", 0}, {"710", 0}}

const gs1MaxVar = 20

// gs1Field is one parsed element string.
type gs1Field struct{ ai, value string }

// ParseGS1 reads a GS1 element string (AI 01 NTIN, 17 expiry, 10 batch, 21 serial,
// also 11 and 710). FNC1 may appear as a leading GS or symbology identifier, and
// variable-length fields may or may not end in GS: without separators the split
// is found by trying where each variable field could end, preferring the reading
// that yields the most fields.
func ParseGS1(payload string) (Pack, error) {
	body, _ := unwrap15434(payload)
	body = strings.TrimPrefix(body, gs)
	if body == "" || len(body) > maxPayload {
		return Pack{}, fmt.Errorf("%w: empty or oversized GS1 data", ErrFormat)
	}
	var best []gs1Field
	budget := 10000 // bounds the search on hostile input
	splitGS1(body, nil, &best, &budget)
	if best == nil {
		return Pack{}, fmt.Errorf("%w: not a GS1 element string apobot reads", ErrFormat)
	}
	return packFromGS1(best)
}

// splitGS1 explores the ways to read s as element strings after the fields in acc.
func splitGS1(s string, acc []gs1Field, best *[]gs1Field, budget *int) {
	if *budget--; *budget < 0 {
		return
	}
	if s == "" {
		if len(acc) > len(*best) {
			*best = append([]gs1Field(nil), acc...)
		}
		return
	}
	for _, ai := range gs1AIs {
		rest, ok := strings.CutPrefix(s, ai.code)
		if !ok || hasAI(acc, ai.code) {
			continue
		}
		for _, n := range valueLengths(rest, ai) {
			if !validGS1(ai.code, rest[:n]) {
				continue
			}
			next := strings.TrimPrefix(rest[n:], gs)
			splitGS1(next, append(acc, gs1Field{ai.code, rest[:n]}), best, budget)
		}
	}
}

// valueLengths lists the possible value lengths of ai at the start of rest:
// the fixed length, up to a GS separator, or (without one) every length,
// longest first.
func valueLengths(rest string, ai gs1AI) []int {
	if ai.fixed > 0 {
		if len(rest) < ai.fixed {
			return nil
		}
		return []int{ai.fixed}
	}
	if i := strings.Index(rest, gs); i >= 0 {
		if i == 0 || i > gs1MaxVar {
			return nil
		}
		return []int{i}
	}
	max := min(len(rest), gs1MaxVar)
	lengths := make([]int, 0, max)
	for n := max; n >= 1; n-- {
		lengths = append(lengths, n)
	}
	return lengths
}

// validGS1 reports whether v is a well-formed value for ai. A GTIN of a product
// without a PZN is well-formed; packFromGS1 reports it.
func validGS1(ai, v string) bool {
	err := new(Pack).setGS1(ai, v)
	return err == nil || errors.Is(err, ErrNotPZN)
}

func hasAI(fs []gs1Field, code string) bool {
	for _, f := range fs {
		if f.ai == code {
			return true
		}
	}
	return false
}

// packFromGS1 validates the fields and fills a Pack.
func packFromGS1(fields []gs1Field) (Pack, error) {
	p := Pack{Format: "GS1"}
	for _, f := range fields {
		if err := p.setGS1(f.ai, f.value); err != nil {
			return Pack{}, err
		}
	}
	if p.PZN == "" {
		return Pack{}, fmt.Errorf("%w: GS1 code without an NTIN or PZN", ErrNotPZN)
	}
	return p, nil
}

func (p *Pack) setGS1(ai, v string) error {
	switch ai {
	case "01":
		p.GTIN = v
		return p.setPZN(ParseGTIN(v))
	case "710":
		return p.setPZN(Parse(v))
	case "17":
		e, err := parseYYMMDD(v)
		p.Expiry = e
		return err
	case "11":
		_, err := parseYYMMDD(v)
		return err
	case "10":
		return setText(&p.Batch, "batch", v)
	case "21":
		return setText(&p.Serial, "serial", v)
	}
	return nil
}

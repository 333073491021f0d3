package pzn

import (
	"fmt"
	"strings"
)

// ifaIdentifiers are the IFA data identifiers apobot reads, longest first so that
// "16D" is not taken for "1" + "6D" and "9N" not for a value starting with 9.
var ifaIdentifiers = []string{"16D", "9N", "1T", "8P", "D", "S"}

// ParseIFA reads the fields of an IFA securPharm code (ISO 15434 format 06 data,
// with or without the envelope): 9N PPN, 1T batch, D expiry, S serial, 8P NTIN,
// 16D manufacturing date, in any order. A PPN or an NTIN is required; when both
// are present they must name the same PZN.
func ParseIFA(payload string) (Pack, error) {
	body, _ := unwrap15434(payload)
	pack := Pack{Format: "IFA"}
	seen := map[string]bool{}
	for _, field := range strings.Split(body, gs) {
		if field == "" {
			continue
		}
		di, value, err := splitIFA(field)
		if err != nil {
			return Pack{}, err
		}
		if seen[di] {
			return Pack{}, fmt.Errorf("%w: IFA identifier %s repeated", ErrFormat, di)
		}
		seen[di] = true
		if err := pack.setIFA(di, value); err != nil {
			return Pack{}, err
		}
	}
	if pack.PZN == "" {
		return Pack{}, fmt.Errorf("%w: IFA code without PPN or NTIN", ErrFormat)
	}
	return pack, nil
}

func splitIFA(field string) (di, value string, err error) {
	for _, di := range ifaIdentifiers {
		if v, ok := strings.CutPrefix(field, di); ok {
			return di, v, nil
		}
	}
	return "", "", fmt.Errorf("%w: unknown IFA data identifier in %q", ErrFormat, clip(field))
}

func (p *Pack) setIFA(di, value string) error {
	switch di {
	case "9N":
		return p.setPZN(ParsePPN(value))
	case "8P":
		p.GTIN = value
		return p.setPZN(ParseGTIN(value))
	case "1T":
		return setText(&p.Batch, "batch", value)
	case "S":
		return setText(&p.Serial, "serial", value)
	case "D":
		e, err := parseYYMMDD(value)
		p.Expiry = e
		return err
	case "16D":
		if len(value) != 8 || !allDigits(value) {
			return fmt.Errorf("%w: manufacturing date %q is not YYYYMMDD", ErrFormat, clip(value))
		}
	}
	return nil
}

// setPZN records a PZN from a PPN or NTIN, refusing two that disagree.
func (p *Pack) setPZN(z PZN, err error) error {
	if err != nil {
		return err
	}
	if p.PZN != "" && p.PZN != z {
		return fmt.Errorf("%w: code names two products, %s and %s", ErrFormat, p.PZN, z)
	}
	p.PZN = z
	return nil
}

// setText accepts batch and serial values: 1 to 20 printable ASCII characters.
func setText(dst *string, name, v string) error {
	if len(v) == 0 || len(v) > 20 {
		return fmt.Errorf("%w: %s must have 1 to 20 characters", ErrFormat, name)
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] > '~' {
			return fmt.Errorf("%w: %s has a character outside printable ASCII", ErrFormat, name)
		}
	}
	*dst = v
	return nil
}

package pzn

import (
	"fmt"
	"strings"
)

// Pack is what a securPharm Data Matrix says about one pack.
type Pack struct {
	PZN    PZN
	GTIN   string // the NTIN as GTIN-14, when the code carried one
	Batch  string
	Serial string
	Expiry Expiry
	// Format is "IFA" or "GS1".
	Format string
}

// Expiry is a year and month, with Day 0 when the code gives no day ("DD=00").
type Expiry struct{ Year, Month, Day int }

// String returns "2027-01-31", or "2027-01" when there is no day; "" for none.
func (e Expiry) String() string {
	switch {
	case e.Year == 0:
		return ""
	case e.Day == 0:
		return fmt.Sprintf("%04d-%02d", e.Year, e.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", e.Year, e.Month, e.Day)
}

// parseYYMMDD reads a six-digit date; DD may be 00. Years are 20YY.
func parseYYMMDD(s string) (Expiry, error) {
	if len(s) != 6 || !allDigits(s) {
		return Expiry{}, fmt.Errorf("%w: date %q is not YYMMDD", ErrFormat, clip(s))
	}
	e := Expiry{2000 + atoi(s[:2]), atoi(s[2:4]), atoi(s[4:])}
	if e.Month < 1 || e.Month > 12 || e.Day > daysIn(e.Year, e.Month) {
		return Expiry{}, fmt.Errorf("%w: date %q does not exist", ErrFormat, s)
	}
	return e, nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Control characters of ISO/IEC 15434 and GS1.
const (
	rs  = "\x1e"
	gs  = "\x1d"
	eot = "\x04"
)

// maxPayload bounds what the payload parsers look at; a Data Matrix holds at most
// about 2,300 characters and securPharm codes far less.
const maxPayload = 4096

// ParseDataMatrix reads a securPharm Data Matrix payload in either format
// (IFA / ISO 15434 format 06, or GS1), as any barcode reader returns it.
func ParseDataMatrix(payload string) (Pack, error) {
	if len(payload) > maxPayload {
		return Pack{}, fmt.Errorf("%w: payload of %d bytes is too long", ErrFormat, len(payload))
	}
	body, format := unwrap15434(payload)
	switch {
	case format == "06":
		return ParseIFA(body)
	case format == "05":
		return ParseGS1(body)
	case looksIFA(body):
		return ParseIFA(body)
	}
	return ParseGS1(body)
}

// unwrap15434 strips the ISO 15434 envelope "[)>" RS "06" GS ... RS EOT, and the
// symbology identifiers some readers prepend. It returns the inner data and the
// format ("06", "05", or "" when there was no envelope).
func unwrap15434(s string) (body, format string) {
	for _, id := range []string{"]d2", "]d1", "]C1", "]Q3"} {
		s = strings.TrimPrefix(s, id)
	}
	rest, ok := strings.CutPrefix(s, "[)>"+rs)
	if !ok || len(rest) < 3 {
		return s, ""
	}
	format = rest[:2]
	rest = strings.TrimPrefix(rest[2:], gs)
	rest = strings.TrimSuffix(rest, eot)
	rest = strings.TrimSuffix(rest, rs)
	return rest, format
}

// looksIFA reports whether the data starts with an IFA data identifier.
func looksIFA(s string) bool {
	for _, di := range ifaIdentifiers {
		if strings.HasPrefix(s, di) {
			return true
		}
	}
	return false
}

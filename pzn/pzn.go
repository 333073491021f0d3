package pzn

import (
	"errors"
	"fmt"
)

// Errors returned by the parsers. They are wrapped with context; test with errors.Is.
var (
	// ErrFormat means the input does not have the shape of the identifier.
	ErrFormat = errors.New("pzn: malformed")
	// ErrCheckDigit means the shape is right but a check digit does not match.
	ErrCheckDigit = errors.New("pzn: wrong check digit")
	// ErrNotIssued means the data digits give check value 10: such a PZN is never issued.
	ErrNotIssued = errors.New("pzn: never issued (check value 10)")
	// ErrNotPZN means a valid code that does not carry a PZN (an ordinary EAN, say).
	ErrNotPZN = errors.New("pzn: code carries no PZN")
)

// PZN is a valid eight-digit Pharmazentralnummer. The zero value is not a valid PZN;
// values of this type come only from the parsers of this package.
type PZN string

// Parse reads a PZN8, or a PZN7 / PZN8 printed without its leading zero (7 digits,
// left-padded with 0), and validates the check digit.
func Parse(s string) (PZN, error) {
	if len(s) == 7 {
		s = "0" + s
	}
	if len(s) != 8 || !allDigits(s) {
		return "", fmt.Errorf("%w: %q is not 7 or 8 digits", ErrFormat, clip(s))
	}
	want, err := CheckDigit(s[:7])
	if err != nil {
		return "", err
	}
	if int(s[7]-'0') != want {
		return "", fmt.Errorf("%w: %s should end in %d", ErrCheckDigit, s, want)
	}
	return PZN(s), nil
}

// FromData builds the PZN for seven data digits by appending their check digit.
func FromData(data string) (PZN, error) {
	c, err := CheckDigit(data)
	if err != nil {
		return "", err
	}
	return PZN(data + string(rune('0'+c))), nil
}

// CheckDigit returns the PZN check digit of seven data digits: the sum of each digit
// times its position (1..7), modulo 11. A result of 10 is ErrNotIssued.
func CheckDigit(data string) (int, error) {
	if len(data) != 7 || !allDigits(data) {
		return 0, fmt.Errorf("%w: %q is not 7 data digits", ErrFormat, clip(data))
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(data[i]-'0') * (i + 1)
	}
	if c := sum % 11; c != 10 {
		return c, nil
	}
	return 0, fmt.Errorf("%w: %s", ErrNotIssued, data)
}

// String returns the eight digits.
func (p PZN) String() string { return string(p) }

// Label returns the form printed on packs and in replies: "PZN 01234567".
func (p PZN) Label() string { return "PZN " + string(p) }

// Valid reports whether p is eight digits with a matching check digit.
func (p PZN) Valid() bool {
	_, err := Parse(string(p))
	return err == nil && len(p) == 8
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// clip keeps error messages short when the input is large or hostile.
func clip(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

// validDigits reports whether s is a valid PZN8 without building an error, for
// the finder's hot loop.
func validDigits(s []byte) bool {
	if len(s) != 8 {
		return false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		if !isDigit(s[i]) {
			return false
		}
		sum += int(s[i]-'0') * (i + 1)
	}
	return isDigit(s[7]) && sum%11 != 10 && sum%11 == int(s[7]-'0')
}

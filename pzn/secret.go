package pzn

import (
	"fmt"
	"log/slog"
	"strings"
)

// AccessCode is an e-prescription access code: a bearer secret, since whoever holds
// it can claim the prescription. Every way of printing it (String, %v, %#v, JSON,
// slog) shows only a mask; Reveal is the one way to read it, for the store and for
// authenticated staff.
type AccessCode struct{ v string }

const accessCodeMask = "[access code hidden]"

// parseAccessCode accepts 64 hex digits in either case and keeps them lowercase.
func parseAccessCode(s string) (AccessCode, error) {
	if len(s) != 64 {
		return AccessCode{}, fmt.Errorf("%w: access code is not 64 hex digits", ErrFormat)
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return AccessCode{}, fmt.Errorf("%w: access code is not 64 hex digits", ErrFormat)
		}
	}
	return AccessCode{strings.ToLower(s)}, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// Reveal returns the code itself. Call it only to seal it or to show it to staff.
func (a AccessCode) Reveal() string { return a.v }

// IsZero reports whether no code is held.
func (a AccessCode) IsZero() bool { return a.v == "" }

// String returns a mask, never the code.
func (a AccessCode) String() string { return accessCodeMask }

// GoString returns a mask, never the code.
func (a AccessCode) GoString() string { return accessCodeMask }

// Format prints a mask for every verb.
func (a AccessCode) Format(f fmt.State, _ rune) { fmt.Fprint(f, accessCodeMask) }

// MarshalJSON writes a mask, never the code.
func (a AccessCode) MarshalJSON() ([]byte, error) { return []byte(`"` + accessCodeMask + `"`), nil }

// MarshalText writes a mask, never the code.
func (a AccessCode) MarshalText() ([]byte, error) { return []byte(accessCodeMask), nil }

// LogValue keeps the code out of structured logs.
func (a AccessCode) LogValue() slog.Value { return slog.StringValue(accessCodeMask) }

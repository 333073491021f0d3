package pzn

import (
	"fmt"
	"strings"
)

// ParseCode39 reads the text a barcode reader returns for a PZN Code 39:
// "-" followed by the eight digits of a PZN8 or the seven of a PZN7. A reader
// that drops the dash, or a label "PZN" in front, is tolerated.
func ParseCode39(text string) (PZN, error) {
	s := strings.TrimSpace(text)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "PZN"), "-")
	if len(s) != 7 && len(s) != 8 || !allDigits(s) {
		return "", fmt.Errorf("%w: Code 39 %q is not a PZN", ErrFormat, clip(text))
	}
	return Parse(s)
}

// Code39 returns the text to encode in a PZN Code 39: "-" and the eight digits.
func (p PZN) Code39() string { return "-" + string(p) }

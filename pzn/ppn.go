package pzn

import "fmt"

// PPN returns the Pharmacy Product Number of p: "11" + PZN + two check digits.
func (p PZN) PPN() string {
	body := "11" + string(p)
	return fmt.Sprintf("%s%02d", body, ppnCheck(body))
}

// ParsePPN validates a 12-character PPN and returns the PZN it carries.
// PPNs with another product registration agency code than "11" are ErrNotPZN.
func ParsePPN(s string) (PZN, error) {
	if len(s) != 12 || !allDigits(s[10:]) {
		return "", fmt.Errorf("%w: PPN %q is not 12 characters", ErrFormat, clip(s))
	}
	if got, want := s[10:], fmt.Sprintf("%02d", ppnCheck(s[:10])); got != want {
		return "", fmt.Errorf("%w: PPN %s should end in %s", ErrCheckDigit, s, want)
	}
	if s[:2] != "11" {
		return "", fmt.Errorf("%w: PPN agency %q is not the IFA (11)", ErrNotPZN, s[:2])
	}
	return Parse(s[2:10])
}

// ppnCheck is the sum of ASCII(c) * (i+2) over the ten characters, modulo 97.
func ppnCheck(body string) int {
	sum := 0
	for i := 0; i < len(body); i++ {
		sum += int(body[i]) * (i + 2)
	}
	return sum % 97
}

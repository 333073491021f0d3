package pzn

import "fmt"

// ntinPrefix is the GS1 Germany prefix that turns a PZN into an NTIN.
const ntinPrefix = "4150"

// NTIN returns the 13-digit NTIN of p: "4150" + PZN + GS1 check digit. It is also
// the EAN-13 printed on many German packs.
func (p PZN) NTIN() string {
	body := ntinPrefix + string(p)
	return body + string(rune('0'+gs1Check(body)))
}

// GTIN14 returns the NTIN as the 14 digits of GS1 application identifier 01.
func (p PZN) GTIN14() string { return "0" + p.NTIN() }

// ParseGTIN validates an EAN-13 or GTIN-14 and returns the PZN when it is an NTIN
// ("4150" prefix). A valid GTIN of any other product is ErrNotPZN.
func ParseGTIN(s string) (PZN, error) {
	if len(s) == 14 && s[0] == '0' {
		s = s[1:]
	}
	if len(s) != 13 || !allDigits(s) {
		return "", fmt.Errorf("%w: GTIN %q is not 13 or 14 digits", ErrFormat, clip(s))
	}
	if want := gs1Check(s[:12]); int(s[12]-'0') != want {
		return "", fmt.Errorf("%w: GTIN %s should end in %d", ErrCheckDigit, s, want)
	}
	if s[:4] != ntinPrefix {
		return "", fmt.Errorf("%w: GTIN %s is not an NTIN", ErrNotPZN, s)
	}
	return Parse(s[4:12])
}

// gs1Check is the GS1 mod-10 check digit: weights 3,1,3,... from the rightmost digit.
func gs1Check(body string) int {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		w := 1
		if (len(body)-1-i)%2 == 0 {
			w = 3
		}
		sum += int(body[i]-'0') * w
	}
	return (10 - sum%10) % 10
}

package pzn

// findBare returns eight-digit runs that stand alone and pass the check digit.
func findBare(s string) []Finding {
	var out []Finding
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 8 && standsAlone(s, i, j) {
			if validDigits([]byte(s[i:j])) {
				out = append(out, Finding{PZN: PZN(s[i:j]), Start: i, End: j})
			}
		}
		i = j
	}
	return out
}

// standsAlone rejects digit runs that are part of something larger: a word, a
// phone number ("+49", "0391 12345678"), a grouped number (IBAN blocks, dates),
// or a decimal ("12345678,50").
func standsAlone(s string, i, j int) bool {
	if i > 0 {
		switch c := s[i-1]; {
		case isAlnum(c) || c == '+' || c == '/' || c == ',' || c == '.' || c == '(' && i > 1 && isDigit(s[i-2]):
			return false
		case c == ' ' && i > 1 && (isDigit(s[i-2]) || s[i-2] == '/'):
			return false
		}
	}
	if j < len(s) {
		switch c := s[j]; {
		case isAlnum(c) || c == '/':
			return false
		case (c == ',' || c == '.' || c == ' ' || c == '-') && j+1 < len(s) && isDigit(s[j+1]):
			return false
		}
	}
	return true
}

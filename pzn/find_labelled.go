package pzn

// maxSeparator bounds the bytes between a label and its number ("PZN.: – ").
const maxSeparator = 8

// ocrDigit maps characters OCR confuses with digits; digits map to themselves.
func ocrDigit(c byte) (byte, bool) {
	switch {
	case isDigit(c):
		return c, true
	case c == 'O' || c == 'o' || c == 'D':
		return '0', true
	case c == 'I' || c == 'l' || c == '|':
		return '1', true
	case c == 'S':
		return '5', true
	case c == 'B':
		return '8', true
	case c == 'Z':
		return '2', true
	}
	return 0, false
}

// readLabelled reads the number after a label ending at i. The number may
// be split in groups by a space or dash ("0233 0799", "07 60 18 95"); split
// more than once, every group has at least two digits.
func readLabelled(s string, i int) (Finding, bool) {
	start := skipSeparator(s, i)
	if start == i && start < len(s) && !isDigit(s[start]) {
		return Finding{}, false // "PZNO…": no separator and a letter, not a label
	}
	var digits [9]byte
	n, end, fixed := 0, start, false
	splits, group, shortest := 0, 0, len(s)
	for end < len(s) && n < len(digits) {
		d, ok := ocrDigit(s[end])
		if !ok {
			if n > 0 && n < 7 && (s[end] == ' ' || s[end] == '-') && end+1 < len(s) && isDigit(s[end+1]) {
				splits, group, shortest = splits+1, 0, min(shortest, group) // OCR or the customer split "0123 4567"
				end++
				continue
			}
			break
		}
		fixed = fixed || d != s[end]
		digits[n] = d
		n, group = n+1, group+1
		end++
	}
	if n < 7 || n > 8 || (end < len(s) && isAlnum(s[end])) || splits > 1 && min(shortest, group) < 2 {
		return Finding{}, false
	}
	d := digits[:n]
	if n == 7 {
		d = append([]byte{'0'}, d...)
	}
	if !validDigits(d) {
		return Finding{}, false
	}
	return Finding{PZN: PZN(d), Start: start, End: end, Labelled: true, Corrected: fixed || splits > 0 || n == 7}, true
}

// skipSeparator skips what stands between a label and its number: spaces, ':',
// '-', '.', '=', '#', a line break, an en or em dash, a no-break space.
func skipSeparator(s string, i int) int {
	j := i
	for j < len(s) && j-i <= maxSeparator {
		switch {
		case s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' ||
			s[j] == ':' || s[j] == '-' || s[j] == '.' || s[j] == '=' || s[j] == '#':
			j++
		case j+2 < len(s) && s[j] == 0xe2 && s[j+1] == 0x80 && (s[j+2] == 0x93 || s[j+2] == 0x94):
			j += 3
		case j+1 < len(s) && s[j] == 0xc2 && s[j+1] == 0xa0:
			j += 2
		default:
			return j
		}
	}
	return j
}

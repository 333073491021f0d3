package pzn

import (
	"regexp"
	"strconv"
	"strings"
)

// readCounts reads "2X10 ml" and "20 St." style pack contents. It returns where
// the first one starts.
func (p *Product) readCounts(s []byte) int {
	first := len(s)
	if loc := multi.FindSubmatchIndex(s); loc != nil && !letterAfter(s, loc[1]) {
		packs := parseNumber(string(s[loc[2]:loc[3]]))
		each := parseNumber(string(s[loc[4]:loc[5]]))
		p.Count, p.Unit = packAmount(packs*each), amountUnit(string(s[loc[6]:loc[7]]))
		blank(s, loc[0], loc[1])
		first = loc[0]
	}
	// "100 St." is the count even when "ASS 100 Tabl." comes first.
	first = min(first, p.readPieces(s, pieces), p.readPieces(s, formCount))
	return first
}

// readPieces takes the first count matched by re, unless a count is known.
func (p *Product) readPieces(s []byte, re *regexp.Regexp) int {
	for _, loc := range re.FindAllSubmatchIndex(s, -1) {
		if letterAfter(s, loc[1]) || p.Count != 0 {
			continue
		}
		p.Count = packAmount(parseNumber(string(s[loc[2]:loc[3]])))
		p.Unit = "St"
		if f, n, _ := matchForm(strings.Fields(strings.ToLower(string(s[loc[4]:loc[5]]))), 0); n > 0 {
			p.Form = f.name
		}
		blank(s, loc[0], loc[1])
		return loc[0]
	}
	return len(s)
}

// maxPackAmount bounds what a pack holds, in pieces, ml or g: more is a
// misreading (and would overflow an int).
const maxPackAmount = 100000

// packAmount rounds a pack's content; 0 (unknown) when it is beyond any pack.
func packAmount(f float64) int {
	if !(f >= 0 && f <= maxPackAmount) { // also NaN
		return 0
	}
	return int(f + 0.5)
}

// amountUnit canonicalises the unit of a pack amount.
func amountUnit(u string) string {
	switch u = strings.ToLower(u); u {
	case "ml", "g":
		return u
	}
	return "St"
}

// readStrengths takes the first strength ("400 mg", "23,2 mg/g") and, after it,
// a pack amount in g or ml ("120 g"). A lone g or ml value is the strength only
// when the pack count is given in pieces ("Amoxicillin 1 g ... 20 St").
func (p *Product) readStrengths(s []byte) int {
	first := len(s)
	for _, loc := range strength.FindAllSubmatchIndex(s, -1) {
		if letterAfter(s, loc[1]) {
			continue
		}
		value, unit, rest := string(s[loc[2]:loc[3]]), canonUnit(string(s[loc[4]:loc[5]])), string(s[loc[6]:loc[7]])
		amount := rest == "" && (unit == "g" || unit == "ml")
		switch {
		case amount && (p.Strength != "" || p.Unit != "St") && p.Count == 0:
			p.Count, p.Unit = packAmount(parseNumber(value)), unit
		case p.Strength == "" && !(amount && p.Unit != "St"):
			p.Strength = formatNumber(value) + " " + unit + canonCompound(rest)
		default:
			continue
		}
		blank(s, loc[0], loc[1])
		first = min(first, loc[0])
	}
	return first
}

// canonCompound rewrites "/1.000mg/500mg" or "/g" into canonical spacing.
func canonCompound(rest string) string {
	if rest == "" {
		return ""
	}
	var b strings.Builder
	for _, part := range strings.Split(rest, "/")[1:] {
		part = strings.TrimSpace(part)
		i := 0
		for i < len(part) && (isDigit(part[i]) || part[i] == '.' || part[i] == ',') {
			i++
		}
		b.WriteString("/")
		if i > 0 {
			b.WriteString(formatNumber(part[:i]) + " ")
		}
		b.WriteString(canonUnit(strings.TrimSpace(part[i:])))
	}
	return b.String()
}

// canonUnit spells units one way: mcg, ug, μg -> µg; IE, IU -> I.E.
func canonUnit(u string) string {
	l := strings.ToLower(strings.ReplaceAll(u, " ", ""))
	switch l {
	case "mcg", "ug", "μg", "µg":
		return "µg"
	case "ie", "i.e.", "i.e", "iu":
		return "I.E."
	}
	return l
}

// parseNumber reads "1.000", "23,2", "0.5": a dot before exactly three digits
// (and not after a lone 0) groups thousands; otherwise dot and comma are decimal.
func parseNumber(s string) float64 {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' && isThousands(s, i) {
			continue
		}
		if c == ',' || c == '.' {
			c = '.'
		}
		b.WriteByte(c)
	}
	f, _ := strconv.ParseFloat(b.String(), 64)
	return f
}

func isThousands(s string, i int) bool {
	j := i + 1
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return j-i-1 == 3 && s[:i] != "0" && !strings.ContainsAny(s[j:], ".,")
}

// formatNumber writes a number the German way: "23,2", "1000".
func formatNumber(s string) string {
	return strings.ReplaceAll(strconv.FormatFloat(parseNumber(s), 'f', -1, 64), ".", ",")
}

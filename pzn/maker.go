package pzn

import "strings"

// makers are common makers on German packs, as they are printed. Short
// abbreviations (AL, CT) count only in capitals, so "al" in a sentence is no maker.
var makers = []string{
	"1A Pharma", "1 A Pharma", "AbZ", "Accord", "AL", "Aliud", "Aristo", "Aurobindo",
	"Axcount", "Basics", "Bayer", "Berlin-Chemie", "betapharm", "Bionorica", "CT",
	"Denk", "Dexcel", "Glenmark", "GSK", "Heumann", "Hexal", "Klosterfrau", "Krka",
	"Mylan", "Novartis", "Pfizer", "PUREN", "ratiopharm", "Sandoz", "Sanofi", "STADA",
	"TAD", "Teva", "Viatris", "Winthrop", "Zentiva",
}

// findMaker returns the first known maker standing as whole words in s.
func findMaker(s string) string {
	lowerS := strings.ToLower(s)
	best, bestAt := "", len(s)
	for _, m := range makers {
		hay, needle := lowerS, strings.ToLower(m)
		if len(m) <= 3 && strings.ToUpper(m) == m {
			hay, needle = s, m
		}
		if at := wordIndex(hay, needle); at >= 0 && at < bestAt {
			best, bestAt = m, at
		}
	}
	return best
}

// wordIndex finds needle in hay as whole words.
func wordIndex(hay, needle string) int {
	for off := 0; ; {
		i := strings.Index(hay[off:], needle)
		if i < 0 {
			return -1
		}
		at := off + i
		end := at + len(needle)
		if (at == 0 || !isAlnum(hay[at-1])) && (end == len(hay) || !isAlnum(hay[end])) {
			return at
		}
		off = at + 1
	}
}

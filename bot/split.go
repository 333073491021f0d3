package bot

import (
	"strings"
	"unicode/utf8"
)

// SplitText cuts a reply that is longer than a platform takes in one
// message into parts of at most limit, measured by size (bytes: len;
// characters: utf8.RuneCountInString), at rune boundaries and preferably
// at a line break, which is then dropped: joined with "\n" the parts give
// the text back.
func SplitText(text string, limit int, size func(string) int) []string {
	var out []string
	for size(text) > limit {
		cut := longestFit(text, limit, size)
		if nl := strings.LastIndexByte(text[:cut], '\n'); nl > 0 {
			out, text = append(out, text[:nl]), text[nl+1:]
			continue
		}
		if cut == 0 { // one rune larger than the limit: it goes alone
			_, cut = utf8.DecodeRuneInString(text)
		}
		out, text = append(out, text[:cut]), text[cut:]
	}
	return append(out, text)
}

// longestFit is the end of the longest prefix of text, at a rune boundary,
// whose size is at most limit (size grows with the prefix: binary search).
func longestFit(text string, limit int, size func(string) int) int {
	var starts []int
	for i := range text {
		starts = append(starts, i)
	}
	lo, hi := 0, len(starts)-1 // starts[lo] fits (the empty prefix does)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if size(text[:starts[mid]]) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return starts[lo]
}

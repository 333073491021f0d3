package match

import "strings"

// SizeSuffix reports a word of [words] size_suffixes: the "er" of "die
// 50er", which Normalize writes apart.
func (rd Reader) SizeSuffix(w string) bool { return rd.In("size_suffixes", w) }

// TrimSizeSuffix is w without a size suffix ("400er" -> "400").
func (rd Reader) TrimSizeSuffix(w string) string {
	for _, suffix := range rd.List("size_suffixes") {
		if head, ok := strings.CutSuffix(w, suffix); ok {
			return head
		}
	}
	return w
}

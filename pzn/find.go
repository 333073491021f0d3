package pzn

// Confidence says how much support a number found in text has.
type Confidence int

// Confidence levels, lowest first.
const (
	// Low: an unlabelled number (eight digits, or two groups of four) that
	// happens to pass the check digit (about one in eleven random numbers does).
	Low Confidence = iota + 1
	// Medium: labelled, but read with OCR corrections, in groups or with a
	// missing leading zero.
	Medium
	// High: labelled and read exactly as eight digits.
	High
)

// String names the level.
func (c Confidence) String() string {
	switch c {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return "none"
}

// Finding is one PZN found in text.
type Finding struct {
	PZN PZN
	// Start and End are byte offsets of the number (not the label) in the text.
	Start, End int
	// Labelled is true when "PZN" (or an OCR misreading such as "P2N" or
	// "PIN") stood before it, or words that name a PZN (labels.toml).
	Labelled bool
	// Corrected is true when OCR confusions (O→0, l→1, S→5, ...) were
	// repaired, groups were joined ("0233 0799"), a leading zero was added,
	// or the label was read as "PIN".
	Corrected bool
}

// Confidence grades the finding.
func (f Finding) Confidence() Confidence {
	switch {
	case !f.Labelled:
		return Low
	case f.Corrected:
		return Medium
	}
	return High
}

// Find returns every check-digit-valid PZN in text, in order of position.
// Labelled numbers ("PZN 01234567", "PZN-…", "PZN: …", "die PZN ist …",
// "product number …", "Nummer auf der Packung …") may be written in groups
// ("0233 0799", "07 60 18 95", "1114-7108"); right after "PZN" they may also
// carry OCR confusions and omit the leading zero. An unlabelled number counts
// when it stands alone as eight digits or two groups of four. A number that
// the words before it name as something else ("Tel.", "Kundennummer", "order
// number", "geb."; see labels.toml) never counts, even when its check digit
// fits. Find runs in time linear in len(text).
func Find(text string) []Finding {
	var out []Finding
	for i := 0; i+3 <= len(text); i++ {
		label, misread := isLabel(text, i)
		if !label {
			continue
		}
		if f, ok := readLabelled(text, i+3); ok {
			f.Corrected = f.Corrected || misread
			out = append(out, f)
			i = f.End - 1
		}
	}
	lb, _ := loadLabels()
	return mergeRuns(out, findRuns(text, lb))
}

// mergeRuns adds the findings of findRuns that do not overlap one read
// right after a "PZN" label, keeping order.
func mergeRuns(labelled, bare []Finding) []Finding {
	if len(bare) == 0 {
		return labelled
	}
	out := make([]Finding, 0, len(labelled)+len(bare))
	j := 0
	for _, b := range bare {
		for j < len(labelled) && labelled[j].End <= b.Start {
			out = append(out, labelled[j])
			j++
		}
		if j < len(labelled) && labelled[j].Start < b.End {
			continue // the same digits, already read with their label
		}
		out = append(out, b)
	}
	return append(out, labelled[j:]...)
}

// isLabel reports whether "PZN" (case-insensitive) starts at i and is not
// the end of a longer word. OCR reads the Z of small print as 2, and of
// blurred print as I, l, 1 or 7 ("PIN 12345678"): misread says the label was
// one of the latter, which only a check digit and a second reading can back.
func isLabel(s string, i int) (label, misread bool) {
	if lower(s[i]) != 'p' || lower(s[i+2]) != 'n' || i > 0 && isAlnum(s[i-1]) {
		return false, false
	}
	switch lower(s[i+1]) {
	case 'z', '2':
		return true, false
	case 'i', 'l', '1', '7':
		return true, true
	}
	return false, false
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

package ocr

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// Languages are the tesseract language data the scan reads with.
var Languages = []string{"deu", "eng"}

// Check reports tesseract's version, or which of its language data are
// missing (Debian: tesseract-ocr-deu, tesseract-ocr-eng), without starting
// a scanner.
func Check() (version string, err error) {
	have, err := gosseract.GetAvailableLanguages()
	if err != nil {
		return "", fmt.Errorf("tesseract language data: %w", err)
	}
	var missing []string
	for _, l := range Languages {
		if !slices.Contains(have, l) {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("tesseract language data missing: %s (Debian: tesseract-ocr-%s)", strings.Join(missing, ", "), strings.Join(missing, ", tesseract-ocr-"))
	}
	return gosseract.Version(), nil
}

package ocr

import (
	"fmt"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	if err := ReexecWithThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, "ocr tests: cannot restart with", ThreadLimitEnv, err)
	}
	os.Exit(m.Run())
}

// quality marks a test of reading quality over many photos. It skips under
// the race detector, which makes gozxing and the image code about ten times
// slower (the package took eight minutes with it, one without); make test
// runs the package a second time without -race, where these tests run. The
// tests of concurrency run in both.
func quality(t *testing.T) {
	t.Helper()
	if raceBuild {
		t.Skip("a reading-quality test: make test runs it without -race")
	}
}

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

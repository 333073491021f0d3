package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/store/pgtest"
)

func TestMain(m *testing.M) {
	if err := ocr.ReexecWithThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, "cmd tests: cannot restart with", ocr.ThreadLimitEnv, err)
	}
	code := m.Run()
	pgtest.StopShared()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

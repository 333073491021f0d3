package ocr

import (
	"os"
	"syscall"
)

// ReexecWithThreadLimit restarts the current process with ThreadLimitEnv=1
// when it is not set, so that tesseract's OpenMP starts single-threaded. It
// returns only when the variable is already set or the restart failed; main
// (and TestMain) call it first thing.
func ReexecWithThreadLimit() error {
	if os.Getenv(ThreadLimitEnv) != "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	env := append(os.Environ(), ThreadLimitEnv+"=1")
	return syscall.Exec(exe, os.Args, env)
}

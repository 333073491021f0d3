package main

import (
	"context"
	"fmt"
	"runtime"
)

// version is set at build time: go build -ldflags "-X main.version=...".
var version = "dev"

func runVersion(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "version", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	fmt.Fprintf(e.stdout, "apobot %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

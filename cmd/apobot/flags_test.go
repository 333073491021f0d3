package main

import (
	"os"
	"strings"
	"testing"
)

// TestHelpAnywhereWritesNothing: `--help` after a command's other words
// prints that command's usage and does nothing, for every command and
// subcommand; no file named like a flag is written.
func TestHelpAnywhereWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv(envDataDir, dir)
	for _, args := range [][]string{
		{"threema", "keygen", "--help"}, {"threema", "--help", "keygen", "key"}, {"backup", "--help"},
		{"backup", "b.age", "-h"}, {"restore", "b.age", "--help"}, {"inventory", "import", "x.csv", "--help"},
		{"staff", "add", "neu", "--help"}, {"purge", "--help"}, {"check", "--help"}, {"scan", "--help"},
		{"serve", "--help"}, {"version", "--help"},
	} {
		code, out, errs := runArgs(t, args...)
		if code != exitOK || !strings.Contains(out+errs, "Usage: apobot "+args[0]) {
			t.Errorf("%v: exit %d, %q %q: want its usage", args, code, out, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("help wrote %v", entries)
	}
}

// TestNamesLikeFlagsAreRefused: a file name that starts with "-" (after
// "--") is refused with a usage error that says how to name such a file,
// and nothing is written; a flag after the words is still a flag.
func TestNamesLikeFlagsAreRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv(envDataDir, dir)
	for _, args := range [][]string{{"threema", "keygen", "--", "-key"}, {"threema", "keygen", "-"}, {"backup", "--", "--x"}} {
		code, _, errs := runArgs(t, args...)
		if code != exitUsage || !strings.Contains(errs, "must not start with -") || !strings.Contains(errs, "darf nicht mit - beginnen") {
			t.Errorf("%v: exit %d %q, want a usage error", args, code, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused name wrote %v", entries)
	}
	if code, out, errs := runArgs(t, "purge", "--dry-run"); code == exitUsage {
		t.Fatalf("purge --dry-run: usage error %q %q", out, errs)
	}
}

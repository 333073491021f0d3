package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestStaffAdd(t *testing.T) {
	t.Setenv(envDataDir, t.TempDir())
	add := func(name, input string) (int, string, string) {
		var out, errb bytes.Buffer
		code := runWith(context.Background(), []string{"staff", "add", name}, strings.NewReader(input), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := add("anna", "kurz\n"); code != exitError || !strings.Contains(errs, "mindestens 10 Zeichen") {
		t.Fatalf("short password: %d %q", code, errs)
	}
	if code, out, errs := add("anna", "ein-langes-passwort\n"); code != exitOK || !strings.Contains(out, `"anna" angelegt`) {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	if code, _, errs := add("anna", "ein-anderes-passwort\n"); code != exitError || !strings.Contains(errs, "gibt es schon") {
		t.Fatalf("twice: %d %q", code, errs)
	}
	if code, _, _ := add("", "ein-langes-passwort\n"); code == exitOK {
		t.Fatal("an empty name was accepted")
	}
	if code, _, _ := runArgs(t, "staff", "remove", "anna"); code != exitUsage {
		t.Fatalf("unknown staff subcommand: %d", code)
	}
}

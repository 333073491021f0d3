package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot"
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
	if code, _, _ := runArgs(t, "staff", "frobnicate", "anna"); code != exitUsage {
		t.Fatalf("unknown staff subcommand: %d", code)
	}
}

// TestStaffCommands: accounts are listed with their role, get a new
// password, are removed; the last owner stays; each change is recorded as
// made on the command line.
func TestStaffCommands(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(envDataDir, filepath.Join(dir, "data"))
	staff := func(input string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := runWith(context.Background(), append([]string{"staff"}, args...), strings.NewReader(input), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := staff("", "list"); code != exitError || !strings.Contains(errs, "holds no database") {
		t.Fatalf("list before any set-up: %d %q, want refused", code, errs)
	}
	for _, name := range []string{"inhaberin", "bob"} {
		if code, _, errs := staff("ein-langes-passwort\n", "add", name); code != exitOK {
			t.Fatalf("add %s: %d %q", name, code, errs)
		}
	}
	code, out, _ := staff("", "list")
	if code != exitOK || !regexp.MustCompile(`(?m)^bob +Mitarbeiter/staff `).MatchString(out) || !regexp.MustCompile(`(?m)^inhaberin +Inhaber/owner `).MatchString(out) {
		t.Fatalf("list: %d %q", code, out)
	}
	if code, out, errs := staff("noch-ein-passwort\n", "passwd", "bob"); code != exitOK || !strings.Contains(out, "New password for \"bob\"") {
		t.Fatalf("passwd: %d %q %q", code, out, errs)
	}
	if code, _, errs := staff("kurz\n", "passwd", "bob"); code != exitError || !strings.Contains(errs, "at least 10 characters") {
		t.Fatalf("short password: %d %q", code, errs)
	}
	if code, _, errs := staff("", "remove", "inhaberin"); code != exitError || !strings.Contains(errs, "letzte Inhaber-Konto") || !strings.Contains(errs, "last owner") {
		t.Fatalf("remove the last owner: %d %q, want refused", code, errs)
	}
	if code, _, errs := staff("", "remove", "niemand"); code != exitError || !strings.Contains(errs, "Unknown name") {
		t.Fatalf("remove an unknown name: %d %q", code, errs)
	}
	if code, out, errs := staff("", "remove", "bob"); code != exitOK || !strings.Contains(out, "Konto \"bob\" entfernt") {
		t.Fatalf("remove: %d %q %q", code, out, errs)
	}
	db := openStore(t, filepath.Join(dir, "data"))
	events, err := db.StaffEvents(context.Background(), 10)
	if err != nil || len(events) != 4 || events[0].Action != bot.StaffRemoved || events[1].Action != bot.StaffPassword || events[0].Actor != "" {
		t.Fatalf("recorded %+v %v, want add, add, password, remove by the command line", events, err)
	}
}

package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apobot/apobot/bot/brands"
)

// The pharmacy's brand file for the tests: one good, one broken on line 2
// (a strength without a number).
const (
	goodBrands   = "# Hausmarken\n[[brand]]\nname = \"Hustenfrei Stadtapotheke\"\ningredients = [\"Ambroxol\"]\nform = \"Saft\"\n"
	brokenBrands = "# Hausmarken\n[[brand]]\nname = \"Hausmarke\"\nstrength = \"forte\"\ningredients = [\"Ibuprofen\"]\n"
)

// TestCheckBrandsFile: apobot check reads APOBOT_BRANDS_FILE; a broken file
// is its own FAIL line naming the line in German and English, and exit 1.
func TestCheckBrandsFile(t *testing.T) {
	setUpData(t, filepath.Join(t.TempDir(), "data"))
	shipped := shippedBrands(t)
	line := func(out, level, says string) bool {
		return regexp.MustCompile(`(?m)^` + level + ` +brands: .*` + regexp.QuoteMeta(says)).MatchString(out)
	}
	t.Setenv(envBrandsFile, writeFile(t, "marken.toml", goodBrands))
	code, out, errs := runArgs(t, "check")
	if code != exitOK || !line(out, "ok", strconv.Itoa(shipped+1)+" (shipped and ") {
		t.Fatalf("good file: exit %d, want 0 and an ok line with %d brands:\n%s%s", code, shipped+1, out, errs)
	}
	t.Setenv(envBrandsFile, writeFile(t, "marken.toml", brokenBrands))
	code, out, errs = runArgs(t, "check")
	if code != exitError || !line(out, "FAIL", "marken.toml, Zeile 2: ") || !line(out, "FAIL", "marken.toml, line 2: ") {
		t.Fatalf("broken file: exit %d, want 1 and a FAIL line naming line 2 in German and English:\n%s%s", code, out, errs)
	}
	if n := strings.Count(out, "FAIL"); n != 1 {
		t.Fatalf("%d FAIL lines, want only the brands':\n%s", n, out)
	}
}

// TestServeBrandsFile: the built binary reads the pharmacy's brand file at
// start; with a broken one it refuses to start, says which line, and
// leaves the data folder untouched.
func TestServeBrandsFile(t *testing.T) {
	bin := builtBinary(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Env = append(os.Environ(), envAddr+"="+freeAddr(t), envDataDir+"="+dir, envBrandsFile+"="+writeFile(t, "marken.toml", brokenBrands))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if ctx.Err() != nil || !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("serve with a broken brand file: %v, want it to refuse to start\n%s", err, out)
	}
	for _, want := range []string{envBrandsFile, "marken.toml, Zeile 2: ", "marken.toml, line 2: ", "strength"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("serve said %q, want it to name %q", out, want)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) > 0 {
		t.Errorf("the data folder holds %d files after a refused start, want none", len(files))
	}

	p := startBinary(t, envBrandsFile+"="+writeFile(t, "gut.toml", goodBrands))
	if want := "brands=" + strconv.Itoa(shippedBrands(t)+1); !strings.Contains(p.logs.String(), want) {
		t.Fatalf("start log lacks %s:\n%s", want, p.logs.String())
	}
}

func shippedBrands(t *testing.T) int {
	t.Helper()
	s, err := brands.Default()
	if err != nil {
		t.Fatal(err)
	}
	return s.Len()
}

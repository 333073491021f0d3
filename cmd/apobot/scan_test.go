package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apobot/apobot/ocr/photogen"
)

func writeSample(t *testing.T, dir string, k photogen.Kind, seed uint64) (string, photogen.Sample) {
	t.Helper()
	s, err := photogen.Generate(k, photogen.Easy, seed)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, s.Name+".jpg")
	if err := os.WriteFile(path, s.JPEG, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, s
}

func TestScanCommandJSON(t *testing.T) {
	dir := t.TempDir()
	packFile, pack := writeSample(t, dir, photogen.Pack, 1)
	tokenFile, token := writeSample(t, dir, photogen.ErxToken, 1)
	bad := filepath.Join(dir, "notes.txt")
	os.WriteFile(bad, []byte("not a photo"), 0o600)

	code, out, _ := runArgs(t, "scan", "--json", packFile, tokenFile, bad)
	if code != exitError {
		t.Fatalf("exit %d with an unreadable file, want %d", code, exitError)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	var got [3]map[string]any
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &got[i]); err != nil {
			t.Fatalf("line %d is not JSON: %v", i, err)
		}
		for _, key := range []string{"file", "kind", "pzns", "maybe_pzns", "erx_tasks", "codes", "product", "ms", "error"} {
			if _, ok := got[i][key]; !ok {
				t.Errorf("line %d lacks %q", i, key)
			}
		}
	}
	if got[0]["kind"] != "pack" || !strings.Contains(lines[0], string(pack.PZNs[0])) {
		t.Errorf("pack line: %s", lines[0])
	}
	if got[1]["kind"] != "erx_token" || !strings.Contains(lines[1], token.Tasks[0]) {
		t.Errorf("token line: %s", lines[1])
	}
	if regexp.MustCompile(`[0-9a-f]{64}`).MatchString(out) {
		t.Errorf("scan printed an access code:\n%s", out)
	}
	if got[2]["error"] == "" {
		t.Errorf("text file gave no error: %s", lines[2])
	}
}

func TestScanCommandUsage(t *testing.T) {
	if code, _, errs := runArgs(t, "scan"); code != exitUsage || !strings.Contains(errs, "IMAGE") {
		t.Fatalf("scan without images: exit %d, %q", code, errs)
	}
}

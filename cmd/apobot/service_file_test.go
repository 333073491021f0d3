package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// unitsDoc is the page that shows the systemd units, from this package's folder.
const unitsDoc = "../../docs/operations.md"

// unitBlocks are the systemd units unitsDoc shows: name and text.
var unitBlocks = regexp.MustCompile("(?s)<!-- unit ([a-z.-]+)[^>]*-->\n```ini\n(.*?)```")

// TestServiceFileVerifies checks the systemd units of docs/operations.md with
// systemd-analyze verify (when this machine has it), the service pointed at
// the built binary: any complaint, even one systemd would only warn about,
// fails.
func TestServiceFileVerifies(t *testing.T) {
	doc, err := os.ReadFile(unitsDoc)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]string{}
	for _, m := range unitBlocks.FindAllSubmatch(doc, -1) {
		units[string(m[1])] = string(m[2])
	}
	for _, name := range []string{"apobot.service", "apobot-backup.service", "apobot-backup.timer"} {
		if units[name] == "" {
			t.Fatalf("%s has no %s block", unitsDoc, name)
		}
	}
	for _, want := range []string{"User=apobot", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "StateDirectory=apobot", "ExecStart=/usr/local/bin/apobot serve"} {
		if !strings.Contains(units["apobot.service"], want) {
			t.Errorf("the service lacks %s", want)
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("no systemd-analyze on this machine")
	}
	dir := t.TempDir()
	var paths []string
	for name, text := range units {
		if name == "apobot.service" {
			text = strings.Replace(text, "/usr/local/bin/apobot", builtBinary(t), 1)
		}
		paths = append(paths, filepath.Join(dir, name))
		os.WriteFile(paths[len(paths)-1], []byte(text), 0o644)
	}
	var out bytes.Buffer
	cmd := exec.Command(analyze, append([]string{"verify"}, paths...)...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || out.Len() > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out.String())
	}
}

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

// unitBlock is the service file as the README shows it.
var unitBlock = regexp.MustCompile("(?s)<!-- apobot.service:[^>]*-->\n```ini\n(.*?)```")

// TestServiceFileVerifies checks the README's systemd unit with
// systemd-analyze verify (when this machine has it), pointed at the built
// binary: any complaint, even one systemd would only warn about, fails.
func TestServiceFileVerifies(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := unitBlock.FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no apobot.service block")
	}
	unit := string(m[1])
	for _, want := range []string{"User=apobot", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "StateDirectory=apobot", "ExecStart=/usr/local/bin/apobot serve"} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit lacks %s", want)
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("no systemd-analyze on this machine")
	}
	path := filepath.Join(t.TempDir(), "apobot.service")
	os.WriteFile(path, []byte(strings.Replace(unit, "/usr/local/bin/apobot", builtBinary(t), 1)), 0o644)
	var out bytes.Buffer
	cmd := exec.Command(analyze, "verify", path)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || out.Len() > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out.String())
	}
}

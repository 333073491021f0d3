package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/curve25519"

	"github.com/apobot/apobot/bot/threema"
)

func TestThreemaKeygen(t *testing.T) {
	file := filepath.Join(t.TempDir(), "threema.key")
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"threema", "keygen", file}, &out, &errs); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	data, err := os.ReadFile(file)
	fi, _ := os.Stat(file)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, fi.Mode())
	}
	priv, err := threema.ParseKey(string(data))
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := curve25519.X25519(priv[:], curve25519.Basepoint)
	if !strings.Contains(out.String(), hex.EncodeToString(pub)) || strings.Contains(out.String(), strings.TrimSpace(string(data))) {
		t.Fatalf("output should print the public key and not the private one:\n%s", out.String())
	}
	if code := run(context.Background(), []string{"threema", "keygen", file}, &out, &errs); code != exitError || !strings.Contains(errs.String(), "exists") {
		t.Fatalf("over an existing key: exit %d, %s", code, errs.String())
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(after, data) {
		t.Fatal("the existing key was changed")
	}
	if code := run(context.Background(), []string{"threema"}, &out, &errs); code != exitUsage {
		t.Fatalf("no subcommand: exit %d", code)
	}
}

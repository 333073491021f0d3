package main

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/internal/testsupport/fakes"
)

// TestCheck runs apobot check on a good set-up, then breaks it five ways:
// the master key readable by others, tesseract's language data missing, a
// WhatsApp token the API refuses, a Threema secret the gateway refuses, a
// Messenger token of another page. Each failure is its own FAIL line and
// exit 1; the other lines stay ok.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	setUpData(t, data)
	csv := writeFile(t, "p.csv", csvHead+"01234562;Ibuprofen AL;400 mg;Filmtabletten;20;N1;AL;0;12\n")
	if code, _, errs := runArgs(t, "inventory", "import", csv); code != exitOK {
		t.Fatal(errs)
	}
	keyFile := filepath.Join(dir, "master.key")
	os.Rename(filepath.Join(data, "master.key"), keyFile)
	t.Setenv(envMasterKeyFile, keyFile)
	wa := fakes.NewWhatsApp("wa-access", "55501")
	defer wa.Close()
	pub, priv, _ := threema.GenerateKey()
	tm := fakes.NewThreema("*APOTHEK", "tm-secret", pub)
	defer tm.Close()
	fb := fakes.NewMessenger("fb-token", "1066")
	defer fb.Close()
	for k, v := range map[string]string{envWAToken: "wa-access", envWASecret: "s", envWAVerify: "v", envWAPhone: "55501", envWAURL: wa.BaseURL(),
		envTMID: "*APOTHEK", envTMSecret: "tm-secret", envTMKey: hex.EncodeToString(priv[:]), envTMURL: tm.URL,
		envFBToken: "fb-token", envFBSecret: "s", envFBVerify: "v", envFBPage: "1066", envFBURL: fb.BaseURL()} {
		t.Setenv(k, v)
	}
	line := func(out, level, what string) bool {
		return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(level) + ` +` + regexp.QuoteMeta(what) + `: `).MatchString(out)
	}
	code, out, errs := runArgs(t, "check")
	if code != exitOK || strings.Contains(out, "FAIL") || strings.Contains(out, "warn") {
		t.Fatalf("good set-up: exit %d\n%s%s", code, out, errs)
	}
	for _, what := range []string{"configuration", "data folder", "database", "master key", "schema", "inventory", "tesseract", "whatsapp", "telegram", "threema", "messenger", "https"} {
		if !line(out, "ok", what) {
			t.Errorf("good set-up: no ok line for %s:\n%s", what, out)
		}
	}

	for name, c := range map[string]struct {
		breakIt func(t *testing.T)
		what    string
		says    string
	}{
		"key mode":       {func(*testing.T) { os.Chmod(keyFile, 0o644) }, "master key", "chmod 600"},
		"language data":  {func(t *testing.T) { t.Setenv("TESSDATA_PREFIX", t.TempDir()) }, "tesseract", "tesseract-ocr-deu"},
		"refused token":  {func(t *testing.T) { t.Setenv(envWAToken, "wrong") }, "whatsapp", "refuses the credentials"},
		"threema secret": {func(t *testing.T) { t.Setenv(envTMSecret, "wrong") }, "threema", "answered 401"},
		"other page":     {func(t *testing.T) { t.Setenv(envFBPage, "999") }, "messenger", "another page"},
	} {
		t.Run(name, func(t *testing.T) {
			c.breakIt(t)
			defer func() { os.Chmod(keyFile, 0o600) }()
			code, out, errs := runArgs(t, "check")
			if code != exitError || !line(out, "FAIL", c.what) || !strings.Contains(out, c.says) || !strings.Contains(errs, "check failed") {
				t.Fatalf("exit %d, want 1 with a FAIL line for %s saying %q:\n%s%s", code, c.what, c.says, out, errs)
			}
			if n := strings.Count(out, "FAIL"); n != 1 {
				t.Fatalf("%d FAIL lines, want only the broken one:\n%s", n, out)
			}
		})
	}
}

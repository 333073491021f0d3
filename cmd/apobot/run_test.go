package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apobot/apobot/internal/testsupport/testwait"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// setUpData points APOBOT_DATA_DIR at dir and sets it up as a pharmacy
// does first: an account, which creates the database and the key.
func setUpData(t *testing.T, dir string) {
	t.Helper()
	t.Setenv(envDataDir, dir)
	var out, errb bytes.Buffer
	if code := runWith(context.Background(), []string{"staff", "add", "inhaber"}, strings.NewReader("ein-langes-passwort\n"), &out, &errb); code != exitOK {
		t.Fatalf("staff add: %d %s", code, errb.String())
	}
}

// TestCommandsRefuseMissingData: a command that works on the data folder
// refuses a folder, database or key that is not there instead of making a
// new, empty one and reporting success.
func TestCommandsRefuseMissingData(t *testing.T) {
	csv := writeFile(t, "p.csv", csvHead+"01234562;Ibuprofen AL;400 mg;Filmtabletten;20;N1;AL;0;12\n")
	for _, args := range [][]string{{"purge"}, {"purge", "--dry-run"}, {"inventory", "import", csv}} {
		for name, dir := range map[string]string{"missing folder": filepath.Join(t.TempDir(), "nicht-da"), "empty folder": t.TempDir()} {
			t.Setenv(envDataDir, dir)
			code, out, errs := runArgs(t, args...)
			if code != exitError || !strings.Contains(errs, "keine Datenbank") || !strings.Contains(errs, "holds no database") || out != "" {
				t.Errorf("%v on a %s: exit %d, stdout %q, stderr %q", args, name, code, out, errs)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("%v on a %s left %d files behind", args, name, len(left))
			}
		}
	}
	dir := t.TempDir()
	setUpData(t, dir)
	if code, _, errs := runArgs(t, "purge"); code != exitOK {
		t.Fatalf("purge on a set-up folder: %d %s", code, errs)
	}
	os.Rename(filepath.Join(dir, "master.key"), filepath.Join(t.TempDir(), "master.key"))
	for _, args := range [][]string{{"purge"}, {"inventory", "import", csv}} {
		if code, _, errs := runArgs(t, args...); code != exitError || !strings.Contains(errs, "master key") || !strings.Contains(errs, "Hauptschlüssel") {
			t.Errorf("%v without the key: exit %d, stderr %q", args, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "master.key")); err == nil {
		t.Fatal("a new key was made beside the existing database")
	}
}

func TestRunCommands(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		stdout   string
		stderr   string
		notInOut string
	}{
		{[]string{"help"}, exitOK, "serve", "", ""},
		{[]string{"--help"}, exitOK, "version", "", ""},
		{[]string{"version"}, exitOK, "apobot dev (go1.", "", ""},
		{[]string{"version", "--help"}, exitOK, "", "Usage: apobot version", ""},
		{[]string{"serve", "--help"}, exitOK, "", "Usage: apobot serve", ""},
		{[]string{"serve", "--bogus"}, exitUsage, "", "flag provided but not defined", ""},
		{[]string{"version", "extra"}, exitUsage, "", "Usage: apobot version", ""},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runArgs(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
				t.Fatalf("code %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errs, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := loadConfig(env(nil))
	if err != nil || c.Addr != ":8080" || c.DataDir != "./data" || c.LogLevel.String() != "INFO" {
		t.Fatalf("defaults = %+v, %v", c, err)
	}
	_, err = loadConfig(env(map[string]string{envAddr: "8080", envLogLevel: "chatty"}))
	for _, name := range []string{envAddr, envLogLevel} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Fatalf("error %v does not name %s", err, name)
		}
	}
	c, err = loadConfig(env(map[string]string{envTrustedProxies: "127.0.0.1, 10.0.0.0/8 ::1"}))
	if err != nil || len(c.Proxies) != 3 || c.Proxies[0].String() != "127.0.0.1/32" ||
		c.Proxies[1].String() != "10.0.0.0/8" || c.Proxies[2].String() != "::1/128" {
		t.Fatalf("trusted proxies = %v, %v", c.Proxies, err)
	}
	if _, err = loadConfig(env(map[string]string{envTrustedProxies: "10.0.0.0/33"})); err == nil ||
		!strings.Contains(err.Error(), envTrustedProxies) || !strings.Contains(err.Error(), "10.0.0.0/33") {
		t.Fatalf("a bad proxy range: %v, want an error naming it", err)
	}
	if c, err := loadConfig(env(map[string]string{envClaimLease: "5s"})); err != nil || c.ClaimLease != 5*time.Second {
		t.Fatalf("claim lease 5s: %v, %v", c.ClaimLease, err)
	}
	for _, bad := range []string{"1s", "2h", "eine Minute"} {
		if _, err := loadConfig(env(map[string]string{envClaimLease: bad})); err == nil || !strings.Contains(err.Error(), envClaimLease) {
			t.Fatalf("claim lease %q: %v, want an error naming %s", bad, err, envClaimLease)
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy polls /healthz until it answers 200.
func waitHealthy(t *testing.T, addr string) {
	t.Helper()
	testwait.Until(t, "apobot healthy on "+addr, func() bool {
		res, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
}

func TestServeCreatesDataDirAndStops(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	addr := freeAddr(t)
	t.Setenv(envAddr, addr)
	t.Setenv(envDataDir, dir)
	ctx, cancel := context.WithCancel(context.Background())
	var errb, out syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, &out, &errb) }()
	waitHealthy(t, addr)
	cancel()
	if code := testwait.Receive(t, "serve to stop", done); code != exitOK {
		t.Fatalf("serve exited %d: %s", code, errb.String())
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("data dir: %v, mode %v; want 0700", err, fi)
	}
	if _, err := os.Stat(filepath.Join(dir, "apobot.db")); err != nil {
		t.Fatalf("no database: %v", err)
	}
	if !strings.Contains(errb.String(), "apobot stopped") {
		t.Fatalf("log lacks the stop line: %s", errb.String())
	}
	if !strings.Contains(out.String(), "Name: apotheke") || strings.Contains(errb.String(), "Passwort") {
		t.Fatalf("the first account is not printed once on standard output (and only there):\n%s", out.String())
	}
	if n := productCount(t, dir); n < 200 {
		t.Fatalf("%d products in the new database, want the demo inventory (200 or more)", n)
	}
}

// TestOnlyTheDemoGetsDemoProducts: a new database gets the demo inventory
// for the demo pharmacy (no APOBOT_CONFIG, or serve --demo), never for a
// pharmacy with its own configuration or one set up with staff add first;
// an empty inventory is said in the log at start.
func TestOnlyTheDemoGetsDemoProducts(t *testing.T) {
	own := writeFile(t, "apotheke.json", `{"pharmacy": "Apotheke am Hasselbachplatz", "state": "ST"}`)
	for _, c := range []struct {
		name   string
		config string
		args   []string
		staff  bool // staff add before the first serve
		demo   bool
	}{
		{"demo pharmacy", "", nil, false, true},
		{"own configuration", own, nil, false, false},
		{"own configuration, --demo", own, []string{"--demo"}, false, true},
		{"staff add first", "", nil, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			if c.staff {
				setUpData(t, dir)
			}
			t.Setenv(envDataDir, dir)
			t.Setenv(envConfig, c.config)
			addr := freeAddr(t)
			t.Setenv(envAddr, addr)
			ctx, cancel := context.WithCancel(context.Background())
			var errb, out syncBuffer
			done := make(chan int, 1)
			go func() { done <- run(ctx, append([]string{"serve"}, c.args...), &out, &errb) }()
			waitHealthy(t, addr)
			cancel()
			if code := testwait.Receive(t, "serve to stop", done); code != exitOK {
				t.Fatalf("serve exited %d: %s", code, errb.String())
			}
			n := productCount(t, dir)
			if c.demo != (n >= 200) {
				t.Fatalf("%d products; want the demo inventory: %v", n, c.demo)
			}
			if said := strings.Contains(errb.String(), "the inventory is empty"); said != (n == 0) {
				t.Fatalf("%d products, and the log says the inventory is empty: %v\n%s", n, said, errb.String())
			}
		})
	}
}

// TestBinaryStopsOnSignals builds apobot and stops it with SIGTERM and SIGINT.
func TestBinaryStopsOnSignals(t *testing.T) {
	bin := builtBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			addr := freeAddr(t)
			cmd := exec.Command(bin, "serve")
			cmd.Env = append(os.Environ(), envAddr+"="+addr, envDataDir+"="+t.TempDir())
			var errb syncBuffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitHealthy(t, addr)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("exit after %v: %v\n%s", sig, err, errb.String())
			}
			if !strings.Contains(errb.String(), "apobot stopped") {
				t.Fatalf("no graceful stop after %v: %s", sig, errb.String())
			}
		})
	}
}

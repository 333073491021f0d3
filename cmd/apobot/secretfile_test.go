package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apobot/apobot/internal/testsupport/testwait"
)

// TestSecretFileModes: the one rule, by mode. Only the owner may read or
// write; any bit for the group or others refuses the file, with an error
// in German and English that names the variable, the file and the fix.
func TestSecretFileModes(t *testing.T) {
	path := writeFile(t, "secret", "s3cret\n")
	for mode, ok := range map[os.FileMode]bool{0o600: true, 0o400: true, 0o700: true,
		0o640: false, 0o604: false, 0o620: false, 0o602: false, 0o644: false, 0o660: false, 0o666: false} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		data, err := readSecretFile("APOBOT_X_FILE", path)
		switch {
		case ok && (err != nil || string(data) != "s3cret\n"):
			t.Errorf("mode %04o: %q, %v; want it read", mode, data, err)
		case !ok && (data != nil || err == nil || !strings.Contains(err.Error(), "APOBOT_X_FILE: "+path) ||
			!strings.Contains(err.Error(), "chmod 600 "+path) || !strings.Contains(err.Error(), "Gruppe oder andere")):
			t.Errorf("mode %04o: %q, %v; want it refused, naming the variable, the file and chmod 600", mode, data, err)
		}
	}
	big := writeFile(t, "big", strings.Repeat("x", maxSecretFile+1))
	if _, err := readSecretFile("APOBOT_X_FILE", big); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("a file over %d bytes: %v, want it refused", maxSecretFile, err)
	}
}

// secretValues are a valid value for every variable that may come from a
// _FILE: every channel on (its API at a closed local port), a metrics
// token, a PostgreSQL URL and the master key.
func secretValues(masterKey string) map[string]string {
	return map[string]string{
		envWAToken: "wa-token", envWASecret: "wa-secret", envWAVerify: "wa-verify", envWAPhone: "55501",
		envTGToken: "1:tg-token", envTGSecret: "tg_secret",
		envTMID: "*APOTHEK", envTMSecret: "tm-secret", envTMKey: strings.Repeat("ab", 32),
		envFBToken: "fb-token", envFBSecret: "fb-secret", envFBVerify: "fb-verify", envFBPage: "1066",
		envMetricsToken: "metrics-token", envDatabaseURL: "postgres://apobot@127.0.0.1:1/apobot", envMasterKey: masterKey,
	}
}

// fileVariables are the _FILE variables apobot reads, found by asking the
// loaders which names they look up: a new one fails the test until it is
// in secretValues.
func fileVariables(t *testing.T) []string {
	var names []string
	record := func(k string) string {
		if strings.HasSuffix(k, "_FILE") && !slices.Contains(names, k) {
			names = append(names, k)
		}
		return ""
	}
	loadConfig(record)
	loadPharmacy(record)
	loadChannels(record)
	loadMasterKey(record, t.TempDir(), false)
	slices.Sort(names)
	return names
}

// TestEverySecretFileFollowsTheRule: each _FILE variable, pointing at a
// file of mode 0644, makes apobot check FAIL and serve refuse to start,
// naming the variable and the file; the same files at 0600 pass check and
// serve starts.
func TestEverySecretFileFollowsTheRule(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	setUpData(t, data)
	key, err := os.ReadFile(filepath.Join(data, "master.key"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(data, "master.key"))
	values := secretValues(strings.TrimSpace(string(key)))
	var want []string
	for name := range values {
		want = append(want, name+"_FILE")
	}
	slices.Sort(want)
	if got := fileVariables(t); !slices.Equal(got, want) {
		t.Fatalf("apobot reads the _FILE variables %v; the test knows %v", got, want)
	}
	for _, u := range []string{envWAURL, envTGURL, envTMURL, envFBURL} {
		t.Setenv(u, "http://127.0.0.1:1")
	}
	files := map[string]string{}
	for name, v := range values {
		files[name] = writeFile(t, strings.ToLower(name), v+"\n")
		if name != envDatabaseURL { // at 0600 every other one is set, as its file
			t.Setenv(name+"_FILE", files[name])
		}
	}
	failed := func(out, what, path string) bool {
		return regexp.MustCompile(`(?m)^FAIL +` + what + `: .*` + regexp.QuoteMeta(path) + ` (hat|has) `).MatchString(out)
	}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			t.Setenv(name+"_FILE", path)
			os.Chmod(path, 0o644)
			defer os.Chmod(path, 0o600)
			what := "configuration"
			if name == envMasterKey {
				what = "master key"
			}
			code, out, _ := runArgs(t, "check")
			if code != exitError || !failed(out, what, path) || !strings.Contains(out, name+"_FILE: ") || !strings.Contains(out, "chmod 600 "+path) {
				t.Errorf("check with %s_FILE at 0644: exit %d, want 1 and a FAIL line for %s naming it:\n%s", name, code, what, out)
			}
			code, errs := serveOrStart(t)
			if code != exitError || !strings.Contains(errs, name+"_FILE: "+path) || !strings.Contains(errs, "chmod 600 "+path) {
				t.Errorf("serve with %s_FILE at 0644: exit %d, want 1 and an error naming it: %s", name, code, errs)
			}
			os.Chmod(path, 0o600)
			if _, out, _ = runArgs(t, "check"); !regexp.MustCompile(`(?m)^ok +` + what + `: `).MatchString(out) {
				t.Errorf("check with %s_FILE at 0600: want an ok line for %s:\n%s", name, what, out)
			}
		})
	}
	s := startService(t, map[string]string{envDataDir: data})
	s.stop()
	for _, ch := range []string{"whatsapp", "telegram", "threema", "messenger"} {
		if !strings.Contains(s.logs.String(), `msg="channel on" channel=`+ch) {
			t.Errorf("serve with every secret from a 0600 file: %s is not on:\n%s", ch, s.logs.String())
		}
	}
}

// serveOrStart runs serve until it exits or answers on /healthz; one that
// started is stopped and reported as exit code -1.
func serveOrStart(t *testing.T) (code int, stderr string) {
	t.Helper()
	addr := freeAddr(t)
	t.Setenv(envAddr, addr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, &out, &errs) }()
	started := false
	testwait.Until(t, "serve to exit or answer", func() bool {
		select {
		case code = <-done:
			return true
		default:
		}
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			started = true
		}
		return started
	})
	if started {
		cancel()
		<-done
		code = -1
	}
	return code, errs.String()
}

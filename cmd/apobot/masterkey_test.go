package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadMasterKey(t *testing.T) {
	dir := t.TempDir()
	none := func(string) string { return "" }
	if _, _, err := loadMasterKey(none, dir, false); err == nil || !strings.Contains(err.Error(), "master key") || !strings.Contains(err.Error(), "Hauptschlüssel") {
		t.Fatalf("no key beside an existing database: err %v, want the key named missing", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "master.key")); err == nil {
		t.Fatal("a key was made beside an existing database")
	}
	k1, created, err := loadMasterKey(none, dir, true)
	if err != nil || !created {
		t.Fatalf("first start: created %v, err %v", created, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "master.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	if k2, created, err := loadMasterKey(none, dir, false); err != nil || created || k2 != k1 {
		t.Fatal("second start did not reuse the key")
	}
	hexKey := strings.Repeat("ab", 32)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if k, _, err := loadMasterKey(env(map[string]string{envMasterKey: hexKey}), dir, true); err != nil || k[0] != 0xab {
		t.Fatalf("from the variable: %v", err)
	}
	file := writeFile(t, "key", hexKey+"\n")
	if k, _, err := loadMasterKey(env(map[string]string{envMasterKeyFile: file}), dir, true); err != nil || k[0] != 0xab {
		t.Fatalf("from the file: %v", err)
	}
	open := writeFile(t, "open.key", hexKey+"\n")
	if err := os.Chmod(open, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]map[string]string{
		"readable": {envMasterKeyFile: open},
		"both":     {envMasterKey: hexKey, envMasterKeyFile: file},
		"bad":      {envMasterKey: "secret"},
		"no file":  {envMasterKeyFile: "/does/not/exist"},
	} {
		if _, _, err := loadMasterKey(env(m), dir, true); err == nil || !strings.Contains(err.Error(), "APOBOT_MASTER_KEY") {
			t.Errorf("%s: err %v, want one naming the variable", name, err)
		}
	}
}

func TestKeyInDataDir(t *testing.T) {
	data := t.TempDir()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for name, tt := range map[string]struct {
		env  map[string]string
		want bool
	}{
		"default: master.key in the folder": {nil, true},
		"a file inside the folder":          {map[string]string{envMasterKeyFile: filepath.Join(data, "keys", "k")}, true},
		"a file elsewhere":                  {map[string]string{envMasterKeyFile: "/run/credentials/apobot.service/master-key"}, false},
		"a sibling folder":                  {map[string]string{envMasterKeyFile: data + "-keys/k"}, false},
		"from the variable":                 {map[string]string{envMasterKey: strings.Repeat("ab", 32)}, false},
	} {
		if got := keyInDataDir(env(tt.env), data); got != tt.want {
			t.Errorf("%s: %v, want %v", name, got, tt.want)
		}
	}
}

// TestServeWarnsOnceAboutTheKeyBesideTheData: the demo's default keeps the
// key in the data folder, and serve says so once at start.
func TestServeWarnsOnceAboutTheKeyBesideTheData(t *testing.T) {
	s := startService(t, map[string]string{envDataDir: t.TempDir()})
	s.stop()
	if n := strings.Count(s.logs.String(), "the master key lies in the data folder"); n != 1 {
		t.Fatalf("warned %d times, want once:\n%s", n, s.logs.String())
	}
	other := startService(t, map[string]string{envDataDir: t.TempDir(), envMasterKey: strings.Repeat("cd", 32)})
	other.stop()
	if strings.Contains(other.logs.String(), "the master key lies in the data folder") {
		t.Fatal("warned although the key comes from elsewhere")
	}
}

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apobot/apobot/store"
)

const csvHead = "pzn;name;strength;form;count;n_size;maker;rx;stock\n"

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// openStore opens the database in the data folder dir (without the master
// key: for what is stored in clear), closed when the test ends.
func openStore(t *testing.T, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(dir, "apobot.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func productCount(t *testing.T, dir string) int {
	t.Helper()
	ps, err := openStore(t, dir).Products(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

func TestInventoryImport(t *testing.T) {
	dir := t.TempDir()
	setUpData(t, dir)
	good := writeFile(t, "good.csv", csvHead+
		"01234562;Ibuprofen AL;400 mg;Filmtabletten;20;N1;AL;0;12\n"+
		"27580899;Metformin STADA;1000 mg;Filmtabletten;180;N3;STADA;1;0\n")
	code, out, errOut := runArgs(t, "inventory", "import", good)
	if code != exitOK || !strings.Contains(out, "2 products imported: 2 new") || !strings.Contains(out, "2 Produkte importiert") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	bad := writeFile(t, "bad.csv", csvHead+
		"12345678;Neu;;;1;;;0;1\n"+
		"01234563;Kaputt;;;1;;;0;1\n"+
		"27580899;;;;1;;;0;1\n")
	code, out, errOut = runArgs(t, "inventory", "import", bad)
	if code != exitError || !strings.Contains(errOut, "Zeile 3, pzn") || !strings.Contains(errOut, "Line 3, pzn") ||
		!strings.Contains(errOut, "Zeile 4, name") || !strings.Contains(errOut, "Line 4, name") ||
		!strings.Contains(errOut, "Nothing was imported") || !strings.Contains(errOut, "Es wurde nichts importiert") {
		t.Fatalf("bad file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := productCount(t, dir); n != 2 {
		t.Fatalf("%d products after the bad file, want the 2 of the good one", n)
	}
	code, out, _ = runArgs(t, "inventory", "import", good)
	if code != exitOK || !strings.Contains(out, "0 new, 2 updated") {
		t.Fatalf("re-import: exit %d, stdout %q", code, out)
	}
}

func TestInventoryUsage(t *testing.T) {
	t.Setenv(envDataDir, t.TempDir())
	for _, args := range [][]string{{"inventory"}, {"inventory", "export", "x.csv"}, {"inventory", "import"}} {
		if code, _, _ := runArgs(t, args...); code != exitUsage {
			t.Errorf("apobot %v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, errOut := runArgs(t, "inventory", "import", "/does/not/exist.csv"); code != exitError || !strings.Contains(errOut, "open inventory file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

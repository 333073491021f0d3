package main

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/store"
)

// A finding is one line of `apobot check`.
type finding struct {
	level string // ok, warn, FAIL
	what  string // the thing checked
	says  string
}

// certWarn is how close to its end a certificate is reported.
const certWarn = 14 * 24 * time.Hour

// runCheck is `apobot check`: the configuration and the machine, checked
// without serving and without changing anything; one line per check, exit
// 1 when any failed.
func runCheck(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "check", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	failed := false
	for _, f := range checks(ctx, e) {
		fmt.Fprintf(e.stdout, "%-4s  %s: %s\n", f.level, f.what, f.says)
		failed = failed || f.level == "FAIL"
	}
	if failed {
		return errors.New("die Prüfung ist fehlgeschlagen: siehe die Zeilen mit FAIL / check failed: see the lines marked FAIL")
	}
	return nil
}

// checks runs every check; those that need a valid configuration are left
// out when it is not.
func checks(ctx context.Context, e env) []finding {
	cfg, err := loadConfig(e.getenv)
	_, perr := loadPharmacy(e.getenv)
	chans, cerr := loadChannels(e.getenv)
	if err = errors.Join(err, perr, cerr); err != nil {
		return []finding{{"FAIL", "configuration", oneLine(err)}, tesseractCheck(), brandsCheck(e.getenv)}
	}
	out := []finding{{"ok", "configuration", "environment and " + valueOr(e.getenv(envConfig), "the demo pharmacy")}}
	if cfg.DatabaseURL != "" {
		out = append(out, postgresChecks(ctx, e, cfg)...)
	} else {
		out = append(out, dataChecks(e, cfg.DataDir)...)
	}
	out = append(out, tesseractCheck(), brandsCheck(e.getenv))
	out = append(out, channelChecks(ctx, chans)...)
	return append(out, tlsCheck(cfg))
}

// dataChecks: the folder's and the database's modes, the master key, the
// schema and the inventory.
func dataChecks(e env, dir string) []finding {
	dbPath := filepath.Join(dir, dbFile)
	fi, err := os.Stat(dir)
	if err != nil {
		return []finding{{"FAIL", "data folder", oneLine(err)}}
	}
	out := []finding{modeCheck("data folder", dir, fi.Mode().Perm(), 0o700)}
	fi, err = os.Stat(dbPath)
	if err != nil {
		return append(out, finding{"FAIL", "database", dbPath + " missing: run apobot serve or apobot staff add NAME first"})
	}
	out = append(out, modeCheck("database", dbPath, fi.Mode().Perm(), 0o600))
	out = append(out, keyCheck(e, dir), leftoverCheck(dir))
	in, err := store.Inspect(dbPath)
	if err != nil {
		return append(out, finding{"FAIL", "database", oneLine(err)})
	}
	return append(out, schemaChecks(in)...)
}

// postgresChecks: the database APOBOT_DATABASE_URL names answers and is set
// up; the master key; the schema and the inventory.
func postgresChecks(ctx context.Context, e env, cfg config) []finding {
	in, err := store.InspectPostgres(ctx, cfg.DatabaseURL)
	switch {
	case err != nil:
		return []finding{{"FAIL", "database", envDatabaseURL + ": " + oneLine(err)}}
	case in.Version == 0:
		return []finding{{"FAIL", "database", "PostgreSQL (" + envDatabaseURL + ") is not set up: run apobot serve or apobot staff add NAME first"}}
	}
	out := []finding{{"ok", "database", "PostgreSQL (" + envDatabaseURL + ")"}, keyCheck(e, cfg.DataDir)}
	return append(out, schemaChecks(in)...)
}

// schemaChecks: the schema version against this build's, and the inventory.
func schemaChecks(in store.Inspection) []finding {
	var out []finding
	switch {
	case in.Version > store.LatestVersion():
		out = append(out, finding{"FAIL", "schema", fmt.Sprintf("version %d is newer than this apobot's %d: run the newer apobot", in.Version, store.LatestVersion())})
	case in.Version < store.LatestVersion():
		out = append(out, finding{"warn", "schema", fmt.Sprintf("version %d, brought to %d at the next start", in.Version, store.LatestVersion())})
	default:
		out = append(out, finding{"ok", "schema", fmt.Sprintf("version %d, current", in.Version)})
	}
	if in.Products == 0 {
		return append(out, finding{"warn", "inventory", "empty: Sortiment leer – import it (apobot inventory import FILE.csv)"})
	}
	return append(out, finding{"ok", "inventory", fmt.Sprintf("%d products", in.Products)})
}

// modeCheck fails a path that others than its owner may read.
func modeCheck(what, path string, mode, want os.FileMode) finding {
	if mode&0o077 != 0 {
		return finding{"FAIL", what, fmt.Sprintf("%s has mode %04o: others may read it; chmod %o %s", path, mode, want, path)}
	}
	return finding{"ok", what, fmt.Sprintf("%s, mode %04o", path, mode)}
}

// leftoverCheck fails a data folder that holds what an interrupted backup
// or restore left: an earlier apobot's snapshot held every chat.
func leftoverCheck(dir string) finding {
	files, err := store.Leftovers(dir, dbFile)
	switch {
	case err != nil:
		return finding{"FAIL", "leftovers", oneLine(err)}
	case len(files) > 0:
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = filepath.Base(f)
		}
		return finding{"FAIL", "leftovers", fmt.Sprintf("Reste einer abgebrochenen Sicherung oder Wiederherstellung in %s: %s; "+
			"apobot serve oder apobot purge entfernt sie / an interrupted backup or restore left %s in %s; apobot serve or apobot purge removes them",
			dir, strings.Join(names, ", "), strings.Join(names, ", "), dir)}
	}
	return finding{"ok", "leftovers", "none in the data folder"}
}

// keyCheck loads the master key as serve would, without making one; like
// serve it fails a key file others may read.
func keyCheck(e env, dir string) finding {
	if _, _, err := loadMasterKey(e.getenv, dir, false); err != nil {
		return finding{"FAIL", "master key", oneLine(err)}
	}
	if keyInDataDir(e.getenv, dir) {
		return finding{"warn", "master key", "in the data folder: a copy of the folder opens every stored chat; keep it elsewhere (" + envMasterKeyFile + ")"}
	}
	return finding{"ok", "master key", "outside the data folder"}
}

func tesseractCheck() finding {
	v, err := ocr.Check()
	if err != nil {
		return finding{"FAIL", "tesseract", oneLine(err)}
	}
	return finding{"ok", "tesseract", v + " with " + strings.Join(ocr.Languages, ", ")}
}

// channelChecks asks each configured messenger's API who the pharmacy is,
// with its credentials.
func channelChecks(ctx context.Context, c channels) []finding {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var out []finding
	for _, ch := range []struct {
		name  string
		on    bool
		check func(context.Context) (string, error)
	}{{"whatsapp", c.waClient != nil, func(ctx context.Context) (string, error) { return c.waClient.Check(ctx) }},
		{"telegram", c.tgClient != nil, func(ctx context.Context) (string, error) { return c.tgClient.Check(ctx) }},
		{"threema", c.tmClient != nil, func(ctx context.Context) (string, error) {
			n, err := c.tmClient.Check(ctx)
			return fmt.Sprintf("%d credits left", n), err
		}},
		{"messenger", c.fbClient != nil, func(ctx context.Context) (string, error) { return c.fbClient.Check(ctx) }}} {
		if !ch.on {
			out = append(out, finding{"ok", ch.name, "off (its settings are not set)"})
			continue
		}
		if name, err := ch.check(ctx); err != nil {
			out = append(out, finding{"FAIL", ch.name, "the API refuses the credentials or cannot be reached: " + oneLine(err)})
		} else {
			out = append(out, finding{"ok", ch.name, "the API accepts the credentials (" + name + ")"})
		}
	}
	return out
}

// tlsCheck reports the certificate HTTPS will use and how long it lasts.
func tlsCheck(cfg config) finding {
	switch {
	case cfg.TLS.Cert != "":
		return certCheck(cfg.TLS.Cert)
	case cfg.TLS.Domain != "":
		cached := filepath.Join(cfg.DataDir, "acme", cfg.TLS.Domain)
		if _, err := os.Stat(cached); err != nil {
			return finding{"ok", "https", "automatic certificates for " + cfg.TLS.Domain + ": none yet, obtained at the first connection"}
		}
		return certCheck(cached)
	}
	return finding{"ok", "https", "off: plain HTTP on " + cfg.Addr + " (behind a proxy that terminates TLS, or for the demo)"}
}

// certCheck reads the first certificate in a PEM file.
func certCheck(path string) finding {
	data, err := os.ReadFile(path)
	if err != nil {
		return finding{"FAIL", "https", oneLine(err)}
	}
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return finding{"FAIL", "https", path + ": " + oneLine(err)}
		}
		left := time.Until(c.NotAfter)
		says := fmt.Sprintf("certificate for %s valid until %s", strings.Join(c.DNSNames, ", "), c.NotAfter.Format("2006-01-02"))
		switch {
		case left <= 0:
			return finding{"FAIL", "https", "expired: " + says}
		case left < certWarn:
			return finding{"warn", "https", says + ": renew it"}
		}
		return finding{"ok", "https", says}
	}
	return finding{"FAIL", "https", path + ": no certificate in it"}
}

// oneLine keeps an error on one line of the report.
func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

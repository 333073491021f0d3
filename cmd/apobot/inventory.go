package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/apobot/apobot/store/inventory"
)

// runInventory is `apobot inventory import FILE.csv`: the whole file is
// checked first, then written in one transaction; a bad line rejects the
// file, naming every bad line (up to inventory.MaxReported), and nothing is
// imported.
func runInventory(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "inventory", "import FILE.csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "import" {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(1))
	if err != nil {
		return fmt.Errorf("open inventory file: %w", err)
	}
	defer f.Close()
	products, err := inventory.Parse(f, func(n int) {
		if n%10000 == 0 && n > 0 {
			fmt.Fprintf(e.stderr, "%d Zeilen gelesen / lines read\n", n)
		}
	})
	var bad *inventory.Errors
	if errors.As(err, &bad) {
		return fmt.Errorf("%s\n%s", strings.Join(bad.Texts("de"), "\n"), strings.Join(bad.Texts("en"), "\n"))
	}
	if err != nil {
		return err
	}
	db, _, _, err := openData(e, cfg, existingData)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.ImportInventory(ctx, products)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d Produkte importiert: %d neu, %d aktualisiert, %d nicht in der Datei (behalten).\n", len(products), rep.Added, rep.Updated, rep.Kept)
	fmt.Fprintf(e.stdout, "%d products imported: %d new, %d updated, %d not in the file (kept).\n", len(products), rep.Added, rep.Updated, rep.Kept)
	return nil
}

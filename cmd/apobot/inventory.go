package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/apobot/apobot/store/inventory"
)

// runInventory is `apobot inventory import [--branch ID] FILE.csv`, into a
// branch's stock where the pharmacy has branches: the whole file is
// checked first, then written in one transaction; a bad line rejects the
// file, naming every bad line (up to inventory.MaxReported), and nothing is
// imported.
func runInventory(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "inventory", "import [--branch ID] FILE.csv")
	branch := fs.String("branch", "", "the branch whose stock the file is (where "+envConfig+" lists branches)")
	if len(args) > 0 && args[0] == "import" {
		args = args[1:] // the flag follows the subcommand
	} else {
		fs.Usage()
		return errUsage
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if err := checkBranch(e, *branch); err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(0))
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
	rep, err := db.Inventory(*branch).Import(ctx, products)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d Produkte importiert: %d neu, %d aktualisiert, %d nicht in der Datei (behalten).\n", len(products), rep.Added, rep.Updated, rep.Kept)
	fmt.Fprintf(e.stdout, "%d products imported: %d new, %d updated, %d not in the file (kept).\n", len(products), rep.Added, rep.Updated, rep.Kept)
	return nil
}

// checkBranch refuses a branch the configuration does not list, and a
// missing one where it lists branches.
func checkBranch(e env, id string) error {
	pharmacy, err := loadPharmacy(e.getenv)
	if err != nil {
		return err
	}
	var ids []string
	for _, b := range pharmacy.Branches {
		ids = append(ids, b.ID)
	}
	switch {
	case len(ids) == 0 && id != "":
		return fmt.Errorf("%s nennt keine Filialen: ohne --branch importieren / %s lists no branches: import without --branch", envConfig, envConfig)
	case len(ids) > 0 && !slices.Contains(ids, id):
		return fmt.Errorf("--branch: eine der Filialen %s / one of the branches %s", strings.Join(ids, ", "), strings.Join(ids, ", "))
	}
	return nil
}

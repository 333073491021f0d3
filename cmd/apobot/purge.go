package main

import (
	"context"
	"fmt"
	"time"

	"github.com/apobot/apobot/retention"
	"github.com/apobot/apobot/store"
)

// The store is what the purge consumes.
var _ retention.Store = (*store.DB)(nil)

// runPurge is `apobot purge [--dry-run]`: the nightly job, once, with its
// report on standard output (counts only).
func runPurge(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "purge", "[--dry-run]")
	dry := fs.Bool("dry-run", false, "count what would be deleted, delete nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	pharmacy, err := loadPharmacy(e.getenv)
	if err != nil {
		return err
	}
	db, _, _, err := openData(e, cfg, existingData)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := retention.Purge(ctx, db, pharmacy.Retention, time.Now(), *dry)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, rep.String())
	return nil
}

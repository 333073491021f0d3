package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/store"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "")
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
	log := newLogger(e.stderr, cfg.LogLevel)
	pharmacy, err := loadPharmacy(e.getenv)
	if err != nil {
		return err
	}
	db, keyCreated, err := openData(e, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	if keyCreated {
		log.Warn("new master key written to the data folder: back it up, without it no stored chat can be read", "file", "master.key")
	}
	if db.Fresh() {
		rep, err := db.LoadDemoInventory(ctx)
		if err != nil {
			return err
		}
		log.Info("new database: demo inventory loaded", "products", rep.Added)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (%s): %w", cfg.Addr, envAddr, err)
	}
	log.Info("apobot started", "addr", ln.Addr().String(), "version", version, "pharmacy", pharmacy.Name, "state", pharmacy.Plan.State)
	srv := web.New(web.Config{Logger: log, DB: db})
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	log.Info("apobot stopped")
	return nil
}

// openData creates the data folder (owner only), loads the master key and
// opens the database in it. created reports a master key made now.
func openData(e env, dir string) (db *store.DB, created bool, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("create data folder (%s): %w", envDataDir, err)
	}
	key, created, err := loadMasterKey(e.getenv, dir)
	if err != nil {
		return nil, false, err
	}
	db, err = store.Open(filepath.Join(dir, "apobot.db"), store.Options{MasterKey: &key})
	return db, created, err
}

// newLogger builds the one logger; its output never carries message content.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/backup"
	"github.com/apobot/apobot/store/seal"
)

// runBackup is `apobot backup FILE`: a consistent snapshot of the running
// database without chats (store.DB.Snapshot), encrypted with a key derived
// from the master key, written to FILE (mode 0600; an existing file is not
// overwritten). The snapshot is made in memory and never holds a chat: a
// backup killed at any moment leaves no chat on the disk.
func runBackup(ctx context.Context, e env, args []string) error {
	file, cfg, err := fileCommand(e, "backup", args)
	if err != nil {
		return err
	}
	db, master, _, err := openData(e, cfg, existingData)
	if err != nil {
		return err
	}
	defer db.Close()
	snap, rep, err := db.Snapshot(ctx)
	defer clear(snap)
	if errors.Is(err, store.ErrSnapshotSQLiteOnly) {
		return fmt.Errorf("apobot backup sichert SQLite; eine PostgreSQL-Datenbank sichert ihr Server (pg_dump ohne die Chats, siehe docs/privacy.md) / " +
			"apobot backup copies SQLite; a PostgreSQL database is backed up by its server (pg_dump without the chats, see docs/privacy.md)")
	}
	if err != nil {
		return err
	}
	if err := writeEncrypted(file, bytes.NewReader(snap), master); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Sicherung %s: %d Produkte, %d Vorbestellungen, %d Konten; %d Chats nicht enthalten (so gewollt).\n",
		file, rep.Products, rep.PreOrders, rep.Accounts, rep.ChatsLeftOut)
	fmt.Fprintf(e.stdout, "Backup %s: %d products, %d pre-orders, %d accounts; %d chats left out (by design).\n",
		file, rep.Products, rep.PreOrders, rep.Accounts, rep.ChatsLeftOut)
	return nil
}

// writeEncrypted encrypts in to dst through a temporary file, so dst is
// either the whole backup or not there.
func writeEncrypted(dst string, in io.Reader, master seal.Key) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("%s gibt es schon / %s exists", dst, dst)
	}
	tmp := dst + ".partial"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write the backup: %w", err)
	}
	err = backup.Encrypt(out, in, master)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write the backup: %w", err)
	}
	return nil
}

// runRestore is `apobot restore FILE`: the backup becomes the database of a
// data folder that has none. The master key must be the one the backup was
// made with: set, or master.key put into the folder first. The restored
// database is opened (and brought to this version's schema) before the
// command succeeds; on any failure the folder is left as it was.
func runRestore(ctx context.Context, e env, args []string) error {
	file, cfg, err := fileCommand(e, "restore", args)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		return fmt.Errorf("apobot restore stellt eine SQLite-Sicherung her; %s ist gesetzt: PostgreSQL stellt sein Server wieder her / "+
			"apobot restore restores a SQLite backup; %s is set: PostgreSQL is restored by its server", envDatabaseURL, envDatabaseURL)
	}
	dbPath := filepath.Join(cfg.DataDir, dbFile)
	if exists, err := dataExists(cfg.DataDir, dbPath); err != nil || exists {
		return errors.Join(err, fmt.Errorf("im Datenordner %s liegt schon eine Datenbank: nur in einen leeren Ordner wiederherstellen / "+
			"the data folder %s already holds a database: restore only into an empty folder", cfg.DataDir, cfg.DataDir))
	}
	master, _, err := loadMasterKey(e.getenv, cfg.DataDir, false)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data folder (%s): %w", envDataDir, err)
	}
	if _, err := store.RemoveLeftovers(cfg.DataDir, dbFile); err != nil { // an earlier restore that was killed
		return err
	}
	if err := decryptTo(dbPath, file, master); err != nil {
		return err
	}
	db, err := store.Open(dbPath, store.Options{MasterKey: &master})
	if err != nil {
		removeDB(dbPath)
		return fmt.Errorf("open the restored database: %w", err)
	}
	defer db.Close()
	lost, err := db.ChatLostCount(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wiederhergestellt in %s. %d offene Vorbestellungen ohne Chat: auf der Tablet-Seite markiert, bitte bei der Abholung Bescheid geben.\n", cfg.DataDir, lost)
	fmt.Fprintf(e.stdout, "Restored into %s. %d open pre-orders without their chat: marked on the tablet page; tell the customer at pickup.\n", cfg.DataDir, lost)
	return nil
}

// decryptTo writes the backup src as the database file dst, through a
// temporary file.
func decryptTo(dst, src string, master seal.Key) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("open the backup: %w", err)
	}
	defer in.Close()
	tmp := dst + ".partial"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = backup.Decrypt(out, in, master)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, backup.ErrWrongKey) {
		err = errors.New("der Hauptschlüssel öffnet diese Sicherung nicht (oder es ist keine) / the master key does not open this backup (or it is none)")
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// fileCommand parses the arguments of a command that takes one file, and
// loads the configuration.
func fileCommand(e env, name string, args []string) (string, config, error) {
	fs := newFlags(e, name, "FILE")
	if err := parseFlags(fs, args); err != nil {
		return "", config{}, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return "", config{}, errUsage
	}
	cfg, err := loadConfig(e.getenv)
	return fs.Arg(0), cfg, err
}

// removeDB removes a database file and its write-ahead log.
func removeDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p) // a file that is not there is what was wanted
	}
}

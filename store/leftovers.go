package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
)

// leftoverPatterns name the files that an interrupted backup or restore
// can leave in the data folder: earlier apobot versions wrote each backup's
// snapshot, with every chat, as backup-<hex>.db before taking the chats
// out, and a restore writes the database as <db>.partial before it is
// complete. None of them is ever wanted once its command has ended.
func leftoverPatterns(dbName string) []string {
	return []string{"backup-*.db", "backup-*.db-wal", "backup-*.db-shm", "backup-*.db-journal", dbName + ".partial"}
}

// Leftovers lists the files of leftoverPatterns in dir, the data folder of
// the database file dbName.
func Leftovers(dir, dbName string) ([]string, error) {
	var out []string
	for _, p := range leftoverPatterns(dbName) {
		m, err := filepath.Glob(filepath.Join(dir, p))
		if err != nil {
			return nil, fmt.Errorf("leftovers: %w", err)
		}
		out = append(out, m...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// RemoveLeftovers overwrites each leftover in dir with zeros and removes
// it, and returns how many it removed.
func RemoveLeftovers(dir, dbName string) (int, error) {
	files, err := Leftovers(dir, dbName)
	if err != nil {
		return 0, err
	}
	var errs []error
	n := 0
	for _, f := range files {
		if err := shred(f); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// RemoveLeftovers removes the leftovers in the data folder of a SQLite
// database (nothing on PostgreSQL, which apobot backup does not copy).
func (db *DB) RemoveLeftovers(context.Context) (int, error) {
	if db.dialect != SQLite {
		return 0, nil
	}
	return RemoveLeftovers(filepath.Dir(db.path), filepath.Base(db.path))
}

// shred overwrites a file with zeros, syncs it and removes it, so its
// content does not wait on the disk for the blocks to be reused.
// Anything but a regular file (a link, say) is only removed: what it
// points to is not the leftover.
func shred(path string) error {
	err := overwrite(path)
	if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		err = errors.Join(err, rerr)
	}
	if err != nil {
		return fmt.Errorf("leftover %s: %w", filepath.Base(path), err)
	}
	return nil
}

// overwrite writes zeros over a regular file, without following a link.
func overwrite(path string) error {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil // gone already, or not a file to overwrite
	}
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return err
	}
	_, err = io.CopyN(f, zeros{}, fi.Size())
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

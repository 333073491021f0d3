package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
	"github.com/pressly/goose/v3/lock"
)

// The schema is versioned SQL, one file per version and one folder per
// database dialect, embedded in the binary and run in order by goose, each
// in its own transaction with the record that it ran. Versions only ever go
// forward: never edit a file that has shipped, add the next.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

const (
	sqliteMigrations = "migrations/sqlite"
	versionTable     = goose.DefaultTablename
	// legacyVersions is where schema versions were recorded before the
	// migrations were SQL files: a database that has it is adopted.
	legacyVersions = "schema_versions"
)

// migrate brings the schema to the newest version and reports whether the
// database was new (no version before).
func (db *DB) migrate(ctx context.Context) (fresh bool, err error) {
	if db.dialect == SQLite {
		if err := adoptLegacyVersions(ctx, db.sql); err != nil {
			return false, fmt.Errorf("migrate: %w", err)
		}
	}
	p, err := newProvider(db.sql, db.dialect)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return false, fmt.Errorf("migrate: read version: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	return current == 0, nil
}

func newProvider(conn *sql.DB, d Dialect) (*goose.Provider, error) {
	dir, dialect := sqliteMigrations, goose.DialectSQLite3
	if d == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	fsys, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	// On PostgreSQL several apobot processes may start at once: goose holds
	// an advisory lock while it migrates.
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if d == Postgres {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, conn, fsys, opts...)
}

// adoptLegacyVersions moves the versions a database recorded before goose
// into goose's table, in one transaction: the SQL files repeat those
// versions, so goose then runs only what is newer.
func adoptLegacyVersions(ctx context.Context, conn *sql.DB) error {
	legacy, err := tableExists(ctx, conn, legacyVersions)
	if err != nil || !legacy {
		return err
	}
	if adopted, err := tableExists(ctx, conn, versionTable); err != nil || adopted {
		return err
	}
	store, err := database.NewStore(database.DialectSQLite3, versionTable)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT version FROM "+legacyVersions+" ORDER BY version")
	if err != nil {
		return err
	}
	var versions []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		versions = append(versions, v)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if err := store.CreateVersionTable(ctx, tx); err != nil {
		return err
	}
	for _, v := range append([]int64{0}, versions...) {
		if err := store.Insert(ctx, tx, database.InsertRequest{Version: v}); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE "+legacyVersions); err != nil {
		return err
	}
	return tx.Commit()
}

func tableExists(ctx context.Context, conn *sql.DB, name string) (bool, error) {
	var n int
	err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", name).Scan(&n)
	return n > 0, err
}

// LatestVersion is the schema version this build brings a database to: the
// number of its newest migration file.
func LatestVersion() int {
	entries, _ := fs.ReadDir(migrationFiles, sqliteMigrations)
	latest := 0
	for _, e := range entries {
		num, _, _ := strings.Cut(path.Base(e.Name()), "_")
		if v, err := strconv.Atoi(num); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}

// versionQuery reads the newest applied version from goose's table.
const versionQuery = "SELECT COALESCE(MAX(version_id), 0) FROM " + versionTable + " WHERE is_applied"

// Version returns the schema version of the database.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	if err := db.sql.QueryRowContext(ctx, versionQuery).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

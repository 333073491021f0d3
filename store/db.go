package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/apobot/apobot/store/seal"
)

// Dialect is the database engine behind a DB.
type Dialect string

// The engines: SQLite, embedded, for one pharmacy; PostgreSQL for branches
// and several apobot processes.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is apobot's database.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect Dialect
	path    string
	now     func() time.Time
	fresh   bool
	master  *seal.Key
	url     string   // PostgreSQL's, for the queue's listening connection
	queue   queueHub // notifications of request changes (PostgreSQL)
}

// Options tune Open; the zero value is right for production.
type Options struct {
	// Now is the clock gorm uses for timestamps; tests inject a fixed one.
	Now func() time.Time
	// MasterKey seals each conversation's key; without it the store keeps
	// no conversation (the inventory and pre-orders need none).
	MasterKey *seal.Key
}

// Open opens (creating if needed, with mode 0600) the SQLite database at path,
// applies the pragmas in sqlite.go and brings the schema to the newest
// version.
func Open(path string, opt Options) (*DB, error) {
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	cfg := gormConfig(opt)
	g, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverName, DSN: dsn(path)}), cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	limitPool(sqlDB)
	db := &DB{gorm: g, sql: sqlDB, dialect: SQLite, path: path, now: cfg.NowFunc, master: opt.MasterKey}
	return db.start()
}

// OpenPostgres opens the PostgreSQL database at url (postgres://…) and
// brings the schema to the newest version.
func OpenPostgres(url string, opt Options) (*DB, error) {
	cfg := gormConfig(opt)
	g, err := gorm.Open(postgres.New(postgres.Config{DSN: url}), cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB.SetMaxOpenConns(16)
	sqlDB.SetMaxIdleConns(16)
	db := &DB{gorm: g, sql: sqlDB, dialect: Postgres, now: cfg.NowFunc, master: opt.MasterKey, url: url}
	return db.start()
}

// start checks the connection and migrates.
func (db *DB) start() (*DB, error) {
	sqlDB := db.sql
	var err error
	if err := db.Ping(context.Background()); err != nil {
		sqlDB.Close()
		return nil, err
	}
	if db.fresh, err = db.migrate(context.Background()); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return db, nil
}

func gormConfig(opt Options) *gorm.Config {
	cfg := &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard, // gorm's logger prints SQL with values: never in apobot
		NowFunc:        opt.Now,
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = func() time.Time { return time.Now().UTC() }
	}
	return cfg
}

// Dialect reports the engine behind the database.
func (db *DB) Dialect() Dialect { return db.dialect }

// createPrivate makes sure the database file exists and only its owner can read it;
// SQLite gives its -wal and -shm files the same mode.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Fresh reports whether Open created the schema: the database was new, and
// the caller may fill in a demo inventory and a first account.
func (db *DB) Fresh() bool { return db.fresh }

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	db.queue.close()
	return db.sql.Close()
}

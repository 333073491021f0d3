// Package store keeps apobot's data in SQLite through gorm (PostgreSQL later): the
// connection and its pragmas, rows, migrations (versioned SQL files run by
// goose), sealing and deletion primitives.
//
// It is the only package that imports gorm. It implements the interfaces that bot
// declares and must not contain business rules, HTTP or logging of content: callers
// log the counts it returns.
package store

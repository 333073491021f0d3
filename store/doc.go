// Package store keeps apobot's data through gorm, in SQLite (one pharmacy,
// one process) or PostgreSQL (branches, several apobot processes): the
// connection and SQLite's pragmas, rows, migrations (versioned SQL files per
// dialect, run by goose), sealing and deletion primitives, and on PostgreSQL
// the claims and change notifications that let processes share a database.
//
// It is the only package that imports gorm. It implements the interfaces that
// bot declares and keeps only the rules that must hold inside one
// transaction against concurrent writers: reserving packs, moving a request
// as bot's lifecycle allows, counting login tries by bot's rules, claiming a
// conversation. Every other decision is bot's or retention's. It must not
// contain HTTP or logging of content: callers log the counts it returns.
package store

package store

import (
	"database/sql"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apobot/apobot/store/pgtest"
)

// The two dialects' migrations are written by hand, file for file
// (migrations/sqlite, migrations/postgres). TestSchemasOfBothDialectsAgree
// migrates a new database of each and reads back what the engines made, as
// lines such as "products column pzn text not null" or "preorders index
// idx_preorders_code unique (code)", so one dialect cannot drift from the
// other. What it compares: tables, columns (name, type mapped below, NOT
// NULL, default), primary keys, indexes (name, columns, uniqueness,
// partial), foreign keys and triggers. Not compared: the order of columns
// (gorm names every column), lengths of varchar (SQLite enforces none; the
// PostgreSQL lengths are the limits of the codes), CHECK constraints (SQLite
// keeps them only as text in its CREATE statement).
//
// Left out on both sides: goose's version table goose_db_version (goose
// makes it for each dialect in that dialect's own types), SQLite's
// sqlite_* tables (AUTOINCREMENT's counters) and the indexes that carry a
// primary key (sqlite_autoindex_*, *_pkey; the key itself is compared).

// sqliteTypes and postgresTypes map the column types the migrations use to
// one name. SQLite's numeric is the project's boolean (gorm's SQLite dialect
// writes bool as numeric, and no column holds decimals). A type missing here
// fails the test: map it, or use one that is.
var (
	sqliteTypes = map[string]string{
		"text": "text", "integer": "integer", "numeric": "bool", "datetime": "time", "blob": "bytes",
	}
	postgresTypes = map[string]string{
		"text": "text", "character varying": "text", "bigint": "integer", "boolean": "bool",
		"timestamp with time zone": "time", "bytea": "bytes",
	}
)

// dialectOnly are the lines one dialect has on purpose, with the reason.
var dialectOnly = map[string]string{
	"postgres: preorders trigger preorders_changed":           "version 11: a change of the requests notifies the other apobot processes; SQLite is served by one process",
	"postgres: preorder_items trigger preorder_items_changed": "version 11, as preorders_changed",
}

func TestSchemasOfBothDialectsAgree(t *testing.T) {
	url := newPostgresDatabase(t)
	lite := target{path: filepath.Join(t.TempDir(), "apobot.db")}.open(t, Options{})
	pg := target{url: url}.open(t, Options{})
	got := map[string]bool{}
	for _, l := range sqliteSchema(t, lite.sql) {
		got["sqlite: "+l] = true
	}
	for _, l := range postgresSchema(t, pg.sql) {
		other := "sqlite: " + l
		if got[other] {
			delete(got, other)
			continue
		}
		got["postgres: "+l] = true
	}
	var drift []string
	for l := range got {
		if _, ok := dialectOnly[l]; !ok {
			drift = append(drift, l)
		}
	}
	slices.Sort(drift)
	for _, l := range drift {
		t.Errorf("only in %s (add it to the other dialect's migrations, or to dialectOnly with the reason)", l)
	}
	for l := range dialectOnly {
		if !got[l] {
			t.Errorf("dialectOnly lists %q, which the schemas no longer differ in: remove it", l)
		}
	}
	if len(got) < 2 {
		t.Fatalf("%d lines compared: the schemas were not read", len(got))
	}
}

// newPostgresDatabase makes a new, empty database on the throwaway server.
// The SQLite run skips the test where PostgreSQL cannot be started; the
// PostgreSQL run fails then, as its other tests do.
func newPostgresDatabase(t *testing.T) string {
	t.Helper()
	s, err := pgtest.Shared()
	if err != nil {
		if onPostgres() {
			t.Fatal(err)
		}
		t.Skipf("no PostgreSQL to compare with: %v", err)
	}
	url, err := s.NewDatabase(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// sqliteSchema reads the schema of a SQLite database as lines.
func sqliteSchema(t *testing.T, conn *sql.DB) []string {
	t.Helper()
	var lines []string
	tables := textRows(t, conn, "SELECT name, upper(sql) LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?", versionTable)
	for _, tb := range tables {
		name, autoinc := tb[0], tb[1] == "1"
		var key []string
		for _, c := range textRows(t, conn, `SELECT name, lower(type), "notnull", coalesce(dflt_value, ''), pk FROM pragma_table_info(?) ORDER BY pk`, name) {
			inKey := c[4] != "0"
			def := c[3]
			if inKey {
				key = append(key, c[0])
				if autoinc && c[1] == "integer" {
					def = "autoincrement"
				}
			}
			// SQLite would take a NULL in a primary key that is not an
			// integer (a quirk it keeps for old files); PostgreSQL never
			// does, and apobot never writes one.
			lines = append(lines, columnLine(name, c[0], mapType(t, sqliteTypes, c[1]), c[2] == "1" || inKey, def))
		}
		if len(key) > 0 {
			lines = append(lines, name+" primary key ("+strings.Join(key, ", ")+")")
		}
		for _, ix := range textRows(t, conn, `SELECT name, "unique", partial FROM pragma_index_list(?) WHERE origin <> 'pk'`, name) {
			var cols []string
			for _, c := range textRows(t, conn, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", ix[0]) {
				cols = append(cols, c[0])
			}
			lines = append(lines, indexLine(name, ix[0], ix[1] == "1", ix[2] == "1", cols))
		}
		for _, fk := range textRows(t, conn, `SELECT "table", "from", "to", lower(on_delete) FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name) {
			lines = append(lines, name+" foreign key ("+fk[1]+") references "+fk[0]+" ("+fk[2]+") on delete "+fk[3])
		}
	}
	for _, tr := range textRows(t, conn, "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'") {
		lines = append(lines, tr[0]+" trigger "+tr[1])
	}
	return lines
}

// postgresSchema reads the schema of a PostgreSQL database (schema public)
// as lines.
func postgresSchema(t *testing.T, conn *sql.DB) []string {
	t.Helper()
	var lines []string
	for _, c := range textRows(t, conn, `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, coalesce(c.column_default, '')
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> $1`, versionTable) {
		def := pgCast.ReplaceAllString(c[4], "")
		if strings.HasPrefix(def, "nextval(") {
			def = "autoincrement"
		}
		lines = append(lines, columnLine(c[0], c[1], mapType(t, postgresTypes, c[2]), c[3] == "NO", def))
	}
	// One row per column of each index, in the index's order.
	byIndex := map[[2]string][]string{}
	var order [][]string
	for _, r := range textRows(t, conn, `SELECT t.relname, i.relname, x.indisunique::text, x.indisprimary::text, (x.indpred IS NOT NULL)::text, a.attname
		FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE n.nspname = 'public' AND t.relname <> $1 ORDER BY t.relname, i.relname, k.ord`, versionTable) {
		k := [2]string{r[0], r[1]}
		if byIndex[k] == nil {
			order = append(order, r)
		}
		byIndex[k] = append(byIndex[k], r[5])
	}
	for _, r := range order {
		cols := byIndex[[2]string{r[0], r[1]}]
		if r[3] == "true" {
			lines = append(lines, r[0]+" primary key ("+strings.Join(cols, ", ")+")")
			continue
		}
		lines = append(lines, indexLine(r[0], r[1], r[2] == "true", r[4] == "true", cols))
	}
	for _, fk := range textRows(t, conn, `SELECT t.relname, string_agg(a.attname, ', ' ORDER BY k.ord), f.relname, string_agg(fa.attname, ', ' ORDER BY k.ord), c.confdeltype::text
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, fcol, ord)
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.col
		JOIN pg_attribute fa ON fa.attrelid = f.oid AND fa.attnum = k.fcol
		WHERE c.contype = 'f' AND n.nspname = 'public' GROUP BY c.oid, t.relname, f.relname, c.confdeltype`) {
		lines = append(lines, fk[0]+" foreign key ("+fk[1]+") references "+fk[2]+" ("+fk[3]+") on delete "+pgOnDelete[fk[4]])
	}
	for _, tr := range textRows(t, conn, "SELECT DISTINCT event_object_table, trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public'") {
		lines = append(lines, tr[0]+" trigger "+tr[1])
	}
	return lines
}

// pgCast is the cast PostgreSQL writes after a default value (::text).
var pgCast = regexp.MustCompile(`::[a-z ]+$`)

// pgOnDelete names pg_constraint's confdeltype as SQLite does.
var pgOnDelete = map[string]string{"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}

func columnLine(table, col, typ string, notNull bool, def string) string {
	l := table + " column " + col + " " + typ
	if notNull {
		l += " not null"
	}
	if def != "" {
		l += " default " + def
	}
	return l
}

func indexLine(table, name string, unique, partial bool, cols []string) string {
	l := table + " index " + name
	if unique {
		l += " unique"
	}
	l += " (" + strings.Join(cols, ", ") + ")"
	if partial {
		l += " partial"
	}
	return l
}

func mapType(t *testing.T, types map[string]string, typ string) string {
	t.Helper()
	m, ok := types[typ]
	if !ok {
		t.Errorf("column type %q is not in the test's type mapping", typ)
		return "unmapped " + typ
	}
	return m
}

// textRows runs q and returns its rows with every value as text ("" for
// NULL).
func textRows(t *testing.T, conn *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := conn.QueryContext(t.Context(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

package store

import (
	"database/sql"
	"fmt"
	"net/url"
)

// Inspection is what a look at a database file, without changing it, shows.
type Inspection struct {
	Version  int   // schema version; below LatestVersion until the next Open upgrades it
	Products int64 // inventory lines
}

// Inspect opens the database at path read-only, as `apobot check` does
// while the service may be running: no migration, no write.
func Inspect(path string) (Inspection, error) {
	var in Inspection
	conn, err := sql.Open(driverName, "file:"+path+"?"+url.Values{"mode": {"ro"}, "_busy_timeout": {"5000"}}.Encode())
	if err != nil {
		return in, err
	}
	defer conn.Close()
	err = conn.QueryRow(versionQuery).Scan(&in.Version)
	if err != nil { // a database not yet opened by a build with SQL migrations
		err = conn.QueryRow("SELECT COALESCE(MAX(version), 0) FROM " + legacyVersions).Scan(&in.Version)
	}
	if err != nil {
		return in, fmt.Errorf("not an apobot database: %w", err)
	}
	if err := conn.QueryRow("SELECT COUNT(*) FROM products").Scan(&in.Products); err != nil {
		return in, fmt.Errorf("products: %w", err)
	}
	return in, nil
}

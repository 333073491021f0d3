package store

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"

	"github.com/apobot/apobot/store/inventory"
)

//go:generate go run ./internal/demogen

// demoInventory is the demo pharmacy's stock, written by internal/demogen.
//
//go:embed demo_inventory.csv
var demoInventory []byte

// LoadDemoInventory imports the demo pharmacy's inventory (about 240
// products, fictitious PZNs); serve does so on a new database.
func (db *DB) LoadDemoInventory(ctx context.Context) (ImportReport, error) {
	ps, err := inventory.Parse(bytes.NewReader(demoInventory), nil)
	if err != nil {
		return ImportReport{}, fmt.Errorf("demo inventory: %w", err)
	}
	return db.ImportInventory(ctx, ps)
}

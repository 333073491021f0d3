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

// LoadDemoBranches imports the demo inventory at each of the branches: the
// same products, and each product is sold out at one of them (the product's
// place in the file, counted round the branches), so a customer can be told
// another branch has it.
func (db *DB) LoadDemoBranches(ctx context.Context, branches []string) error {
	for b, id := range branches {
		ps, err := inventory.Parse(bytes.NewReader(demoInventory), nil)
		if err != nil {
			return fmt.Errorf("demo inventory: %w", err)
		}
		for i := range ps {
			if i%len(branches) == b {
				ps[i].Stock = 0
			}
		}
		if _, err := db.Inventory(id).Import(ctx, ps); err != nil {
			return err
		}
	}
	return nil
}

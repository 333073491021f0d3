package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/pzn"
)

// testPZN makes the i-th valid PZN of a test inventory.
func testPZN(t testing.TB, i int) pzn.PZN {
	t.Helper()
	for n := i * 11; ; n++ {
		if z, err := pzn.FromData(fmt.Sprintf("%07d", 1000000+n)); err == nil {
			return z
		}
	}
}

func testProducts(t testing.TB, n int) []bot.Product {
	ps := make([]bot.Product, n)
	for i := range ps {
		ps[i] = bot.Product{PZN: testPZN(t, i), Name: fmt.Sprintf("Produkt %d", i), Strength: "400 mg", Form: "Tabletten", Count: 20, Stock: i % 5}
	}
	return ps
}

func TestImportInventory(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	rep, err := db.ImportInventory(ctx, testProducts(t, 1200))
	if err != nil {
		t.Fatal(err)
	}
	if rep != (ImportReport{Added: 1200}) {
		t.Fatalf("first import %+v, want 1200 added", rep)
	}
	again := testProducts(t, 1100)
	again[0].Stock, again[0].Name = 42, "Umbenannt"
	rep, err = db.ImportInventory(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if rep != (ImportReport{Updated: 1100, Kept: 100}) {
		t.Fatalf("second import %+v, want 1100 updated, 100 kept", rep)
	}
	all, err := db.Products(ctx)
	if err != nil || len(all) != 1200 {
		t.Fatalf("%d products (err %v), want 1200", len(all), err)
	}
	p, err := db.Product(ctx, again[0].PZN)
	if err != nil || p.Stock != 42 || p.Name != "Umbenannt" {
		t.Fatalf("product %+v (err %v), want stock 42 and the new name", p, err)
	}
	if _, err := db.Product(ctx, "27580899"); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("unknown PZN: err %v, want %s", err, bot.ENOTFOUND)
	}
}

// TestImportInventoryIsAtomic fails in the third batch and wants nothing
// imported at all.
func TestImportInventoryIsAtomic(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	ps := testProducts(t, 1200)
	ps[1100].Count = -1 // breaks a CHECK in the third batch of 500
	if _, err := db.ImportInventory(ctx, ps); err == nil {
		t.Fatal("import with a repeated PZN succeeded")
	}
	if all, _ := db.Products(ctx); len(all) != 0 {
		t.Fatalf("%d products after a failed import, want 0", len(all))
	}
}

func TestOpenMigratesOnce(t *testing.T) {
	tg := newTarget(t)
	db := tg.open(t, Options{})
	if !db.Fresh() {
		t.Fatal("a new database is not fresh")
	}
	v, err := db.Version(context.Background())
	if err != nil || v != LatestVersion() || v < 9 {
		t.Fatalf("version %d (err %v), want %d (at least 9)", v, err, LatestVersion())
	}
	db.Close()
	if db = tg.open(t, Options{}); db.Fresh() {
		t.Fatal("a reopened database is fresh")
	}
}

package store

import (
	"context"
	"testing"
)

func TestLoadDemoInventory(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	rep, err := db.LoadDemoInventory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added < 200 {
		t.Fatalf("%d demo products, want at least 200", rep.Added)
	}
	ps, err := db.Products(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rx, out := 0, 0
	for _, p := range ps {
		if !p.PZN.Valid() || p.Name == "" || p.Strength == "" || p.Form == "" || p.Count <= 0 {
			t.Fatalf("demo product %+v is incomplete", p)
		}
		if p.Rx {
			rx++
		}
		if p.Stock == 0 {
			out++
		}
	}
	if rx < 50 || len(ps)-rx < 50 || out < 10 || out > len(ps)/3 {
		t.Fatalf("%d Rx, %d OTC, %d out of stock: want a mix", rx, len(ps)-rx, out)
	}
}

package store

import (
	"context"
	"testing"

	"github.com/apobot/apobot/bot"
)

// Each branch keeps its own stock: imports, searches, reservations and a
// request moved to another branch touch only the branch they name.
func TestBranchesKeepTheirOwnStock(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	ibu := bot.Product{PZN: "74372349", Name: "Ibuprofen AL 400", Strength: "400 mg", Form: "Filmtabletten", Count: 20, NSize: "N1", Maker: "Aliud"}
	para := bot.Product{PZN: "44806603", Name: "Paracetamol AbZ", Strength: "500 mg", Form: "Tabletten", Count: 10, NSize: "N1", Maker: "AbZ"}
	main, hassel := db.Inventory("alter-markt"), db.Inventory("hasselbachplatz")
	ibu.Stock = 0
	if _, err := main.Import(ctx, []bot.Product{ibu}); err != nil {
		t.Fatal(err)
	}
	ibu.Stock, para.Stock = 3, 5
	if rep, err := hassel.Import(ctx, []bot.Product{ibu, para}); err != nil || rep.Added != 2 {
		t.Fatalf("import at the second branch: %+v %v", rep, err)
	}
	if ps, _ := main.Products(ctx); len(ps) != 1 || ps[0].Stock != 0 {
		t.Fatalf("the first branch's products: %+v", ps)
	}
	if _, err := main.Product(ctx, para.PZN); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("a product only the other branch lists: %v", err)
	}
	if ps, total, _ := hassel.SearchProducts(ctx, "ibu", 10); total != 1 || ps[0].Stock != 3 {
		t.Fatalf("search at the second branch: %+v %d", ps, total)
	}
	if ps, total, _ := db.SearchProducts(ctx, "", 10); total != 0 {
		t.Fatalf("the pharmacy without branches sees %d products: %+v", total, ps)
	}
	stock, err := db.StockByBranch(ctx, ibu.PZN)
	if err != nil || len(stock) != 2 || stock["alter-markt"] != 0 || stock["hasselbachplatz"] != 3 {
		t.Fatalf("stock by branch: %v %v", stock, err)
	}

	po := bot.PreOrder{Branch: "alter-markt", Items: []bot.Item{{PZN: ibu.PZN, Name: ibu.Name, Quantity: 2}}}
	if err := db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	if po.Items[0].Reserved != 0 {
		t.Fatalf("reserved %d at a branch without stock", po.Items[0].Reserved)
	}
	moved, err := db.Revise(ctx, po.ID, "hasselbachplatz", po.Items, bot.Flags{})
	if err != nil || moved.Branch != "hasselbachplatz" || moved.Items[0].Reserved != 2 {
		t.Fatalf("moved to the second branch: %+v %v", moved, err)
	}
	if stock, _ := db.StockByBranch(ctx, ibu.PZN); stock["hasselbachplatz"] != 1 || stock["alter-markt"] != 0 {
		t.Fatalf("after the move: %v", stock)
	}
	// A new file at the second branch counts the reserved packs on its shelf.
	ibu.Stock = 3
	if _, err := hassel.Import(ctx, []bot.Product{ibu}); err != nil {
		t.Fatal(err)
	}
	if stock, _ := db.StockByBranch(ctx, ibu.PZN); stock["hasselbachplatz"] != 1 {
		t.Fatalf("after a new import: %v, want 1 free (3 on the shelf, 2 reserved)", stock)
	}
	if _, err := db.SetStatus(ctx, po.ID, bot.StatusRejected, moved.PickupAt, "nicht mehr nötig"); err != nil {
		t.Fatal(err)
	}
	if stock, _ := db.StockByBranch(ctx, ibu.PZN); stock["hasselbachplatz"] != 3 || stock["alter-markt"] != 0 {
		t.Fatalf("after the rejection: %v, want the packs back at the second branch", stock)
	}
}

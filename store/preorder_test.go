package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
)

func TestPreOrderLifecycle(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	ps := testProducts(t, 2) // stock 0 and 1
	ps[1].Stock = 3
	if _, err := db.ImportInventory(ctx, ps); err != nil {
		t.Fatal(err)
	}
	po := bot.PreOrder{Items: []bot.Item{
		{PZN: ps[1].PZN, Name: ps[1].Name, Quantity: 2},
		{PZN: ps[0].PZN, Name: ps[0].Name, Quantity: 1}, // none on the shelf
		{Name: "Wunschprodukt", Quantity: 1},            // not in the inventory
	}}
	if err := db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	if po.ID == 0 || len(po.Code) != 6 || po.Status != bot.StatusReceived {
		t.Fatalf("created %+v", po)
	}
	if r := []int{po.Items[0].Reserved, po.Items[1].Reserved, po.Items[2].Reserved}; r[0] != 2 || r[1] != 0 || r[2] != 0 {
		t.Fatalf("reserved %v, want [2 0 0]", r)
	}
	if p, _ := db.Product(ctx, ps[1].PZN); p.Stock != 1 {
		t.Fatalf("stock %d after reserving 2 of 3, want 1", p.Stock)
	}
	byCode, err := db.PreOrderByCode(ctx, po.Code)
	if err != nil || byCode.ID != po.ID || len(byCode.Items) != 3 {
		t.Fatalf("by code: %+v, %v", byCode, err)
	}
	pickup := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	got, err := db.SetStatus(ctx, po.ID, bot.StatusProposed, pickup, "")
	if err != nil || !got.PickupAt.Equal(pickup) || got.Status != bot.StatusProposed {
		t.Fatalf("propose: %+v, %v", got, err)
	}
	if _, err := db.SetStatus(ctx, po.ID, bot.StatusHandedOut, time.Time{}, ""); bot.ErrorCode(err) != bot.ECONFLICT {
		t.Fatalf("proposed -> handed out: err %v, want %s", err, bot.ECONFLICT)
	}
	if _, err := db.SetStatus(ctx, po.ID, bot.StatusRejected, time.Time{}, "nicht lieferbar"); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.Product(ctx, ps[1].PZN); p.Stock != 3 {
		t.Fatalf("stock %d after the rejection, want the 3 back", p.Stock)
	}
	got, _ = db.PreOrder(ctx, po.ID)
	if got.Reason != "nicht lieferbar" || got.Items[0].Reserved != 0 {
		t.Fatalf("rejected: %+v", got)
	}
	if _, err := db.PreOrder(ctx, po.ID+100); bot.ErrorCode(err) != bot.ENOTFOUND {
		t.Fatalf("unknown id: err %v", err)
	}
}

func TestImportKeepsReservationsOffTheShelf(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	ps := testProducts(t, 1)
	ps[0].Stock = 5
	db.ImportInventory(ctx, ps)
	po := bot.PreOrder{Items: []bot.Item{{PZN: ps[0].PZN, Quantity: 2}}}
	if err := db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	db.ImportInventory(ctx, ps) // the pharmacy system still counts 5 packs
	if p, _ := db.Product(ctx, ps[0].PZN); p.Stock != 3 {
		t.Fatalf("stock %d after re-import, want 5 - 2 reserved = 3", p.Stock)
	}
}

// TestReserveConcurrently has 40 customers, through two connections to the
// same file (as two processes would), ask for one pack each of a product
// with 7 on the shelf: exactly 7 get one.
func TestReserveConcurrently(t *testing.T) {
	tg := newTarget(t)
	a, b := tg.open(t, Options{}), tg.open(t, Options{})
	ctx := context.Background()
	ps := testProducts(t, 1)
	ps[0].Stock = 7
	if _, err := a.ImportInventory(ctx, ps); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	reserved := make(chan int, 40)
	for i := range 40 {
		db := a
		if i%2 == 1 {
			db = b
		}
		wg.Go(func() {
			po := bot.PreOrder{Items: []bot.Item{{PZN: ps[0].PZN, Quantity: 1}}}
			if err := db.CreatePreOrder(ctx, &po); err != nil {
				t.Error(err)
				return
			}
			reserved <- po.Items[0].Reserved
		})
	}
	wg.Wait()
	close(reserved)
	sum := 0
	for r := range reserved {
		sum += r
	}
	p, _ := a.Product(ctx, ps[0].PZN)
	if sum != 7 || p.Stock != 0 {
		t.Fatalf("%d packs reserved, %d left; want 7 and 0", sum, p.Stock)
	}
}

func TestCreatePreOrderRefusesEmpty(t *testing.T) {
	db := openTest(t)
	for _, po := range []bot.PreOrder{{}, {Items: []bot.Item{{Name: "x", Quantity: 0}}}} {
		if err := db.CreatePreOrder(context.Background(), &po); bot.ErrorCode(err) != bot.EINVALID {
			t.Errorf("%+v: err %v, want %s", po, err, bot.EINVALID)
		}
	}
}

// The prescription to bring follows the items, when filed and when revised:
// a prescription-only product does, an e-prescription sent as a token
// (claimed with its access code) does not.
func TestPrescriptionToBringFollowsTheItems(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	erx := bot.Item{Name: "E-Rezept-Verordnung 1", Quantity: 1, Rx: true}
	rx := bot.Item{PZN: "03752864", Name: "Metformin STADA", Quantity: 1, Rx: true}
	po := bot.PreOrder{Items: []bot.Item{rx}}
	if err := db.CreatePreOrder(ctx, &po); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.PreOrder(ctx, po.ID); !got.BringPrescription {
		t.Fatal("a new pre-order with a prescription-only item: nothing to bring")
	}
	got, err := db.Revise(ctx, po.ID, "", []bot.Item{erx}, bot.Flags{})
	if err != nil || got.BringPrescription {
		t.Fatalf("only an e-prescription token: bring %v, %v", got.BringPrescription, err)
	}
	got, err = db.Revise(ctx, po.ID, "", []bot.Item{erx, rx}, bot.Flags{})
	if err != nil || !got.BringPrescription {
		t.Fatalf("a token and a paper prescription item: bring %v, %v", got.BringPrescription, err)
	}
}

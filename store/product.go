package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/pzn"
)

// ImportReport counts what an inventory import changed.
type ImportReport struct {
	Added, Updated, Kept int // Kept: in the database, not in the file
}

// openStatuses are the statuses whose items hold reserved packs.
var openStatuses = []string{string(bot.StatusReceived), string(bot.StatusProposed), string(bot.StatusApproved), string(bot.StatusReady)}

// Inventory is one branch's stock: db.Inventory(id). The DB's own
// inventory methods are those of the one branch of a pharmacy without
// branches, whose id is "".
type Inventory struct {
	db     *DB
	branch string
}

// Inventory returns branch's stock.
func (db *DB) Inventory(branch string) Inventory { return Inventory{db, branch} }

// ImportInventory is Import of the pharmacy without branches.
func (db *DB) ImportInventory(ctx context.Context, products []bot.Product) (ImportReport, error) {
	return db.Inventory("").Import(ctx, products)
}

// Products is Products of the pharmacy without branches.
func (db *DB) Products(ctx context.Context) ([]bot.Product, error) {
	return db.Inventory("").Products(ctx)
}

// Product is Product of the pharmacy without branches.
func (db *DB) Product(ctx context.Context, z pzn.PZN) (bot.Product, error) {
	return db.Inventory("").Product(ctx, z)
}

// SearchProducts is SearchProducts of the pharmacy without branches.
func (db *DB) SearchProducts(ctx context.Context, q string, limit int) ([]bot.Product, int64, error) {
	return db.Inventory("").SearchProducts(ctx, q, limit)
}

// SearchProductsAt is SearchProducts of a branch.
func (db *DB) SearchProductsAt(ctx context.Context, branch, q string, limit int) ([]bot.Product, int64, error) {
	return db.Inventory(branch).SearchProducts(ctx, q, limit)
}

// StockByBranch returns the packs of PZN z on the shelf at each branch that
// lists it.
func (db *DB) StockByBranch(ctx context.Context, z pzn.PZN) (map[string]int, error) {
	var rows []productRow
	if err := db.gorm.WithContext(ctx).Where("pzn = ?", string(z)).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("stock by branch: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Branch] = r.Stock
	}
	return out, nil
}

// Import writes products in one transaction: new PZNs are added, known
// ones updated (never duplicated), products not in the file are kept. A
// file's stock counts the packs on the shelf, including those apobot has
// reserved for open pre-orders; those are taken off again.
func (inv Inventory) Import(ctx context.Context, products []bot.Product) (ImportReport, error) {
	var rep ImportReport
	err := inv.db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		known, err := pznSet(tx, inv.branch)
		if err != nil {
			return err
		}
		reserved, err := reservedByPZN(tx, inv.branch)
		if err != nil {
			return err
		}
		rows := make([]productRow, len(products))
		for i, p := range products {
			rows[i] = toProductRow(p)
			rows[i].Branch = inv.branch
			rows[i].Stock = max(0, p.Stock-reserved[string(p.PZN)])
			if known[string(p.PZN)] {
				rep.Updated++
				delete(known, string(p.PZN))
			} else {
				rep.Added++
			}
		}
		rep.Kept = len(known)
		upsert := clause.OnConflict{
			Columns:   []clause.Column{{Name: "branch"}, {Name: "pzn"}},
			DoUpdates: clause.AssignmentColumns([]string{"name", "strength", "form", "count", "n_size", "maker", "rx", "stock", "updated_at"}),
		}
		return tx.Clauses(upsert).CreateInBatches(rows, 500).Error
	})
	if err != nil {
		return ImportReport{}, fmt.Errorf("import inventory: %w", err)
	}
	return rep, nil
}

func pznSet(tx *gorm.DB, branch string) (map[string]bool, error) {
	var pzns []string
	if err := tx.Model(&productRow{}).Where("branch = ?", branch).Pluck("pzn", &pzns).Error; err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(pzns))
	for _, p := range pzns {
		set[p] = true
	}
	return set, nil
}

// reservedByPZN sums the packs reserved by branch's open pre-orders.
func reservedByPZN(tx *gorm.DB, branch string) (map[string]int, error) {
	var rows []struct {
		PZN      string
		Reserved int
	}
	err := tx.Model(&itemRow{}).
		Select("preorder_items.pzn AS pzn, SUM(preorder_items.reserved) AS reserved").
		Joins("JOIN preorders ON preorders.id = preorder_items.preorder_id").
		Where("preorders.status IN ? AND preorders.branch = ?", openStatuses, branch).
		Group("preorder_items.pzn").Scan(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.PZN] = r.Reserved
	}
	return out, err
}

// Products returns the branch's whole inventory, ordered by name.
func (inv Inventory) Products(ctx context.Context) ([]bot.Product, error) {
	var rows []productRow
	if err := inv.db.gorm.WithContext(ctx).Where("branch = ?", inv.branch).Order("name, pzn").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	out := make([]bot.Product, len(rows))
	for i, r := range rows {
		out[i] = r.product()
	}
	return out, nil
}

// Product returns the product with PZN z; a bot.ENOTFOUND Error when the
// branch does not list it.
func (inv Inventory) Product(ctx context.Context, z pzn.PZN) (bot.Product, error) {
	var r productRow
	err := inv.db.gorm.WithContext(ctx).First(&r, "branch = ? AND pzn = ?", inv.branch, string(z)).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return bot.Product{}, bot.Errorf(bot.ENOTFOUND, "staff.no_product", nil)
	}
	if err != nil {
		return bot.Product{}, fmt.Errorf("product: %w", err)
	}
	return r.product(), nil
}

func toProductRow(p bot.Product) productRow {
	return productRow{PZN: string(p.PZN), Name: p.Name, Strength: p.Strength, Form: p.Form, Count: p.Count,
		NSize: p.NSize, Maker: p.Maker, Rx: p.Rx, Stock: p.Stock}
}

func (r productRow) product() bot.Product {
	return bot.Product{PZN: pzn.PZN(r.PZN), Name: r.Name, Strength: r.Strength, Form: r.Form, Count: r.Count,
		NSize: r.NSize, Maker: r.Maker, Rx: r.Rx, Stock: r.Stock}
}

// SearchProducts finds the branch's products whose PZN, name or maker
// contains q (all when q is empty), by name, at most limit; total counts all
// that match.
func (inv Inventory) SearchProducts(ctx context.Context, q string, limit int) (ps []bot.Product, total int64, err error) {
	g := inv.db.gorm.WithContext(ctx).Model(&productRow{}).Where("branch = ?", inv.branch)
	if q = strings.TrimSpace(q); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(q)) + "%"
		g = g.Where(`pzn LIKE ? ESCAPE '\' OR LOWER(name) LIKE ? ESCAPE '\' OR LOWER(maker) LIKE ? ESCAPE '\'`, like, like, like)
	}
	if err := g.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("search products: %w", err)
	}
	var rows []productRow
	if err := g.Order("name, strength, count").Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("search products: %w", err)
	}
	for _, r := range rows {
		ps = append(ps, r.product())
	}
	return ps, total, nil
}

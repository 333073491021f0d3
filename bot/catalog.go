package bot

import (
	"context"
	"time"
)

// catalogAge is how long a snapshot of the inventory serves matching;
// stock itself is always checked by the store when packs are reserved.
const catalogAge = time.Minute

// catalogNow returns the inventory index, rebuilt when it is older than
// catalogAge. When the inventory cannot be read, the old index serves.
func (e *Engine) catalogNow() *Catalog {
	e.catalogMu.Lock()
	defer e.catalogMu.Unlock()
	if e.catalog != nil && time.Since(e.catalogAt) < catalogAge {
		return e.catalog
	}
	ps, err := e.cfg.Inventory.Products(context.Background())
	if err != nil {
		e.log.Error("load inventory", "err", err)
		if e.catalog == nil {
			return NewCatalog(nil)
		}
		return e.catalog
	}
	e.catalog, e.catalogAt = NewCatalog(ps), time.Now()
	return e.catalog
}

// InventoryChanged makes the next match read the inventory anew (after an
// import).
func (e *Engine) InventoryChanged() {
	e.catalogMu.Lock()
	e.catalog = nil
	e.catalogMu.Unlock()
}

package engine

import (
	"context"
	"sync"
	"time"

	"github.com/apobot/apobot/bot/match"
)

// catalogAge is how long a snapshot of the inventory serves matching;
// stock itself is always checked by the store when packs are reserved.
const catalogAge = time.Minute

// catalogNow returns the inventory index, rebuilt when it is older than
// catalogAge. When the inventory cannot be read, the old index serves.
func (e *dialog) catalogNow() *match.Catalog {
	c := e.catalog
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cat != nil && time.Since(c.at) < catalogAge {
		return c.cat
	}
	ps, err := e.cfg.Inventory.Products(context.Background())
	if err != nil {
		e.log.Error("load inventory", "err", err)
		if c.cat == nil {
			return match.NewCatalog(nil, e.cfg.Lexicon)
		}
		return c.cat
	}
	c.cat, c.at = match.NewCatalog(ps, e.cfg.Lexicon), time.Now()
	return c.cat
}

// catalogCache keeps an inventory's index between matches.
type catalogCache struct {
	mu  sync.Mutex
	cat *match.Catalog
	at  time.Time
}

// InventoryChanged makes the next match read the inventory anew (after an
// import), at every branch.
func (e *Engine) InventoryChanged() {
	caches := []*catalogCache{e.talk.catalog}
	if e.talk.branches != nil {
		caches = append(caches, e.talk.branches.union.catalog)
		for _, v := range e.talk.branches.views {
			caches = append(caches, v.catalog)
		}
	}
	for _, c := range caches {
		c.mu.Lock()
		c.cat = nil
		c.mu.Unlock()
	}
}

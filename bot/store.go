package bot

import (
	"context"
	"time"

	"github.com/apobot/apobot/pzn"
)

// Inventory is the stock the bot matches requests against (store.DB).
type Inventory interface {
	// Products returns the whole inventory.
	Products(ctx context.Context) ([]Product, error)
	// Product returns one product; an ENOTFOUND Error when the pharmacy does
	// not carry it.
	Product(ctx context.Context, z pzn.PZN) (Product, error)
}

// PreOrders files and moves pre-orders (store.DB).
type PreOrders interface {
	// CreatePreOrder files po as received, with a new pickup code, and
	// reserves what is on the shelf; EINVALID for an empty order.
	CreatePreOrder(ctx context.Context, po *PreOrder) error
	// PreOrder returns one pre-order; ENOTFOUND when there is none.
	PreOrder(ctx context.Context, id int64) (PreOrder, error)
	// PreOrderByCode finds a pre-order by its pickup code; ENOTFOUND when
	// there is none.
	PreOrderByCode(ctx context.Context, c PickupCode) (PreOrder, error)
	// SetStatus moves a pre-order on; ECONFLICT when its lifecycle does not
	// allow it, ENOTFOUND when there is none.
	SetStatus(ctx context.Context, id int64, to Status, pickupAt time.Time, reason string) (PreOrder, error)
}

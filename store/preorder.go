package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// CreatePreOrder files a received pre-order with a new pickup code and, in
// the same transaction, reserves each item's packs from the shelf when there
// are enough (Reserved = Quantity), or none (the item is to be ordered).
// Concurrent calls never reserve more packs than there are: the stock check
// and the decrement are one UPDATE. po gets its id, code, status and the
// reservations.
func (db *DB) CreatePreOrder(ctx context.Context, po *bot.PreOrder) error {
	if err := checkItems(po.Items); err != nil {
		return err
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		code, err := freeCode(tx)
		if err != nil {
			return err
		}
		po.BringPrescription = bot.NeedsPrescription(po.Items)
		row := preorderRow{Code: string(code), Status: string(bot.StatusReceived), Branch: po.Branch, BringPrescription: po.BringPrescription,
			Medical: po.Flags.Medical, Unreadable: po.Flags.Unreadable}
		if !po.PickupAt.IsZero() {
			row.PickupAt = &po.PickupAt
		}
		for i, it := range po.Items {
			reserved, err := reserve(tx, po.Branch, it.PZN, it.Quantity)
			if err != nil {
				return err
			}
			po.Items[i].Reserved = reserved
			row.Items = append(row.Items, toItemRow(po.Items[i]))
		}
		if po.ConversationID != 0 {
			row.ConversationID = &po.ConversationID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if po.ConversationID != 0 { // a crash after this cannot file the request twice
			if err := tx.Model(&conversationRow{}).Where("id = ?", po.ConversationID).Update("preorder_id", row.ID).Error; err != nil {
				return err
			}
		}
		po.ID, po.Code, po.Status, po.CreatedAt, po.UpdatedAt = row.ID, bot.PickupCode(row.Code), bot.StatusReceived, row.CreatedAt, row.UpdatedAt
		return nil
	})
	if err != nil {
		return fmt.Errorf("create pre-order: %w", err)
	}
	return nil
}

func checkItems(items []bot.Item) error {
	if len(items) == 0 {
		return bot.Errorf(bot.EINVALID, "staff.no_items", nil)
	}
	for _, it := range items {
		if it.Quantity <= 0 {
			return bot.Errorf(bot.EINVALID, "staff.quantity_min", nil)
		}
	}
	return nil
}

// Revise replaces the items and flags of a pre-order that is received or
// proposed (bot.ECONFLICT otherwise): the old reservations go back on the
// shelf and the new items are reserved, in one transaction.
func (db *DB) Revise(ctx context.Context, id int64, branch string, items []bot.Item, flags bot.Flags) (bot.PreOrder, error) {
	if err := checkItems(items); err != nil {
		return bot.PreOrder{}, err
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row preorderRow
		if err := tx.Preload("Items").First(&row, "id = ?", id).Error; err != nil {
			return notFound(err)
		}
		if s := bot.Status(row.Status); s != bot.StatusReceived && s != bot.StatusProposed {
			return bot.Errorf(bot.ECONFLICT, "status.locked", msg.Args{"Status": s})
		}
		if err := release(tx, row.Branch, row.Items); err != nil {
			return err
		}
		if err := tx.Where("preorder_id = ?", id).Delete(&itemRow{}).Error; err != nil {
			return err
		}
		for _, it := range items {
			reserved, err := reserve(tx, branch, it.PZN, it.Quantity)
			if err != nil {
				return err
			}
			it.Reserved = reserved
			r := toItemRow(it)
			r.PreorderID = id
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
		}
		return tx.Model(&preorderRow{}).Where("id = ?", id).Updates(map[string]any{"branch": branch, "medical": flags.Medical, "unreadable": flags.Unreadable,
			"bring_prescription": bot.NeedsPrescription(items), "updated_at": db.now()}).Error
	})
	if err != nil {
		return bot.PreOrder{}, fmt.Errorf("revise pre-order: %w", err)
	}
	return db.PreOrder(ctx, id)
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return bot.Errorf(bot.ENOTFOUND, "staff.no_preorder", nil)
	}
	return err
}

// freeCode draws pickup codes until one is not in use (with 887 million
// codes, the first almost always is).
func freeCode(tx *gorm.DB) (bot.PickupCode, error) {
	for range 10 {
		c := bot.NewPickupCode()
		var n int64
		if err := tx.Model(&preorderRow{}).Where("code = ?", string(c)).Count(&n).Error; err != nil {
			return "", err
		}
		if n == 0 {
			return c, nil
		}
	}
	return "", errors.New("no free pickup code after 10 draws")
}

// reserve takes n packs of z off branch's shelf if there are n, and says
// how many it took.
func reserve(tx *gorm.DB, branch string, z pzn.PZN, n int) (int, error) {
	if z == "" {
		return 0, nil // not in the inventory: to order
	}
	res := tx.Model(&productRow{}).Where("branch = ? AND pzn = ? AND stock >= ?", branch, string(z), n).
		UpdateColumn("stock", gorm.Expr("stock - ?", n))
	if res.Error != nil {
		return 0, fmt.Errorf("reserve %s: %w", z, res.Error)
	}
	if res.RowsAffected == 0 {
		return 0, nil
	}
	return n, nil
}

// PreOrder returns pre-order id with its items; bot.ENOTFOUND when none.
func (db *DB) PreOrder(ctx context.Context, id int64) (bot.PreOrder, error) {
	return db.findPreOrder(ctx, "id = ?", id)
}

// PreOrderByCode returns the pre-order with pickup code c; bot.ENOTFOUND
// when none.
func (db *DB) PreOrderByCode(ctx context.Context, c bot.PickupCode) (bot.PreOrder, error) {
	return db.findPreOrder(ctx, "code = ?", string(c))
}

func (db *DB) findPreOrder(ctx context.Context, where string, arg any) (bot.PreOrder, error) {
	var row preorderRow
	err := db.gorm.WithContext(ctx).Preload("Items").First(&row, where, arg).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return bot.PreOrder{}, bot.Errorf(bot.ENOTFOUND, "staff.no_preorder", nil)
	}
	if err != nil {
		return bot.PreOrder{}, fmt.Errorf("find pre-order: %w", err)
	}
	return row.preOrder(), nil
}

// SetStatus moves pre-order id to status to, if the lifecycle allows it
// (bot.ECONFLICT otherwise), with pickupAt when not zero and reason for a
// rejection. A pre-order that ends without pickup (rejected, cancelled,
// expired) puts its reserved packs back on the shelf.
func (db *DB) SetStatus(ctx context.Context, id int64, to bot.Status, pickupAt time.Time, reason string) (bot.PreOrder, error) {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row preorderRow
		err := tx.Preload("Items").First(&row, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return bot.Errorf(bot.ENOTFOUND, "staff.no_preorder", nil)
		}
		if err != nil {
			return err
		}
		return moveStatus(tx, row, to, pickupAt, reason)
	})
	if err != nil {
		return bot.PreOrder{}, fmt.Errorf("set pre-order status: %w", err)
	}
	return db.PreOrder(ctx, id)
}

// moveStatus moves row (loaded with its items) to status to, if the
// lifecycle allows it, inside tx; a pre-order that ends without pickup puts
// its reserved packs back on the shelf.
func moveStatus(tx *gorm.DB, row preorderRow, to bot.Status, pickupAt time.Time, reason string) error {
	if err := bot.Status(row.Status).Transition(to); err != nil {
		return err
	}
	if to == bot.StatusRejected || to == bot.StatusCancelled || to == bot.StatusExpired {
		if err := release(tx, row.Branch, row.Items); err != nil {
			return err
		}
	}
	updates := map[string]any{"status": string(to), "updated_at": tx.NowFunc()}
	if !pickupAt.IsZero() {
		updates["pickup_at"] = pickupAt
	}
	if reason != "" {
		updates["reason"] = reason
	}
	return tx.Model(&preorderRow{}).Where("id = ?", row.ID).Updates(updates).Error
}

// release puts the items' reserved packs back on branch's shelf.
func release(tx *gorm.DB, branch string, items []itemRow) error {
	for _, it := range items {
		if it.Reserved == 0 {
			continue
		}
		if err := tx.Model(&productRow{}).Where("branch = ? AND pzn = ?", branch, it.PZN).
			UpdateColumn("stock", gorm.Expr("stock + ?", it.Reserved)).Error; err != nil {
			return err
		}
		if err := tx.Model(&itemRow{}).Where("id = ?", it.ID).UpdateColumn("reserved", 0).Error; err != nil {
			return err
		}
	}
	return nil
}

func toItemRow(it bot.Item) itemRow {
	return itemRow{PZN: string(it.PZN), Name: it.Name, Strength: it.Strength, Form: it.Form, Count: it.Count,
		Quantity: it.Quantity, Reserved: it.Reserved, Rx: it.Rx, Printed: it.Printed}
}

func (r preorderRow) preOrder() bot.PreOrder {
	po := bot.PreOrder{ID: r.ID, Code: bot.PickupCode(r.Code), Status: bot.Status(r.Status), Branch: r.Branch,
		BringPrescription: r.BringPrescription, Reason: r.Reason, Flags: bot.Flags{Medical: r.Medical, Unreadable: r.Unreadable, ChatLost: r.ChatLost}, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.PickupAt != nil {
		po.PickupAt = *r.PickupAt
	}
	for _, it := range r.Items {
		po.Items = append(po.Items, bot.Item{PZN: pzn.PZN(it.PZN), Name: it.Name, Strength: it.Strength, Form: it.Form,
			Count: it.Count, Quantity: it.Quantity, Reserved: it.Reserved, Rx: it.Rx, Printed: it.Printed})
	}
	return po
}

// The store implements what bot consumes.
var (
	_ bot.Inventory = (*DB)(nil)
	_ bot.PreOrders = (*DB)(nil)
)

// OpenPreOrders returns the pre-orders staff still has to act on: new
// requests (received, proposed) first, newest first, then approved and
// ready ones by pickup time.
func (db *DB) OpenPreOrders(ctx context.Context) ([]bot.PreOrder, error) {
	var rows []preorderRow
	err := db.gorm.WithContext(ctx).Preload("Items").
		Where("status IN ?", []string{string(bot.StatusReceived), string(bot.StatusProposed), string(bot.StatusApproved), string(bot.StatusReady)}).
		Order("CASE WHEN status IN ('received','proposed') THEN 0 ELSE 1 END, " +
			"CASE WHEN status IN ('received','proposed') THEN -id ELSE 0 END, pickup_at, id").
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("open pre-orders: %w", err)
	}
	out := make([]bot.PreOrder, len(rows))
	for i, r := range rows {
		out[i] = r.preOrder()
	}
	return out, nil
}

// ConversationIDOf returns the conversation a pre-order came from, 0 when
// it is deleted.
func (db *DB) ConversationIDOf(ctx context.Context, preorderID int64) (int64, error) {
	var row preorderRow
	if err := db.gorm.WithContext(ctx).Select("id", "conversation_id").First(&row, "id = ?", preorderID).Error; err != nil {
		return 0, notFound(err)
	}
	if row.ConversationID == nil {
		return 0, nil
	}
	return *row.ConversationID, nil
}

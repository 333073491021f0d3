package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/pzn"
	"github.com/apobot/apobot/store/seal"
)

// errNoMaster is returned by every conversation method of a store opened
// without a master key.
var errNoMaster = errors.New("store: no master key: conversations cannot be stored")

// errGone is the answer for a conversation that no longer exists.
var errGone = bot.Errorf(bot.ENOTFOUND, "chat.gone", nil)

// StartConversation returns the conversation of chatKey, creating it (with
// its own key, wrapped by the master key) when there is none. One not yet
// greeted gets, in the same transaction, greet's text in its language as
// its first reply (the privacy notice), and its branch; greet nil: no
// greeting.
func (db *DB) StartConversation(ctx context.Context, ch bot.Channel, chatKey, lang, branch string, greet func(lang string) string) (bot.Conversation, error) {
	if db.master == nil {
		return bot.Conversation{}, errNoMaster
	}
	var conv bot.Conversation
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, key, err := db.conversationFor(tx, bot.Inbound{Channel: ch, ChatKey: chatKey, Language: lang})
		if err != nil || row.Noticed || greet == nil {
			conv = row.conversation()
			return err
		}
		// The first of a session's messages at once (two tabs, two
		// processes) greets; the others find the row locked, then greeted.
		m := messageRow{ConversationID: row.ID, PlatformID: randomBotID(), FromBot: true, Processed: true}
		if err := sealMessage(key, &m, greet(row.Language), nil, ""); err != nil {
			return err
		}
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		row.Noticed, row.Branch = true, branch
		conv = row.conversation()
		return tx.Model(&conversationRow{}).Where("id = ?", row.ID).Updates(map[string]any{"noticed": true, "branch": branch}).Error
	})
	if err != nil {
		return bot.Conversation{}, fmt.Errorf("start conversation: %w", err)
	}
	return conv, nil
}

// conversationFor finds the conversation of in's chat key or starts one, and
// returns it with its key unwrapped. A reply address in is sealed into it.
func (db *DB) conversationFor(tx *gorm.DB, in bot.Inbound) (conversationRow, seal.Key, error) {
	var row conversationRow
	err := db.forUpdate(tx).First(&row, "chat_key = ?", in.ChatKey).Error
	switch {
	case err == nil:
		k, err := seal.Unwrap(*db.master, row.SealedKey, keyAD(in.ChatKey))
		return row, k, err
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return row, seal.Key{}, err
	}
	k, err := seal.NewKey()
	if err != nil {
		return row, seal.Key{}, err
	}
	row = conversationRow{Channel: string(in.Channel), ChatKey: in.ChatKey, Language: language(in.Language), LastSeenAt: db.now()}
	if row.SealedKey, err = seal.Wrap(*db.master, k, keyAD(in.ChatKey)); err != nil {
		return row, seal.Key{}, err
	}
	if in.ReplyTo != "" {
		if row.ReplyTo, err = seal.Seal(k, []byte(in.ReplyTo), stateAD(in.ChatKey, "reply_to")); err != nil {
			return row, seal.Key{}, err
		}
	}
	// Two processes may take in a new chat's first messages at once: the
	// second finds the row the first made, once that one commits.
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "chat_key"}}, DoNothing: true}).Create(&row)
	if res.Error != nil || res.RowsAffected == 1 {
		return row, k, res.Error
	}
	row = conversationRow{}
	if err := db.forUpdate(tx).First(&row, "chat_key = ?", in.ChatKey).Error; err != nil {
		return row, seal.Key{}, err
	}
	k, err = seal.Unwrap(*db.master, row.SealedKey, keyAD(in.ChatKey))
	return row, k, err
}

// forUpdate locks the rows tx reads until it ends, on PostgreSQL (SQLite
// has one writer at a time): a conversation's row is locked first by every
// transaction that writes its messages, so two of them never hold a shared
// lock each and wait for the other's (a deadlock).
func (db *DB) forUpdate(tx *gorm.DB) *gorm.DB {
	if db.dialect != Postgres {
		return tx
	}
	return tx.Clauses(clause.Locking{Strength: "UPDATE"})
}

// language keeps the two languages the bot speaks; anything else is German.
func language(s string) string {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return "en"
	}
	return "de"
}

// Conversation returns conversation id; bot.ENOTFOUND once it is deleted.
func (db *DB) Conversation(ctx context.Context, id int64) (bot.Conversation, error) {
	return db.findConversation(ctx, "id = ?", id)
}

// ConversationByKey returns the conversation of a chat key.
func (db *DB) ConversationByKey(ctx context.Context, chatKey string) (bot.Conversation, error) {
	return db.findConversation(ctx, "chat_key = ?", chatKey)
}

// ConversationOf returns the conversation that led to pre-order id.
func (db *DB) ConversationOf(ctx context.Context, preorderID int64) (bot.Conversation, error) {
	var po preorderRow
	if err := db.gorm.WithContext(ctx).Select("conversation_id").First(&po, "id = ?", preorderID).Error; err != nil || po.ConversationID == nil {
		if err == nil || errors.Is(err, gorm.ErrRecordNotFound) {
			return bot.Conversation{}, errGone
		}
		return bot.Conversation{}, fmt.Errorf("conversation of pre-order: %w", err)
	}
	return db.Conversation(ctx, *po.ConversationID)
}

func (db *DB) findConversation(ctx context.Context, where string, arg any) (bot.Conversation, error) {
	if db.master == nil {
		return bot.Conversation{}, errNoMaster
	}
	row, key, err := db.conversationRow(db.gorm.WithContext(ctx), where, arg)
	if err != nil {
		return bot.Conversation{}, err
	}
	c := row.conversation()
	if len(row.Question) > 0 {
		plain, err := seal.Open(key, row.Question, stateAD(row.ChatKey, "question"))
		if err != nil {
			return bot.Conversation{}, fmt.Errorf("conversation question: %w", err)
		}
		q := decodeQuestion(string(plain))
		c.Question, c.Asked, c.Offer, c.Next, c.NextAsked = q.cands, q.quantity, q.offer, q.next, q.nextQuantity
	}
	return c, nil
}

// question is a conversation's open choice and what waits besides it,
// sealed as one line: the candidates, "q=3" the quantity wanted, "o=PZN"
// the products of another form kept in mind, "n=PZN" and "nq=2" the next
// choice to put.
type question struct {
	cands        []pzn.PZN
	quantity     int
	offer, next  []pzn.PZN
	nextQuantity int
}

func (q question) encode() string {
	var parts []string
	add := func(prefix string, zs []pzn.PZN) {
		for _, z := range zs {
			parts = append(parts, prefix+string(z))
		}
	}
	add("", q.cands)
	if q.quantity > 0 {
		parts = append(parts, "q="+strconv.Itoa(q.quantity))
	}
	add("o=", q.offer)
	add("n=", q.next)
	if q.nextQuantity > 0 {
		parts = append(parts, "nq="+strconv.Itoa(q.nextQuantity))
	}
	return strings.Join(parts, " ")
}

// decodeQuestion reads question.encode's line (schema v2 stored only the
// candidates).
func decodeQuestion(s string) question {
	var q question
	for _, f := range strings.Fields(s) {
		key, value, ok := strings.Cut(f, "=")
		switch {
		case !ok:
			q.cands = append(q.cands, pzn.PZN(f))
		case key == "q":
			q.quantity, _ = strconv.Atoi(value)
		case key == "o":
			q.offer = append(q.offer, pzn.PZN(value))
		case key == "n":
			q.next = append(q.next, pzn.PZN(value))
		case key == "nq":
			q.nextQuantity, _ = strconv.Atoi(value)
		}
	}
	return q
}

// conversationRow loads a row and unwraps its key.
func (db *DB) conversationRow(tx *gorm.DB, where string, arg any) (conversationRow, seal.Key, error) {
	var row conversationRow
	if err := tx.First(&row, where, arg).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return row, seal.Key{}, errGone
		}
		return row, seal.Key{}, fmt.Errorf("find conversation: %w", err)
	}
	key, err := seal.Unwrap(*db.master, row.SealedKey, keyAD(row.ChatKey))
	if err != nil {
		return row, seal.Key{}, fmt.Errorf("conversation key: %w", err)
	}
	return row, key, nil
}

// UpdateConversation saves c's language, open pre-order, question (sealed)
// and flags, and links the pre-order to the conversation.
func (db *DB) UpdateConversation(ctx context.Context, c bot.Conversation) error {
	if db.master == nil {
		return errNoMaster
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, _, err := updateConversation(tx, *db.master, c, false)
		return err
	})
	if err != nil {
		return fmt.Errorf("update conversation: %w", err)
	}
	return nil
}

// updateConversation writes c's state in tx and returns the row and key.
// updateConversation writes c's state and counts its version up; with
// fenced, only over the version c was read at (a turn's state), and
// bot.ErrAnsweredElsewhere when another process changed it since.
func updateConversation(tx *gorm.DB, master seal.Key, c bot.Conversation, fenced bool) (conversationRow, seal.Key, error) {
	var row conversationRow
	if err := tx.First(&row, "id = ?", c.ID).Error; err != nil {
		return row, seal.Key{}, notFoundConv(err)
	}
	key, err := seal.Unwrap(master, row.SealedKey, keyAD(row.ChatKey))
	if err != nil {
		return row, key, err
	}
	updates := map[string]any{"language": language(c.Language), "medical": c.Medical, "noticed": c.Noticed, "notify": c.Notify,
		"erase_asked": c.EraseAsked, "branch": c.Branch, "branch_asked": c.BranchAsked, "preorder_id": nil, "question": nil}
	if c.PreOrderID != 0 {
		updates["preorder_id"] = c.PreOrderID
		if err := tx.Model(&preorderRow{}).Where("id = ?", c.PreOrderID).Update("conversation_id", c.ID).Error; err != nil {
			return row, key, err
		}
	}
	if len(c.Question) > 0 || len(c.Offer) > 0 || len(c.Next) > 0 {
		q := question{cands: c.Question, quantity: c.Asked, offer: c.Offer, next: c.Next, nextQuantity: c.NextAsked}
		if updates["question"], err = seal.Seal(key, []byte(q.encode()), stateAD(row.ChatKey, "question")); err != nil {
			return row, key, err
		}
	}
	updates["version"] = gorm.Expr("version + 1")
	q := tx.Model(&conversationRow{}).Where("id = ?", c.ID)
	if fenced {
		q = q.Where("version = ?", c.Version)
	}
	res := q.Updates(updates)
	if res.Error == nil && res.RowsAffected == 0 {
		return row, key, bot.ErrAnsweredElsewhere
	}
	return row, key, res.Error
}

func notFoundConv(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errGone
	}
	return err
}

// ReplyAddress opens the conversation's reply address.
func (db *DB) ReplyAddress(ctx context.Context, convID int64) (string, error) {
	if db.master == nil {
		return "", errNoMaster
	}
	row, key, err := db.conversationRow(db.gorm.WithContext(ctx), "id = ?", convID)
	if err != nil || len(row.ReplyTo) == 0 {
		return "", err
	}
	addr, err := seal.Open(key, row.ReplyTo, stateAD(row.ChatKey, "reply_to"))
	if err != nil {
		return "", fmt.Errorf("reply address: %w", err)
	}
	return string(addr), nil
}

// keyAD binds a wrapped key to its conversation; stateAD binds a sealed
// conversation field to it.
func keyAD(chatKey string) []byte { return []byte("conversation\x00" + chatKey) }

func stateAD(chatKey, field string) []byte {
	return []byte("conversation\x00" + chatKey + "\x00" + field)
}

func (r conversationRow) conversation() bot.Conversation {
	c := bot.Conversation{ID: r.ID, Channel: bot.Channel(r.Channel), ChatKey: r.ChatKey, Language: r.Language,
		Medical: r.Medical, Noticed: r.Noticed, Notify: r.Notify, EraseAsked: r.EraseAsked, Branch: r.Branch, BranchAsked: r.BranchAsked, Version: r.Version,
		CreatedAt: r.CreatedAt, LastSeenAt: r.LastSeenAt}
	if r.PreorderID != nil {
		c.PreOrderID = *r.PreorderID
	}
	return c
}

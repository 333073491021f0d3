package store

import "time"

// The row types are the tables; they stay inside store. Columns that hold
// what a customer wrote or sent are []byte: the retention work seals them
// with the conversation's key before they are written (store/seal; docs/privacy.md).
//
// The schema is the SQL in migrations/ (sizes, NOT NULL, defaults, checks,
// indexes, foreign keys); gorm never creates tables, so the tags here are
// only what gorm reads at run time: primary keys and the one association
// Preload follows.

// productRow is a line of the inventory.
type productRow struct {
	Branch    string `gorm:"primaryKey"` // "" without branches (schema v12)
	PZN       string `gorm:"primaryKey"`
	Name      string
	Strength  string
	Form      string
	Count     int
	NSize     string
	Maker     string
	Rx        bool
	Stock     int
	UpdatedAt time.Time
}

func (productRow) TableName() string { return "products" }

// preorderRow is a pre-order: items, time, code and status, nothing personal.
type preorderRow struct {
	ID                int64 `gorm:"primaryKey"`
	Code              string
	Status            string
	Branch            string // the branch it is picked up at (v12)
	PickupAt          *time.Time
	BringPrescription bool
	Reason            string
	Medical           bool // flags for staff (schema v2)
	Unreadable        bool
	ChatLost          bool   // restored from a backup, which holds no chats (schema v8)
	ConversationID    *int64 // cleared when the conversation is deleted
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Items             []itemRow `gorm:"foreignKey:PreorderID"`
}

func (preorderRow) TableName() string { return "preorders" }

// itemRow is one product of a pre-order.
type itemRow struct {
	ID         int64 `gorm:"primaryKey"`
	PreorderID int64
	PZN        string
	Name       string
	Strength   string
	Form       string // (schema v2)
	Count      int
	Quantity   int
	Reserved   int
	Rx         bool
	Printed    bool // the name as read from the customer's photo (schema v9)
}

func (itemRow) TableName() string { return "preorder_items" }

// conversationRow is a chat with one customer on one channel.
type conversationRow struct {
	ID         int64 `gorm:"primaryKey"`
	Channel    string
	ChatKey    string // keyed HMAC of the messenger id
	SealedKey  []byte // the conversation's own key, sealed by the master key
	ReplyTo    []byte // sealed reply address
	Language   string
	PreorderID *int64 // the open request (schema v2)
	Question   []byte // sealed candidate PZNs the bot asked about (v2)
	Medical    bool   // (v2)
	Noticed    bool   // the privacy notice went out (v2)
	Notify     bool   // the customer asked to be told when the order is ready (v2)
	EraseAsked bool   // the bot asked whether to erase the chat (v6)
	Branch     string // the branch the customer picks up at; "" not yet chosen (v12)
	// BranchAsked is the message the bot asked "which branch?" about, to
	// answer once the customer said (v12).
	BranchAsked int64
	Version     int64 // counts the changes of its state (v12)
	LastSeenAt  time.Time
	CreatedAt   time.Time
}

func (conversationRow) TableName() string { return "conversations" }

// messageRow is one message; its content is sealed.
type messageRow struct {
	ID             int64 `gorm:"primaryKey"`
	ConversationID int64
	PlatformID     string // de-duplicates redelivered webhooks
	FromBot        bool
	Text           []byte // sealed, after redaction
	Photo          []byte // sealed
	ScanText       []byte // sealed OCR findings
	MediaRef       []byte // sealed platform media id, until fetched (v2)
	Document       bool   // a file that is not a photo (v2)
	SentID         string // the platform's id of a bot reply sent from the outbox (v2)
	Processed      bool
	CreatedAt      time.Time
}

func (messageRow) TableName() string { return "messages" }

// staffRow is a pharmacist's account.
type staffRow struct {
	ID           int64 `gorm:"primaryKey"`
	Username     string
	PasswordHash string // argon2id, encoded with its parameters
	Owner        bool   // may manage the accounts
	Branches     string // the branches it works at, comma-separated; "": all (v12)
	CreatedAt    time.Time
}

func (staffRow) TableName() string { return "staff" }

// staffEventRow records one change to the accounts: who, what, to whom,
// when. It holds no password material.
type staffEventRow struct {
	ID     int64 `gorm:"primaryKey"`
	At     time.Time
	Actor  string // an account's name, or "" for the command line
	Action string // added, password, removed, owner, not_owner
	Target string
}

func (staffEventRow) TableName() string { return "staff_events" }

// sessionRow is a staff login; the id is a random 256-bit value's hash.
type sessionRow struct {
	IDHash     string `gorm:"primaryKey"`
	StaffID    int64
	CreatedAt  time.Time
	LastSeenAt time.Time
}

func (sessionRow) TableName() string { return "staff_sessions" }

// counterRow counts per day what happened, without personal data.
type counterRow struct {
	Day   string `gorm:"primaryKey"` // 2006-01-02
	Name  string `gorm:"primaryKey"`
	Value int64
}

func (counterRow) TableName() string { return "counters" }

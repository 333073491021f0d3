package store

import "time"

// The row types are the tables; they stay inside store. Columns that hold
// what a customer wrote or sent are []byte: the retention work seals them
// with the conversation's key before they are written (store/seal; README, "Privacy and retention").

// productRow is a line of the inventory.
type productRow struct {
	Branch    string `gorm:"primaryKey"` // "" without branches (schema v12)
	PZN       string `gorm:"primaryKey;size:8"`
	Name      string `gorm:"not null"`
	Strength  string
	Form      string
	Count     int    `gorm:"not null;check:count >= 0"`
	NSize     string `gorm:"size:2"`
	Maker     string
	Rx        bool
	Stock     int `gorm:"not null;check:stock >= 0"`
	UpdatedAt time.Time
}

func (productRow) TableName() string { return "products" }

// preorderRow is a pre-order: items, time, code and status, nothing personal.
type preorderRow struct {
	ID                int64  `gorm:"primaryKey"`
	Code              string `gorm:"uniqueIndex;size:6;not null"`
	Status            string `gorm:"index;not null"`
	Branch            string `gorm:"index;not null;default:''"` // the branch it is picked up at (v12)
	PickupAt          *time.Time
	BringPrescription bool
	Reason            string
	Medical           bool // flags for staff (schema v2)
	Unreadable        bool
	ChatLost          bool   `gorm:"not null;default:false"` // restored from a backup, which holds no chats (schema v8)
	ConversationID    *int64 `gorm:"index"`                  // cleared when the conversation is deleted
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Items             []itemRow `gorm:"foreignKey:PreorderID;constraint:OnDelete:CASCADE"`
}

func (preorderRow) TableName() string { return "preorders" }

// itemRow is one product of a pre-order.
type itemRow struct {
	ID         int64 `gorm:"primaryKey"`
	PreorderID int64 `gorm:"index;not null"`
	PZN        string
	Name       string
	Strength   string
	Form       string // (schema v2)
	Count      int
	Quantity   int `gorm:"not null;check:quantity > 0"`
	Reserved   int `gorm:"not null;default:0"`
	Rx         bool
	Printed    bool `gorm:"not null;default:false"` // the name as read from the customer's photo (schema v9)
}

func (itemRow) TableName() string { return "preorder_items" }

// conversationRow is a chat with one customer on one channel.
type conversationRow struct {
	ID         int64  `gorm:"primaryKey"`
	Channel    string `gorm:"not null"`
	ChatKey    string `gorm:"uniqueIndex;not null"` // keyed HMAC of the messenger id
	SealedKey  []byte // the conversation's own key, sealed by the master key
	ReplyTo    []byte // sealed reply address
	Language   string `gorm:"size:2"`
	PreorderID *int64 `gorm:"index"` // the open request (schema v2)
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
	Messages    []messageRow `gorm:"foreignKey:ConversationID;constraint:OnDelete:CASCADE"`
}

func (conversationRow) TableName() string { return "conversations" }

// messageRow is one message; its content is sealed.
type messageRow struct {
	ID             int64  `gorm:"primaryKey"`
	ConversationID int64  `gorm:"uniqueIndex:idx_messages_platform;not null"`
	PlatformID     string `gorm:"uniqueIndex:idx_messages_platform;not null"` // de-duplicates redelivered webhooks
	FromBot        bool
	Text           []byte // sealed, after redaction
	Photo          []byte // sealed
	ScanText       []byte // sealed OCR findings
	MediaRef       []byte // sealed platform media id, until fetched (v2)
	Document       bool   // a file that is not a photo (v2)
	SentID         string // the platform's id of a bot reply sent from the outbox (v2)
	Processed      bool   `gorm:"index"`
	CreatedAt      time.Time
}

func (messageRow) TableName() string { return "messages" }

// staffRow is a pharmacist's account.
type staffRow struct {
	ID           int64  `gorm:"primaryKey"`
	Username     string `gorm:"uniqueIndex;not null"`
	PasswordHash string `gorm:"not null"`               // argon2id, encoded with its parameters
	Owner        bool   `gorm:"not null;default:false"` // may manage the accounts
	Branches     string `gorm:"not null;default:''"`    // the branches it works at, comma-separated; "": all (v12)
	CreatedAt    time.Time
}

func (staffRow) TableName() string { return "staff" }

// staffEventRow records one change to the accounts: who, what, to whom,
// when. It holds no password material.
type staffEventRow struct {
	ID     int64     `gorm:"primaryKey"`
	At     time.Time `gorm:"index;not null"`
	Actor  string    `gorm:"not null"` // an account's name, or "" for the command line
	Action string    `gorm:"not null"` // added, password, removed, owner, not_owner
	Target string    `gorm:"not null"`
}

func (staffEventRow) TableName() string { return "staff_events" }

// sessionRow is a staff login; the id is a random 256-bit value's hash.
type sessionRow struct {
	IDHash     string `gorm:"primaryKey"`
	StaffID    int64  `gorm:"index;not null"`
	CreatedAt  time.Time
	LastSeenAt time.Time
}

func (sessionRow) TableName() string { return "staff_sessions" }

// counterRow counts per day what happened, without personal data.
type counterRow struct {
	Day   string `gorm:"primaryKey;size:10"` // 2006-01-02
	Name  string `gorm:"primaryKey"`
	Value int64
}

func (counterRow) TableName() string { return "counters" }

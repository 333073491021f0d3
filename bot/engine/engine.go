package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode/utf8"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/brands"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/bot/nlu"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/bot/redact"
	"github.com/apobot/apobot/bot/triage"
	"github.com/apobot/apobot/pzn"
)

// Config wires an Engine.
type Config struct {
	Conversations bot.Conversations
	PreOrders     bot.PreOrders
	Inventory     bot.Inventory
	Scanner       bot.Scanner // nil: photos are answered with "please type the PZN"
	// Clean makes the copy of a photo that is stored: decoded, upright,
	// encoded anew without metadata (ocr/photo.Clean); it fails for a file
	// that is no image, which is then not stored. nil stores photos as sent
	// (for tests with stand-in bytes only).
	Clean   func(data []byte) ([]byte, error)
	Planner *plan.Planner
	// Branches, when there are two or more, are the pharmacy's branches,
	// each with its planner and inventory; Planner and Inventory are then
	// the first one's unless set.
	Branches []bot.Branch
	// StockByBranch tells a product's stock at each branch, so a customer
	// hears which other branch has what the chosen one lacks.
	StockByBranch func(ctx context.Context, z pzn.PZN) (map[string]int, error)
	Messengers    map[bot.Channel]bot.Messenger // WhatsApp, Telegram; the web chat needs none
	Workers       int                           // messages worked on at once; default 2
	MaxPending    int                           // photos waiting before PhotosBehind; default DefaultMaxPendingPhotos
	Logger        *slog.Logger                  // ids and counts only
	// RetryEvery is how often work left undone is tried again: a reply a
	// platform did not take (it could not be reached), or a message whose
	// turn failed. Default DefaultRetryEvery.
	RetryEvery time.Duration
	// Claims keep a conversation's work to one process when several share
	// the database (PostgreSQL); nil: this process is the only one.
	Claims bot.Claims
	// ClaimLease is how long a claim outlives a process that stops
	// renewing it (it died); default DefaultClaimLease.
	ClaimLease time.Duration
	Observer   bot.Observer // counts for /metrics; nil: none
	Now        func() time.Time
	// Said, when set, hears what a turn answered, by catalogue ID, once
	// its work is done (tests wait on it and assert on the IDs; it must
	// not keep the texts).
	Said func(message int64, replies []bot.Reply)
	// Policy is the content each channel takes; nil: DefaultPolicy.
	Policy bot.Policy
	// WebChat is the address of the pharmacy's web chat (https://…/), and
	// ThreemaID its Threema Gateway ID when Threema is on: where a customer
	// is sent with what a channel does not take. "": not known, not on.
	WebChat, ThreemaID string
	// Triage reads whether a message says someone needs help now; nil:
	// triage.Default().
	Triage *triage.Reader
	// Brands are the brand names read as what they stand for: the shipped
	// list with the pharmacy's own file over it; nil: brands.Default().
	Brands *brands.Set
	// Lexicon is what the phrase files say, the words the dialog reads
	// messages with; nil: nlu.Default() (a broken one makes Start fail).
	Lexicon *nlu.Lexicon
}

// DefaultRetryEvery is Config.RetryEvery's default.
const DefaultRetryEvery = time.Minute

// Engine is the conversation: it takes customers' messages in, works on
// them in the background (scan, match, plan, pre-order) and replies.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	lanes  *lanes
	photos *pending
	retry  *retrier
	owner  string        // this process in its claims
	lease  time.Duration // a claim's lease

	talk   *dialog // the conversation's rules, before a branch is chosen
	intake *intake // photos: counted, held, fetched, cleaned, scanned
	broken error   // the phrase files could not be read: Start and Receive return it
}

// New builds an engine; Start runs its workers.
func New(cfg Config) *Engine { return newEngine(cfg, nlu.Default) }

// newEngine builds an engine whose lexicon, when cfg names none, is
// load's. When load fails the engine keeps the error for Start and
// Receive, so a broken phrase file stops the service at start-up, not
// with a panic.
func newEngine(cfg Config, load func() (*nlu.Lexicon, error)) *Engine {
	if len(cfg.Branches) > 1 && cfg.Planner == nil {
		cfg.Planner = cfg.Branches[0].Planner
	}
	if len(cfg.Branches) > 1 && cfg.Inventory == nil {
		cfg.Inventory = cfg.Branches[0].Inventory
	}
	e := &Engine{cfg: cfg, log: cfg.Logger, now: cfg.Now}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.cfg.Workers <= 0 {
		e.cfg.Workers = 2
	}
	if e.cfg.Observer == nil {
		e.cfg.Observer = noObserver{}
	}
	if e.cfg.Triage == nil {
		e.cfg.Triage = triage.Default()
	}
	if e.cfg.Brands == nil {
		e.cfg.Brands, _ = brands.Default() // embedded and tested: nil only if broken, then no brands
	}
	e.owner, e.lease = newOwner(), cfg.ClaimLease
	if e.lease <= 0 {
		e.lease = DefaultClaimLease
	}
	e.lanes = newLanes(func(ctx context.Context, convID int64) {
		e.claimed(ctx, convID, false, func(ctx context.Context) int64 { return e.work(ctx, convID) })
	})
	e.photos = newPending(cfg.MaxPending)
	if e.cfg.Lexicon == nil {
		if e.cfg.Lexicon, e.broken = load(); e.broken != nil {
			e.broken = fmt.Errorf("engine: Phrasendateien nicht lesbar / phrase files unreadable: %w", e.broken)
		}
	}
	e.talk = &dialog{cfg: e.cfg, now: e.now, log: e.log, catalog: &catalogCache{}}
	if e.broken == nil {
		e.talk.lx = newLexicon(e.cfg.Lexicon)
	}
	e.intake = &intake{cfg: e.cfg, log: e.log, now: e.now, photos: e.photos, talk: e.talk}
	e.setUpBranches()
	return e
}

// Start runs the workers until ctx is done or Stop, and resumes the work
// that was stored but not done before (a restart).
func (e *Engine) Start(ctx context.Context) error {
	if e.broken != nil {
		return e.broken
	}
	e.lanes.start(ctx, e.cfg.Workers)
	backlog, err := e.cfg.Conversations.Backlog(ctx)
	if err != nil {
		return err
	}
	photos, err := e.cfg.Conversations.UnreadPhotos(ctx)
	if err != nil {
		return err
	}
	for _, p := range photos { // stored before a restart: they wait for the scanner too
		e.photos.add(p.MessageID, p.ConversationID)
	}
	for _, id := range backlog {
		e.lanes.schedule(id)
	}
	if len(backlog) > 0 {
		e.log.Info("resuming stored messages", "conversations", len(backlog))
	}
	e.retry = startRetrier(ctx, retryEvery(e.cfg, e.lease), e.retryUndone)
	return nil
}

// retryEvery is how often undone work is looked for: Config.RetryEvery,
// and with claims at least once a lease, so a conversation whose process
// died is taken up soon after its claim ran out.
func retryEvery(cfg Config, lease time.Duration) time.Duration {
	every := cfg.RetryEvery
	if every <= 0 {
		every = DefaultRetryEvery
	}
	if cfg.Claims != nil {
		every = min(every, lease)
	}
	return every
}

// Stop lets running work finish; what is queued stays stored for the next
// start.
func (e *Engine) Stop() {
	if e.retry != nil {
		e.retry.stop()
	}
	e.lanes.stop()
}

// QueueDepth returns how many conversations wait for a worker.
func (e *Engine) QueueDepth() int { return e.lanes.depth() }

// Receive takes a message in: redacts its text, stores it sealed (once per
// platform id) and schedules the work. It returns when the message is
// stored, so the platform can be answered at once. An EINVALID Error for a
// message without a chat key, id or content, or with an overlong text; for
// a photo sent with it, the errors of takeIn (TooManyPhotos, ErrPhotosBehind).
func (e *Engine) Receive(ctx context.Context, in bot.Inbound) (bot.Receipt, error) {
	if e.broken != nil {
		return bot.Receipt{}, e.broken
	}
	if err := checkInbound(in); err != nil {
		return bot.Receipt{}, err
	}
	if !in.ReceivedAt.IsZero() && e.now().Sub(in.ReceivedAt) > bot.RedeliveryWindow {
		// Its id may be forgotten already: a replay this old is refused by
		// its time stamp instead.
		return bot.Receipt{}, bot.Errorf(bot.EINVALID, "inbound.too_old", nil)
	}
	if err := e.intake.takeIn(ctx, &in); err != nil {
		return bot.Receipt{}, err
	}
	e.talk.withholdText(&in) // before anything of it is stored
	in.Text, _ = redact.Redact(in.Text, e.now())
	conv, id, dup, err := e.cfg.Conversations.SaveInbound(ctx, in)
	if err != nil {
		return bot.Receipt{}, err
	}
	e.cfg.Observer.Received(in.Channel, dup)
	if !dup && (len(in.Photo) > 0 || in.MediaRef != "") {
		e.photos.add(id, conv.ID)
	}
	if !dup {
		if e.talk.lx.eraseNow(in.Text) {
			e.lanes.interrupt(conv.ID) // no scan is worth finishing now
		}
		e.lanes.schedule(conv.ID)
	}
	return bot.Receipt{MessageID: id, ConversationID: conv.ID, Duplicate: dup}, nil
}

func checkInbound(in bot.Inbound) error {
	switch {
	case in.ChatKey == "" || in.MessageID == "":
		return bot.Errorf(bot.EINVALID, "inbound.no_sender", nil)
	case !utf8.ValidString(in.Text):
		return bot.Errorf(bot.EINVALID, "inbound.not_utf8", nil)
	case utf8.RuneCountInString(in.Text) > bot.MaxText:
		return bot.Errorf(bot.EINVALID, "inbound.too_long", msg.Args{"Max": 2000})
	case in.Text == "" && len(in.Photo) == 0 && in.MediaRef == "" && !in.Document:
		return bot.Errorf(bot.EINVALID, "inbound.empty", nil)
	}
	return nil
}

// WebGreeting is the first message of a web chat, in lang: the privacy
// notice and what the customer can send, under DefaultPolicy.
func WebGreeting(lang string) string { return webGreeting(lang, nil) }

// webGreeting is WebGreeting under policy p.
func webGreeting(lang string, p bot.Policy) string {
	return PrivacyNotice(lang, bot.ChannelWeb, p).Text + "\n\n" + msg.Text(lang, helpID(bot.ChannelWeb, p), nil)
}

// StartWebAt opens a web chat for a new session's chat key and greets it
// with the privacy notice, in lang. Opened from a branch's own link, the
// chat begins at that branch (one the pharmacy has), and its customer is
// not asked where they pick up.
func (e *Engine) StartWebAt(ctx context.Context, chatKey, lang, branch string) (bot.Conversation, error) {
	if _, ok := e.talk.branch(branch); !ok {
		branch = ""
	}
	return e.cfg.Conversations.StartConversation(ctx, bot.ChannelWeb, chatKey, lang, branch, func(lang string) string {
		return webGreeting(lang, e.cfg.Policy)
	})
}

// SetLanguage sets the language a conversation is answered in ("de" or
// "en"): the web page's language switch. It waits for the conversation's
// running work, which owns its state.
func (e *Engine) SetLanguage(ctx context.Context, convID int64, lang string) error {
	return e.hold(ctx, convID, func(ctx context.Context) error {
		c, err := e.cfg.Conversations.Conversation(ctx, convID)
		if err != nil {
			return err
		}
		c.Language = msg.Lang(lang)
		return e.cfg.Conversations.UpdateConversation(ctx, c)
	})
}

// Erase deletes everything of a conversation now, waiting only for its
// running work to stop, and deletes the chat on the platform where it can.
func (e *Engine) Erase(ctx context.Context, convID int64) error {
	return e.hold(ctx, convID, func(ctx context.Context) error { return e.erase(ctx, convID) })
}

func (e *Engine) erase(ctx context.Context, convID int64) error {
	c, err := e.cfg.Conversations.Conversation(ctx, convID)
	if err != nil {
		return err
	}
	e.eraseOnPlatform(ctx, c, 0)
	if err := e.cfg.Conversations.DeleteConversation(ctx, convID); err != nil {
		return err
	}
	e.afterErase(c)
	return nil
}

// afterErase forgets the erased chat's photos and logs the erasure; its
// undecided request was cancelled with it (DeleteConversation).
func (e *Engine) afterErase(c bot.Conversation) {
	e.photos.dropConversation(c.ID)
	e.log.Info("conversation erased", "conversation", c.ID, "channel", string(c.Channel))
}

// eraseOnPlatform deletes the chat's messages on a platform that allows
// it: all of them, or those up to message id upTo when it is not 0.
func (e *Engine) eraseOnPlatform(ctx context.Context, c bot.Conversation, upTo int64) {
	er, ok := e.cfg.Messengers[c.Channel].(bot.Eraser)
	if !ok {
		return
	}
	to, err := e.cfg.Conversations.ReplyAddress(ctx, c.ID)
	msgs, err2 := e.cfg.Conversations.Messages(ctx, c.ID, 0)
	if err = errors.Join(err, err2); err != nil || to == "" {
		e.log.Warn("erase on platform", "conversation", c.ID, "err", err)
		return
	}
	var ids []string
	for _, m := range msgs {
		if upTo == 0 || m.ID <= upTo {
			ids = append(ids, m.PlatformID)
		}
	}
	if err := er.Erase(ctx, to, ids); err != nil {
		e.log.Warn("erase on platform", "conversation", c.ID, "channel", string(c.Channel), "err", err)
	}
}

// noObserver is the Observer when none is configured.
type noObserver struct{}

func (noObserver) Received(bot.Channel, bool)                {}
func (noObserver) Scanned(string, time.Duration)             {}
func (noObserver) Understood(bot.Channel, bot.Understanding) {}

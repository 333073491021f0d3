// Package service assembles apobot from its parts: the conversation engine
// over the store and the web server with the channels' webhooks and the
// staff pages. `apobot serve`, the benchmarks and the web tests build it
// here, so what a benchmark or a test measures is what a pharmacy runs.
package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/brands"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/plan"
	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/ocr/photo"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/inventory"
	"github.com/apobot/apobot/store/password"
	"github.com/apobot/apobot/store/seal"
)

// Config is the service's configuration, read and checked by the caller.
type Config struct {
	DB       *store.DB
	Master   seal.Key // keys the chats' pseudonyms
	Pharmacy string   // its name on the chat page
	Plan     plan.Config
	// Branches, two or more, are the pharmacy's branches; Plan is then
	// the first one's. None: a pharmacy without branches.
	Branches []BranchConfig
	Logger   *slog.Logger // nil: discard

	Scanner    bot.Scanner // nil: photos are answered that they cannot be read here
	Messengers map[bot.Channel]bot.Messenger
	WhatsApp   *web.WhatsApp // webhook settings; nil: off
	Telegram   *web.Telegram
	Threema    *web.Threema
	Messenger  *web.Messenger
	// Policy is the content each channel takes (nil: bot.DefaultPolicy),
	// WebChat the web chat's address customers are sent to with what a
	// channel does not take ("": none named).
	Policy  bot.Policy
	WebChat string

	Workers   int // conversations worked on at once; default Workers
	ScanQueue int // photos that may wait for the scanner; default bot's
	Proxies   []*net.IPNet

	Observer       bot.Observer // counts for /metrics; nil: none
	ObserveRequest func(method, route string, status int, took time.Duration)
	Metrics        http.Handler // /metrics on the service's port; nil: none there
	MetricsToken   string
	Said           func(message int64, replies []bot.Reply) // a turn's work is done (benchmarks)

	Now           func() time.Time  // the engine's and the login limit's clock; default time.Now
	RetryEvery    time.Duration     // how often undelivered replies are tried again; default bot's
	ClaimLease    time.Duration     // on PostgreSQL, how long a dead process's conversations wait; default bot's
	EventInterval time.Duration     // how often the tablet's queue looks for news; default web's
	StaffIdle     time.Duration     // a tablet login left alone this long ends; default web's
	ChatIdle      time.Duration     // a web chat token without a message this long ends; default web's
	CheckPassword web.PasswordCheck // default argon2id (password.Check)
	Brands        *brands.Set       // brand names and what they stand for; nil: the shipped list
}

// BranchConfig is one branch as configured (APOBOT_CONFIG "branches").
type BranchConfig struct {
	ID, Name, Address string
	Words             []string // what names it in a message
	Plan              plan.Config
}

// branches builds the engine's and the tablet's branches.
func branches(c Config) ([]bot.Branch, []web.Branch, error) {
	if len(c.Branches) < 2 {
		return nil, nil, nil
	}
	var eng []bot.Branch
	var tab []web.Branch
	for _, b := range c.Branches {
		p, err := plan.New(b.Plan)
		if err != nil {
			return nil, nil, fmt.Errorf("branch %s: %w", b.ID, err)
		}
		eng = append(eng, bot.Branch{ID: b.ID, Name: b.Name, Address: b.Address, Words: b.Words, Planner: p, Inventory: c.DB.Inventory(b.ID)})
		tab = append(tab, web.Branch{ID: b.ID, Name: b.Name})
	}
	return eng, tab, nil
}

// threemaID is the pharmacy's Threema ID customers can write to, "" when
// Threema is off.
func threemaID(t *web.Threema) string {
	if t == nil {
		return ""
	}
	return t.ID
}

// Workers is how many conversations are worked on at once by default: more
// than the scanner's slots (one per core), so typed requests are not held
// up behind photos.
const Workers = 4

// Service is the assembled engine and web server.
type Service struct {
	Engine *engine.Engine
	Web    *web.Server
}

// New assembles the service; it starts nothing.
func New(c Config) (*Service, error) {
	planner, err := plan.New(c.Plan)
	if err != nil {
		return nil, fmt.Errorf("opening hours and deliveries: %w", err)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Workers == 0 {
		c.Workers = Workers
	}
	if c.CheckPassword == nil {
		c.CheckPassword = password.Check
	}
	engBranches, tabBranches, err := branches(c)
	if err != nil {
		return nil, err
	}
	var inv bot.Inventory = c.DB
	if engBranches != nil {
		inv, planner = engBranches[0].Inventory, engBranches[0].Planner
	}
	eng := engine.New(engine.Config{Conversations: c.DB, PreOrders: c.DB, Inventory: inv, Planner: planner,
		Branches: engBranches, StockByBranch: c.DB.StockByBranch,
		Scanner: c.Scanner, Clean: photo.Clean, Messengers: c.Messengers, Workers: c.Workers, MaxPending: c.ScanQueue,
		Logger: c.Logger, Observer: c.Observer, Said: c.Said, Now: c.Now, RetryEvery: c.RetryEvery,
		Claims: c.DB.Claims(), ClaimLease: c.ClaimLease, Policy: c.Policy, WebChat: c.WebChat, ThreemaID: threemaID(c.Threema), Brands: c.Brands})
	srv, err := web.New(web.Config{Logger: c.Logger, DB: c.DB, Engine: withDesk{eng, eng.Desk()}, Chats: c.DB, Pharmacy: c.Pharmacy,
		ChatKey:  func(ch bot.Channel, id string) string { return seal.Pseudonym(c.Master, string(ch), id) },
		WhatsApp: c.WhatsApp, Telegram: c.Telegram, Threema: c.Threema, Messenger: c.Messenger,
		Staff: c.DB, Logins: c.DB, CheckPassword: c.CheckPassword, Now: c.Now, EventInterval: c.EventInterval, StaffIdle: c.StaffIdle, ChatIdle: c.ChatIdle, QueueChanges: c.DB.QueueChanges, Accounts: c.DB, HashPassword: HashPassword,
		Requests: c.DB, ImportInventory: Importer(c.DB), Location: c.Plan.Location, Branches: tabBranches,
		TrustedProxies: c.Proxies, ObserveRequest: c.ObserveRequest, Metrics: c.Metrics, MetricsToken: c.MetricsToken})
	if err != nil {
		return nil, err
	}
	return &Service{Engine: eng, Web: srv}, nil
}

// Run starts the engine and serves ln until ctx ends; then the server stops
// first, so requests in flight still reach the engine, and the engine last.
func (s *Service) Run(ctx context.Context, ln net.Listener) error {
	if err := s.Engine.Start(ctx); err != nil {
		ln.Close()
		return err
	}
	defer s.Engine.Stop()
	return s.Web.Serve(ctx, ln)
}

// HashPassword hashes a new staff password (argon2id); too short is an
// EINVALID bot Error, which the tablet page shows as it is.
func HashPassword(pw string) (string, error) {
	hash, err := password.Hash(pw)
	if errors.Is(err, password.ErrTooShort) {
		return "", bot.Errorf(bot.EINVALID, "staff.password_short", map[string]any{"Min": password.MinLength})
	}
	return hash, err
}

// Importer lets the tablet page import a CSV: parse everything, then write
// it in one transaction; a file with bad lines is refused naming them all.
func Importer(db *store.DB) web.Importer {
	return func(ctx context.Context, branch string, r io.Reader) (web.ImportResult, error) {
		products, err := inventory.Parse(r, nil)
		var bad *inventory.Errors
		if errors.As(err, &bad) {
			return web.ImportResult{}, bad
		}
		if err != nil {
			return web.ImportResult{}, bot.Errorf(bot.EINVALID, "import.unreadable", nil)
		}
		rep, err := db.Inventory(branch).Import(ctx, products)
		if err != nil {
			return web.ImportResult{}, err
		}
		return web.ImportResult{Products: len(products), Added: rep.Added, Updated: rep.Updated, Kept: rep.Kept}, nil
	}
}

// withDesk is the engine with its desk: what the web server needs.
type withDesk struct {
	*engine.Engine
	*engine.Desk
}

var _ web.Engine = withDesk{}

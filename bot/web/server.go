package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/templates"
)

// Pinger reports whether a dependency (the database) is usable.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Chats is what the web chat reads of conversations (store.DB).
type Chats interface {
	// ConversationByKey returns the conversation of a chat key; ENOTFOUND
	// when there is none.
	ConversationByKey(ctx context.Context, chatKey string) (bot.Conversation, error)
	// Messages returns a conversation's messages after id after.
	Messages(ctx context.Context, convID, after int64) ([]bot.Message, error)
	// OldestMessageID returns the id of a conversation's oldest message; 0
	// when it holds none.
	OldestMessageID(ctx context.Context, convID int64) (int64, error)
}

// Config wires a Server.
type Config struct {
	Logger   *slog.Logger
	DB       Pinger
	Engine   Engine
	Chats    Chats
	Pharmacy string // its name, on the pages
	// ChatKey turns a channel's chat id (a web chat token, a WhatsApp id, a
	// Telegram chat id) into the keyed pseudonym that is stored instead.
	ChatKey   func(ch bot.Channel, id string) string
	WhatsApp  *WhatsApp  // nil: the channel is off
	Telegram  *Telegram  // nil: the channel is off
	Threema   *Threema   // nil: the channel is off
	Messenger *Messenger // nil: the channel is off

	// The staff console.
	Staff         StaffStore
	Logins        Logins // failed logins, counted per name and address
	CheckPassword PasswordCheck
	// Accounts and HashPassword let owners manage the accounts on the
	// tablet (/staff/accounts); without them the page is off.
	Accounts        Accounts
	HashPassword    PasswordHash
	PasswordChecks  int // argon2id checks at once (64 MiB each); default 2
	Requests        Requests
	ImportInventory Importer
	// Branches are the pharmacy's branches, when it has two or more: the
	// tablet shows one branch's queue, with a switch between the login's.
	Branches []Branch
	Location *time.Location // the pharmacy's time zone, for times shown
	// TrustedProxies are the reverse proxies (TLS terminators) whose
	// X-Forwarded-For and X-Forwarded-Proto headers are believed; none: the
	// peer's address and the connection itself count.
	TrustedProxies []*net.IPNet
	EventInterval  time.Duration // how often the queue is checked for news; default 2 s
	// StaffIdle is how long a tablet login may be left alone before it
	// ends; default 30 min. The page warns before and offers to stay.
	StaffIdle time.Duration
	// QueueChanges, when set, signals a change of the requests at once
	// (from any apobot process: PostgreSQL's LISTEN/NOTIFY), so the tablet
	// need not wait for EventInterval.
	QueueChanges func(ctx context.Context) <-chan struct{}
	SessionLimit SessionLimit // web chats one address may start; zero: 30, then 3 a minute
	// ChatIdle is how long a web chat token lives without a message from
	// its customer; default DefaultChatIdle.
	ChatIdle time.Duration

	Now func() time.Time // the clock of the login limit and of a Threema callback's date; default time.Now

	// Operations.
	Metrics        http.Handler                                               // /metrics (Prometheus); nil: 404
	MetricsToken   string                                                     // the Bearer token /metrics needs; empty: loopback clients only
	ObserveRequest func(method, route string, status int, took time.Duration) // counts every request
}

// Server is apobot's HTTP server.
type Server struct {
	echo     *echo.Echo
	log      *slog.Logger
	cfg      Config
	pages    *templates.Set
	patterns map[string]bool // the route patterns, the only route labels
	checks   chan struct{}   // places for password checks
	messages *messageLimiter // messages per web chat
}

// New builds the server and its routes; it fails when a page template is
// missing or broken.
func New(cfg Config) (*Server, error) {
	pages, err := templates.Parse()
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)
	if cfg.Staff != nil && cfg.Logins == nil {
		return nil, errors.New("web: the staff console needs Logins to limit password guessing")
	}
	s := &Server{echo: e, log: cfg.Logger, cfg: cfg, pages: pages, messages: newMessageLimiter()}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.cfg.Location == nil {
		s.cfg.Location = time.Local
	}
	if s.cfg.Now == nil {
		s.cfg.Now = time.Now
	}
	if s.cfg.PasswordChecks <= 0 {
		s.cfg.PasswordChecks = defaultPasswordChecks
	}
	s.checks = make(chan struct{}, s.cfg.PasswordChecks)
	if s.cfg.EventInterval <= 0 {
		s.cfg.EventInterval = 2 * time.Second
	}
	if s.cfg.StaffIdle <= 0 {
		s.cfg.StaffIdle = sessionIdle
	}
	if s.cfg.ChatIdle <= 0 {
		s.cfg.ChatIdle = DefaultChatIdle
	}
	e.HTTPErrorHandler = s.handleError
	s.routes()
	s.patterns = map[string]bool{}
	for _, r := range e.Routes() {
		s.patterns[r.Path] = true
	}
	return s, nil
}

func (s *Server) now() time.Time { return s.cfg.Now() }

// Handler returns the server as an http.Handler, for tests and custom listeners.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve answers requests on ln until ctx is done, then shuts down gracefully,
// letting requests in flight finish for up to 10 seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down http: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http: %w", err)
	}
	return nil
}

package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"github.com/apobot/apobot/internal/service"
	"github.com/apobot/apobot/ocr"
	"github.com/apobot/apobot/ocr/botscan"
	"github.com/apobot/apobot/retention"
	"github.com/apobot/apobot/store"
	"github.com/apobot/apobot/store/seal"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "[--demo]")
	demo := fs.Bool("demo", false, "a new database gets the demo inventory even with "+envConfig+" set (without it, it always does)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, cfg.LogLevel)
	pharmacy, err := loadPharmacy(e.getenv)
	if err != nil {
		return err
	}
	chans, err := loadChannels(e.getenv)
	if err != nil {
		return err
	}
	brandSet, err := loadBrands(e.getenv)
	if err != nil {
		return err
	}
	db, master, keyCreated, err := openData(e, cfg, mayCreate)
	if err != nil {
		return err
	}
	defer db.Close()
	if n, err := db.RemoveLeftovers(ctx); err != nil {
		return fmt.Errorf("remove what an interrupted backup left in the data folder: %w", err)
	} else if n > 0 {
		log.Warn("removed files an interrupted backup or restore had left in the data folder", "files", n)
	}
	if keyCreated {
		log.Warn("new master key written to the data folder: back it up, without it no stored chat can be read", "file", "master.key")
	}
	if keyInDataDir(e.getenv, cfg.DataDir) {
		log.Warn("the master key lies in the data folder: a copy of the folder opens every stored chat; keep the key elsewhere ("+
			envMasterKeyFile+", see docs/security.md)", "data_dir", cfg.DataDir)
	}
	if err := demoOrReal(ctx, log, db, *demo || e.getenv(envConfig) == "", pharmacy.Branches); err != nil {
		return err
	}
	if err := firstAccount(ctx, e, db); err != nil {
		return err
	}
	logChannels(log, chans)
	scanner, err := ocr.New(ocr.Options{})
	if err != nil {
		return fmt.Errorf("start the photo scanner (tesseract): %w", err)
	}
	defer scanner.Close()
	var svc *service.Service
	mx := newMetrics(func() int { return svc.Engine.QueueDepth() })
	sc := service.Config{DB: db, Master: master, Pharmacy: pharmacy.Name, Plan: pharmacy.Plan, Branches: pharmacy.Branches, Logger: log,
		Scanner: botscan.Scanner{OCR: scanner}, Messengers: chans.messengers(), WhatsApp: chans.waHook, Telegram: chans.tgHook, Threema: chans.tmHook, Messenger: chans.fbHook,
		ScanQueue: cfg.ScanQueue, Proxies: cfg.Proxies, ClaimLease: cfg.ClaimLease, Observer: mx, ObserveRequest: mx.request,
		ChatIdle: cmp.Or(cfg.ChatIdle, pharmacy.Retention.Abandoned), Brands: brandSet}
	sc.Policy, sc.WebChat = pharmacy.Policy, webChatFor(pharmacy.WebChat, cfg.TLS.Domain)
	if cfg.MetricsAddr == "" {
		sc.Metrics, sc.MetricsToken = mx.handler(), cfg.MetricsToken
	}
	if svc, err = service.New(sc); err != nil {
		return fmt.Errorf("%s: %w", envConfig, err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (%s): %w", cfg.Addr, envAddr, err)
	}
	if cfg.TLS.on() {
		stop, err := serveHTTPS(ctx, cfg, &ln, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stop()
	}
	if cfg.MetricsAddr != "" {
		stop, err := serveMetrics(ctx, cfg.MetricsAddr, mx.handler(), log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stop()
	}
	go retention.Nightly(ctx, db, pharmacy.Retention, log, retention.SystemClock{}, mx.purge)
	log.Info("apobot started", "addr", ln.Addr().String(), "version", version, "pharmacy", pharmacy.Name, "state", pharmacy.Plan.State, "brands", brandSet.Len())
	if err := svc.Run(ctx, ln); err != nil {
		return err
	}
	log.Info("apobot stopped")
	return nil
}

// serveHTTPS turns *ln into a TLS listener and starts plain HTTP beside it
// when configured (the ACME challenge and a redirect); stop ends that.
func serveHTTPS(ctx context.Context, cfg config, ln *net.Listener, log *slog.Logger) (stop func(), err error) {
	tcfg, plain, err := cfg.TLS.server(cfg.DataDir, cfg.Addr)
	if err != nil {
		return nil, err
	}
	*ln = tls.NewListener(*ln, tcfg)
	how := "certificate files"
	if cfg.TLS.Domain != "" {
		how = "automatic certificates (ACME)"
	}
	log.Info("HTTPS on", "addr", cfg.Addr, "certificates", how)
	if cfg.TLS.HTTPAddr == "" {
		return func() {}, nil
	}
	return serveBeside(ctx, cfg.TLS.HTTPAddr, envHTTPAddr, plain, log, "plain HTTP: the ACME challenge and a redirect to HTTPS")
}

// demoOrReal gives a new database of the demo pharmacy (no APOBOT_CONFIG, or
// serve --demo) the demo inventory; a real pharmacy's never gets demo
// products. An empty inventory is said at every start.
func demoOrReal(ctx context.Context, log *slog.Logger, db *store.DB, demo bool, branches []service.BranchConfig) error {
	if db.Fresh() && demo {
		if err := loadDemo(ctx, log, db, branches); err != nil {
			return err
		}
	}
	if len(branches) == 0 {
		branches = []service.BranchConfig{{}}
	}
	for _, b := range branches {
		_, n, err := db.SearchProductsAt(ctx, b.ID, "", 1)
		if err != nil {
			return err
		}
		if n == 0 {
			log.Warn("the inventory is empty: the bot cannot say what is in stock until it is imported (apobot inventory import FILE.csv, or Sortiment on the tablet page)", "branch", b.ID)
		}
	}
	return nil
}

// loadDemo gives the demo pharmacy its inventory, at each branch when it
// has branches.
func loadDemo(ctx context.Context, log *slog.Logger, db *store.DB, branches []service.BranchConfig) error {
	if len(branches) == 0 {
		rep, err := db.LoadDemoInventory(ctx)
		if err != nil {
			return err
		}
		log.Info("new database of the demo pharmacy: demo inventory loaded (a pharmacy with its own "+envConfig+" gets none)", "products", rep.Added)
		return nil
	}
	var ids []string
	for _, b := range branches {
		ids = append(ids, b.ID)
	}
	if err := db.LoadDemoBranches(ctx, ids); err != nil {
		return err
	}
	log.Info("new database of the demo pharmacy: demo inventory loaded at every branch", "branches", len(ids))
	return nil
}

// logChannels says once which messengers are on and which are off.
func logChannels(log *slog.Logger, c channels) {
	log.Info("channel on", "channel", "web")
	for name, on := range map[string]bool{"whatsapp": c.waClient != nil, "telegram": c.tgClient != nil,
		"threema": c.tmClient != nil, "messenger": c.fbClient != nil} {
		if on {
			log.Info("channel on", "channel", name)
		} else {
			log.Info("channel off: its secrets are not set", "channel", name)
		}
	}
}

// setUp says whether a command may set up a new data folder: serve and the
// first `staff add` may; every other command refuses a folder or database
// that does not exist instead of working on a new, empty one.
type setUp bool

const (
	existingData setUp = false
	mayCreate    setUp = true
)

// openData opens the database in the data folder with the master key. With
// mayCreate, a missing folder (owner only), database and key are made;
// created reports a master key made now. A key is never made beside an
// existing database: that would leave every sealed chat unreadable.
func openData(e env, cfg config, mode setUp) (db *store.DB, key seal.Key, created bool, err error) {
	if cfg.DatabaseURL != "" {
		return openPostgres(e, cfg, mode)
	}
	dir := cfg.DataDir
	dbPath := filepath.Join(dir, dbFile)
	exists, err := dataExists(dir, dbPath)
	if err != nil {
		return nil, key, false, err
	}
	if !exists && mode == existingData {
		return nil, key, false, fmt.Errorf("im Datenordner %s liegt keine Datenbank (%s); zuerst apobot serve oder apobot staff add NAME ausführen / "+
			"the data folder %s holds no database (%s); run apobot serve or apobot staff add NAME first", dir, envDataDir, dir, envDataDir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, key, false, fmt.Errorf("create data folder (%s): %w", envDataDir, err)
	}
	key, created, err = loadMasterKey(e.getenv, dir, !exists)
	if err != nil {
		return nil, key, false, err
	}
	db, err = store.Open(dbPath, store.Options{MasterKey: &key})
	return db, key, created, err
}

// openPostgres is openData for APOBOT_DATABASE_URL: the database is
// PostgreSQL's; the data folder keeps the master key (unless it comes from
// APOBOT_MASTER_KEY or _FILE) and the certificates.
func openPostgres(e env, cfg config, mode setUp) (db *store.DB, key seal.Key, created bool, err error) {
	in, err := store.InspectPostgres(context.Background(), cfg.DatabaseURL)
	if err != nil {
		return nil, key, false, fmt.Errorf("%s: %w", envDatabaseURL, err)
	}
	exists := in.Version > 0
	if !exists && mode == existingData {
		return nil, key, false, fmt.Errorf("die Datenbank in %s ist noch nicht eingerichtet; zuerst apobot serve oder apobot staff add NAME ausführen / "+
			"the database %s names is not set up yet; run apobot serve or apobot staff add NAME first", envDatabaseURL, envDatabaseURL)
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, key, false, fmt.Errorf("create data folder (%s): %w", envDataDir, err)
	}
	if key, created, err = loadMasterKey(e.getenv, cfg.DataDir, !exists); err != nil {
		return nil, key, false, err
	}
	db, err = store.OpenPostgres(cfg.DatabaseURL, store.Options{MasterKey: &key})
	if err != nil {
		return nil, key, false, fmt.Errorf("%s: %w", envDatabaseURL, err)
	}
	return db, key, created, nil
}

// dbFile is the database's name in the data folder.
const dbFile = "apobot.db"

// dataExists reports whether the data folder holds a database; a path that
// exists but is not a folder is an error.
func dataExists(dir, dbPath string) (bool, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("data folder (%s): %w", envDataDir, err)
	case !fi.IsDir():
		return false, fmt.Errorf("%s ist kein Ordner (%s) / %s is not a folder (%s)", dir, envDataDir, dir, envDataDir)
	}
	_, err = os.Stat(dbPath)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// newLogger builds the one logger; its output never carries message content.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

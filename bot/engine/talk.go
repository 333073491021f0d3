package engine

import (
	"log/slog"
	"time"
)

// dialog answers the messages of one conversation at one branch: it
// reads them, matches products in that branch's catalogue, plans with its
// planner and says what it understood. It is a small value: each branch
// has its own, sharing the engine's configuration but for the branch's
// planner and inventory.
type dialog struct {
	cfg      Config
	now      func() time.Time
	log      *slog.Logger
	catalog  *catalogCache
	branches *branches
	lx       *lexicon // the words messages are read with
}

package web

import (
	"context"
	"strconv"
	"time"

	"github.com/apobot/apobot/bot"
)

// loginRule: five failures within 15 minutes lock a name or an address for
// 15 minutes.
var loginRule = bot.LoginRule{Max: 5, Window: 15 * time.Minute, Lock: 15 * time.Minute}

// Logins counts failed staff logins per key (a name, an address) in the
// database (store.DB), so a restart forgets nothing and several processes
// share the count.
type Logins interface {
	// LoginLocked returns how long the most locked of keys stays locked at
	// now; 0 when none is.
	LoginLocked(ctx context.Context, keys []string, now time.Time) (time.Duration, error)
	// LoginFailed counts a failure for each key and locks those that broke
	// the rule.
	LoginFailed(ctx context.Context, keys []string, now time.Time, rule bot.LoginRule) error
	// LoginSucceeded forgets a key's failures.
	LoginSucceeded(ctx context.Context, key string) error
}

func itoa(n int) string { return strconv.Itoa(n) }

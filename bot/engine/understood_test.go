package engine_test

import (
	"sync"
	"testing"
	"time"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
)

// understandings records the Observer's counts of typed turns.
type understandings struct {
	mu  sync.Mutex
	got []bot.Understanding
}

func (u *understandings) Received(bot.Channel, bool)    {}
func (u *understandings) Scanned(string, time.Duration) {}
func (u *understandings) Understood(_ bot.Channel, x bot.Understanding) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.got = append(u.got, x)
}

func (u *understandings) last() bot.Understanding {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.got) == 0 {
		return ""
	}
	return u.got[len(u.got)-1]
}

// TestTurnsAreCountedByHowMuchWasUnderstood: an order read whole is
// understood, an order beside a question for the pharmacist partly, and
// words the bot cannot place at all not understood.
func TestTurnsAreCountedByHowMuchWasUnderstood(t *testing.T) {
	for _, c := range []struct {
		say  string
		want bot.Understanding
	}{
		{"Ibuprofen AL 400 mg 20 Stück bitte", bot.Understood},
		{"Wann habt ihr heute offen?", bot.Understood},
		{"Loperamid AL 2 mg 20 Stück, und darf ich das mit der Pille nehmen?", bot.Partly},
		{"Bananenkuchen mit Sahne", bot.NotUnderstood},
		{"Können Sie mir sagen, wie das mit dem Ding da funktioniert?", bot.NotUnderstood},
	} {
		obs := &understandings{}
		db := newDB(t)
		if _, err := db.LoadDemoInventory(t.Context()); err != nil {
			t.Fatal(err)
		}
		ch := chatOn(t, db, func(cfg *engine.Config) { cfg.Observer = obs })
		ch.say(c.say)
		if got := obs.last(); got != c.want {
			t.Errorf("%q counted %q, want %q (replies %v)", c.say, got, c.want, ch.ids)
		}
	}
}

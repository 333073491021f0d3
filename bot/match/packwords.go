package match

import (
	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/nlu"
)

// packDirection is what a described pack changes: the pack size or the
// strength, up or down.
type packDirection struct {
	In   nlu.Intent                        // the phrase file section that says it
	Attr string                            // "count" or "strength"
	By   func(Reader, bot.Product) float64 // the value compared
	Up   bool
}

// signed is by, negated when the direction is down: the most of it is
// the biggest or strongest, or the smallest or weakest.
func (d packDirection) Signed(rd Reader, p bot.Product) float64 {
	if d.Up {
		return d.By(rd, p)
	}
	return -d.By(rd, p)
}

func packCount(_ Reader, p bot.Product) float64     { return float64(p.Count) }
func packStrength(rd Reader, p bot.Product) float64 { return rd.FirstFloat(p.Strength) }

// packDirections are the phrase files' words for a pack ([bigger],
// [smaller], [stronger], [weaker]) and what each changes, in the order
// they are applied (a slice: a map's order would change the answer).
var PackDirections = []packDirection{
	{nlu.Bigger, "count", packCount, true}, {nlu.Smaller, "count", packCount, false},
	{nlu.Stronger, "strength", packStrength, true}, {nlu.Weaker, "strength", packStrength, false},
}

// wordNumber reads a number word of the phrase files ("zwei", "three").
func (rd Reader) WordNumber(w string) (int, bool) {
	if ws := nlu.Words(w); len(ws) == 1 {
		return rd.Number(ws[0])
	}
	return 0, false
}

// maxQuantity bounds what the bot takes; more is a matter for the counter.
const MaxQuantity = 10

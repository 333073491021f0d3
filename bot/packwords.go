package bot

import "github.com/apobot/apobot/bot/nlu"

// packDirection is what a described pack changes: the pack size or the
// strength, up or down.
type packDirection struct {
	in   nlu.Intent            // the phrase file section that says it
	attr string                // "count" or "strength"
	by   func(Product) float64 // the value compared
	up   bool
}

// signed is by, negated when the direction is down: the most of it is
// the biggest or strongest, or the smallest or weakest.
func (d packDirection) signed(p Product) float64 {
	if d.up {
		return d.by(p)
	}
	return -d.by(p)
}

func packCount(p Product) float64    { return float64(p.Count) }
func packStrength(p Product) float64 { return firstFloat(p.Strength) }

// packDirections are the phrase files' words for a pack ([bigger],
// [smaller], [stronger], [weaker]) and what each changes, in the order
// they are applied (a slice: a map's order would change the answer).
var packDirections = []packDirection{
	{nlu.Bigger, "count", packCount, true}, {nlu.Smaller, "count", packCount, false},
	{nlu.Stronger, "strength", packStrength, true}, {nlu.Weaker, "strength", packStrength, false},
}

// wordNumber reads a number word of the phrase files ("zwei", "three").
func wordNumber(w string) (int, bool) {
	if ws := nlu.Words(w); len(ws) == 1 {
		return lexicon.Number(ws[0])
	}
	return 0, false
}

// maxQuantity bounds what the bot takes; more is a matter for the counter.
const maxQuantity = 10

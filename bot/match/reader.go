package match

import "github.com/apobot/apobot/bot/nlu"

// Reader reads customers' words with a lexicon of the phrase files
// (bot/nlu): it normalises text, takes requests apart and tells the kinds
// of words (units, counts, fillers, number words). The lexicon is the
// caller's (nlu.Default, or one a test builds); match keeps none of its
// own. A Reader is a small value, safe to copy and to use concurrently.
type Reader struct{ *nlu.Lexicon }

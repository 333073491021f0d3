package match

import "github.com/apobot/apobot/bot/nlu"

// lexicon is what the phrase files of bot/nlu say; they are embedded, so
// a broken one fails every test at once.
var Lexicon = func() *nlu.Lexicon {
	lx, err := nlu.Load()
	if err != nil {
		panic(err)
	}
	return lx
}()

package engine

// asksLastTime reports a message that asks for what was ordered before
// ("wie letztes Mal", "die gleichen wie im Oktober", "repeat my last
// order"): chats are deleted once handled, so the bot cannot know it.
func (lx *lexicon) asksLastTime(text string) bool {
	return lx.saysAny("last_time", text) || lx.saysAny("same_as", text) && lx.saysAny("earlier", text)
}

package engine

// asksLastTime reports a message that asks for what was ordered before
// ("wie letztes Mal", "die gleichen wie im Oktober", "repeat my last
// order"): chats are deleted once handled, so the bot cannot know it.
func asksLastTime(text string) bool {
	return saysAny("last_time", text) || saysAny("same_as", text) && saysAny("earlier", text)
}

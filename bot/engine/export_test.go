package engine

// PixelsAllFree reports whether no photo holds pixels of the engine's
// budget now.
func (e *Engine) PixelsAllFree() bool { return e.photos.pixels.allFree() }

func (b *pixelBudget) allFree() bool {
	if !b.sem.TryAcquire(b.size) {
		return false
	}
	b.sem.Release(b.size)
	return true
}

// Classify finds what text asks for besides products; IntentNone when it
// only names products (or nothing the bot knows). IntentDelete only for a
// message that is nothing but the request to erase the chat.
func (lx *lexicon) Classify(text string) Intent {
	return lx.classify(lx.Parse(text), text)
}

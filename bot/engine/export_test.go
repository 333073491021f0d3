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

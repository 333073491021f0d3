package bot

// Understanding is how much of a typed message a turn could place, for
// the log and /metrics: how often customers are handed over.
type Understanding string

// The outcomes of a typed turn.
const (
	// Understood: everything in the message was answered by the bot.
	Understood Understanding = "understood"
	// Partly: some of it was answered, the rest handed to the pharmacist
	// (a medical question, words it could not place, a product not found).
	Partly Understanding = "partly"
	// NotUnderstood: nothing in it was placed; the customer was told what
	// the bot can do, or that the pharmacy will answer.
	NotUnderstood Understanding = "not_understood"
)

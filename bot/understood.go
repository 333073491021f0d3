package bot

import "github.com/apobot/apobot/bot/msg"

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

// handedOver are the replies that say the bot could not place something:
// it asks the pharmacist, or the customer to write it again.
var handedOver = map[msg.ID]bool{
	"answer.medical": true, "answer.unanswered": true, "product.not_found": true,
	"product.not_understood": true, "answer.help": true, "answer.help_packs": true,
	"product.no_inventory": true,
}

// notAnAnswer are replies that go with others and answer nothing by
// themselves: the notice that personal data was removed.
var notAnAnswer = map[msg.ID]bool{"privacy.removed": true}

// understanding judges a typed turn by what it said.
func understanding(said []msg.ID) Understanding {
	handed, answered := false, false
	for _, id := range said {
		switch {
		case handedOver[id]:
			handed = true
		case !notAnAnswer[id]:
			answered = true
		}
	}
	switch {
	case handed && answered:
		return Partly
	case handed || !answered:
		return NotUnderstood
	}
	return Understood
}

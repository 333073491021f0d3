package engine

import (
	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
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
func understanding(said []msg.ID) bot.Understanding {
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
		return bot.Partly
	case handed || !answered:
		return bot.NotUnderstood
	}
	return bot.Understood
}

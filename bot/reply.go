package bot

import "github.com/apobot/apobot/bot/msg"

// Reply is one message to the customer and the catalogue sentences it is
// made of, so tests can tell what was said in either language.
type Reply struct {
	Text string
	IDs  []msg.ID
}

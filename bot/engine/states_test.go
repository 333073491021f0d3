package engine

import (
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/pzn"
)

// TestStateOf: an offer of other forms is answered first (it holds for
// one message), then an open choice; with neither, a message orders; and
// every state has its function in decide.
func TestStateOf(t *testing.T) {
	z := []pzn.PZN{"01126111"}
	for _, c := range []struct {
		conv bot.Conversation
		want state
	}{
		{bot.Conversation{}, ordering},
		{bot.Conversation{Question: z}, choosing},
		{bot.Conversation{Offer: z}, offered},
		{bot.Conversation{Offer: z, Question: z}, offered},
	} {
		if got := stateOf(&c.conv); got != c.want {
			t.Errorf("%+v: state %d, want %d", c.conv, got, c.want)
		}
		if decide[c.want] == nil {
			t.Errorf("state %d has no function in decide", c.want)
		}
	}
}

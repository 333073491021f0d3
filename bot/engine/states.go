package engine

import (
	"context"
	"slices"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// state is where a conversation stands when a message's products are
// read: what the bot asked last decides what the message answers.
type state int

const (
	ordering state = iota // nothing asked back: the message names products
	choosing              // a numbered choice is open ("Welches meinen Sie?")
	offered               // other forms of a product were just offered ("nicht als Saft"), for this message only
)

// stateOf is where conv stands.
func stateOf(conv *bot.Conversation) state {
	switch {
	case len(conv.Offer) > 0:
		return offered
	case len(conv.Question) > 0:
		return choosing
	}
	return ordering
}

// decide is what a message's products do in each state, one function per
// state; done: the draft is saved and nothing more is to be said.
var decide = map[state]func(e *dialog, ctx context.Context, t *turn, d *draft, r *reading) (done bool, err error){
	ordering: (*dialog).orderProducts,
	choosing: (*dialog).answerChoice,
	offered:  (*dialog).pickOffered,
}

// order reads the products in the state the conversation is in, saves
// them, and puts the next choice waiting.
func (e *dialog) order(ctx context.Context, t *turn, r *reading) (bool, error) {
	d, err := e.loadDraft(ctx, t.conv)
	if err != nil {
		return true, err
	}
	if done, err := decide[stateOf(&t.conv)](e, ctx, t, d, r); done || err != nil {
		return true, err
	}
	if err := e.save(ctx, t, d); err != nil {
		return true, err
	}
	e.putNext(t) // "Ibu 400 und Paracetamol 500": the second choice after the first
	return true, nil
}

// orderProducts reads a request: "sorry, meinte 600 nicht 400" says what
// replaces what.
func (e *dialog) orderProducts(_ context.Context, t *turn, d *draft, r *reading) (bool, error) {
	e.request(t, d, e.corrected(t, d, r.resolved(e)), false)
	return false, nil
}

// pickOffered reads a pick among the forms just offered ("dann die
// Tabletten"); anything else is read as in the state without the offer,
// an open choice or none.
func (e *dialog) pickOffered(ctx context.Context, t *turn, d *draft, r *reading) (bool, error) {
	offer := t.conv.Offer
	t.conv.Offer = nil // for this message only
	if e.takeOffer(t, d, offer, r.text) {
		return true, e.save(ctx, t, d)
	}
	if stateOf(&t.conv) == choosing {
		return e.answerChoice(ctx, t, d, r)
	}
	return e.orderProducts(ctx, t, d, r)
}

// answerChoice reads the answer to the open choice, else a request beside
// it: another product ("und noch 2x Cetirizin AL") is saved and the
// choice put again after it; "ach nee, lieber Omeprazol" drops the choice.
func (e *dialog) answerChoice(ctx context.Context, t *turn, d *draft, r *reading) (bool, error) {
	q, n := t.conv.Question, t.conv.Asked
	text := e.corrected(t, d, r.resolved(e))
	if e.answerQuestion(t, d, text) {
		return false, nil
	}
	instead := e.lx.saysAny("instead", text)
	if !instead {
		t.conv.Question, t.conv.Asked = q, n
	}
	if !e.request(t, d, text, true) {
		// Neither an answer nor anything else the bot knows: the question
		// stands, after what request had to say (not found, cannot answer).
		t.conv.Question, t.conv.Asked = q, n
		t.say("choose.number", msg.Args{"Count": len(q)})
		return false, nil
	}
	if instead || !slices.Equal(t.conv.Question, q) {
		return false, nil
	}
	if err := e.save(ctx, t, d); err != nil {
		return true, err
	}
	t.conv.Question = nil
	e.askAgain(t, q, t.conv.Asked)
	return true, nil
}

package engine

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

// work answers a conversation's unprocessed messages, oldest first, and
// returns the newest one it took up. It runs in a lane: never twice at once
// for one conversation.
func (e *Engine) work(ctx context.Context, convID int64) (seen int64) {
	if c, err := e.cfg.Conversations.Conversation(ctx, convID); err == nil {
		if err := e.flush(ctx, &c); err != nil {
			logErr(e.log, "send waiting replies", convID, err)
		}
	}
	msgs, err := e.cfg.Conversations.Unprocessed(ctx, convID)
	if err != nil {
		logErr(e.log, "load messages", convID, err)
		return 0
	}
	if len(msgs) > 0 {
		seen = msgs[len(msgs)-1].ID
	}
	for _, m := range msgs {
		if e.talk.lx.eraseNow(m.Text) { // erasure goes first: nothing before it matters
			e.eraseByRequest(context.WithoutCancel(ctx), convID, m)
			return seen
		}
	}
	for _, m := range msgs {
		if ctx.Err() != nil {
			return seen // interrupted for an erasure; the rest stays stored
		}
		if err := e.answer(ctx, convID, m); err != nil {
			if !errors.Is(err, errErased) {
				logErr(e.log, "answer message", convID, err)
			}
			return seen
		}
	}
	return seen
}

// logErr logs a failure of background work, unless the conversation was
// erased meanwhile (not a failure).
func logErr(log *slog.Logger, what string, convID int64, err error) {
	if bot.ErrorCode(err) == bot.ENOTFOUND || errors.Is(err, context.Canceled) {
		return
	}
	if errors.Is(err, bot.ErrAnsweredElsewhere) {
		log.Info("message answered by another process: this turn is dropped", "conversation", convID)
		return
	}
	log.Error(what, "conversation", convID, "err", err)
}

// errErased ends the work on a conversation that a message erased.
var errErased = errors.New("the conversation was erased")

// answer works on one message and replies to it.
func (e *Engine) answer(ctx context.Context, convID int64, m bot.Message) error {
	c, err := e.cfg.Conversations.Conversation(ctx, convID)
	if err != nil {
		return err
	}
	if lang, ok := e.talk.lx.languageOf(m.Text); ok {
		c.Language = lang
	}
	if c.EraseAsked && !m.HasPhoto && !m.Document && e.talk.lx.allIn("yes", m.Text) {
		// "Soll ich den Chat löschen?" - "ja": as "löschen".
		e.eraseByRequest(context.WithoutCancel(ctx), convID, m)
		return errErased
	}
	c.EraseAsked = false // asked one message ago only
	t := turn{conv: c, msgID: m.ID}
	typed := e.talk.withheldText(&t, &m) // a typed e-prescription code this channel does not take
	switch {
	case m.HasPhoto || m.Document:
		err = e.intake.photo(ctx, &t, m)
		if err == nil {
			defer e.photos.done(m.ID)
		}
	case !typed:
		err = e.textAt(ctx, &t, m.Text)
		t.questionLast()
	}
	if err != nil {
		return err
	}
	if !m.HasPhoto && !m.Document && !typed {
		countUnderstood(e.cfg.Observer, e.log, c, &t)
	}
	if err := e.record(ctx, &t, m.ID); err != nil {
		return err
	}
	if e.cfg.Said != nil { // told when the turn's work is done, the closing of a handled chat included
		defer e.cfg.Said(m.ID, t.spoken)
	}
	if t.handled { // cancelled: the chat closes with the confirmation
		defer e.photos.dropConversation(convID)
		if len(t.replies) == 0 {
			return nil
		}
		if e.cfg.Messengers[t.conv.Channel] == nil {
			_, err := e.cfg.Conversations.ResetConversation(ctx, convID, t.replies[len(t.replies)-1].Text)
			return err
		}
		e.eraseOnPlatform(ctx, t.conv, m.ID)
		e.log.Info("conversation deleted: request handled", "conversation", convID, "channel", string(t.conv.Channel))
		return e.cfg.Conversations.DeleteConversation(ctx, convID)
	}
	return nil
}

// record stores the turn in one transaction (state, replies, the message
// marked processed), so a crash leaves a message answered once or not at
// all; then a messenger's replies go out from the outbox. The first reply
// of a conversation is preceded by the privacy notice.
func (e *Engine) record(ctx context.Context, t *turn, msgID int64) error {
	replies := t.replies
	if len(replies) > 0 && !t.conv.Noticed {
		replies = append([]bot.Reply{PrivacyNotice(t.conv.Language, t.conv.Channel, e.cfg.Policy)}, replies...)
		t.conv.Noticed = true
	}
	texts := make([]string, len(replies))
	for i, r := range replies {
		texts[i] = r.Text
	}
	t.spoken = replies
	web := e.cfg.Messengers[t.conv.Channel] == nil
	if _, err := e.cfg.Conversations.Answer(ctx, t.conv, msgID, texts, web, t.photo, t.findings); err != nil {
		return err
	}
	if web {
		return nil
	}
	return e.flush(ctx, &t.conv)
}

// countUnderstood counts how much of a typed message the turn placed, in the
// log and for /metrics (counts only, never the text).
func countUnderstood(obs bot.Observer, log *slog.Logger, c bot.Conversation, t *turn) {
	var ids []msg.ID
	for _, r := range t.replies {
		ids = append(ids, r.IDs...)
	}
	u := understanding(ids)
	obs.Understood(c.Channel, u)
	log.Info("message read", "conversation", c.ID, "channel", string(c.Channel), "understood", string(u))
}

// textAt reads a text at the chat's branch, after a choice of branch it
// may make.
func (e *Engine) textAt(ctx context.Context, t *turn, text string) error {
	handled, rest, err := e.talk.chooseBranch(ctx, t, text)
	if err != nil || handled && strings.TrimSpace(rest) == "" {
		return err
	}
	return e.talk.at(t.conv.Branch).text(ctx, t, rest)
}

// turn is what answering one message gathers.
type turn struct {
	msgID    int64 // the message answered
	conv     bot.Conversation
	replies  []bot.Reply
	spoken   []bot.Reply // what record stored, the privacy notice included
	notMaker string      // a maker the customer does not want ("nicht von Zentiva")
	anyOK    bool        // any maker will do ("egal welcher Hersteller")
	photo    []byte      // fetched from the platform, kept sealed for staff
	findings []byte      // the scan's record, kept sealed for staff
	handled  bool        // the request ended (cancelled)
}

// questionLast moves the turn's open choice (and what waits after it) to
// the end: what was taken first, then what is still to answer.
func (t *turn) questionLast() {
	asks := func(r bot.Reply) bool {
		return slices.ContainsFunc(r.IDs, func(id msg.ID) bool {
			return id == "choose.which" || id == "choose.single" || id == "choose.queued" || id == "choose.one_at_a_time"
		})
	}
	var first, last []bot.Reply
	for _, r := range t.replies {
		if asks(r) {
			last = append(last, r)
		} else {
			first = append(first, r)
		}
	}
	t.replies = append(first, last...)
}

// say adds a reply of one catalogue sentence in the chat's language.
func (t *turn) say(id msg.ID, args msg.Args) { t.add(sentence(t.conv.Language, id, args)) }

// add adds a reply.
func (t *turn) add(r bot.Reply) { t.replies = append(t.replies, r) }

// said reports whether the turn has said id already.
func (t *turn) said(id msg.ID) bool {
	for _, r := range t.replies {
		if slices.Contains(r.IDs, id) {
			return true
		}
	}
	return false
}

// deliver sends and stores replies without touching the conversation's
// state (which its lane's worker owns). A reply the platform does not take
// now (WhatsApp's 24-hour window) is stored to go out with the next answer.
func (e *Engine) deliver(ctx context.Context, c *bot.Conversation, texts ...string) (pending bool, err error) {
	for _, text := range texts {
		pid, err := e.send(ctx, c, text)
		if errors.Is(err, bot.ErrWindowClosed) {
			e.log.Warn("reply window closed: the reply waits for the customer's next message", "conversation", c.ID, "channel", string(c.Channel))
			if _, err = e.cfg.Conversations.SaveUnsent(ctx, c.ID, text); err != nil {
				return pending, err
			}
			pending = true
			continue
		}
		if err != nil {
			return pending, err
		}
		// The platform took it: record that even if the work is being
		// interrupted now, or the reply would go out twice.
		if _, err := e.cfg.Conversations.SaveReply(context.WithoutCancel(ctx), c.ID, text, pid); err != nil {
			return pending, err
		}
	}
	return pending, nil
}

// send delivers text on a messenger; the web chat's page fetches stored
// replies itself.
func (e *Engine) send(ctx context.Context, c *bot.Conversation, text string) (string, error) {
	m := e.cfg.Messengers[c.Channel]
	if m == nil {
		return "", nil
	}
	to, err := e.cfg.Conversations.ReplyAddress(ctx, c.ID)
	if err != nil {
		return "", err
	}
	return m.Send(ctx, to, text, c.LastSeenAt)
}

// flush sends the outbox: replies recorded but not yet sent (just
// answered, interrupted by a crash, or waiting for WhatsApp's window).
func (e *Engine) flush(ctx context.Context, c *bot.Conversation) error {
	waiting, err := e.cfg.Conversations.Unsent(ctx, c.ID)
	if err != nil || len(waiting) == 0 {
		return err
	}
	for _, m := range waiting {
		_, err := e.cfg.Conversations.SendUnsent(ctx, c.ID, m.ID, func(ctx context.Context) (string, error) {
			return e.send(ctx, c, m.Text)
		})
		if errors.Is(err, bot.ErrWindowClosed) { // said when the reply went into the outbox; tried again each RetryEvery
			e.log.Debug("reply window closed: replies wait for the customer's next message", "conversation", c.ID, "channel", string(c.Channel))
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// eraseByRequest erases a chat whose customer wrote "löschen" and confirms
// it: on a messenger directly, in the web chat as the only message of a
// fresh conversation under the same session.
func (e *Engine) eraseByRequest(ctx context.Context, convID int64, m bot.Message) {
	c, err := e.cfg.Conversations.Conversation(ctx, convID)
	if err != nil {
		logErr(e.log, "erase", convID, err)
		return
	}
	if lang, ok := e.talk.lx.languageOf(m.Text); ok {
		c.Language = lang
	}
	done := sentence(c.Language, "delete.done", nil)
	if e.cfg.Said != nil {
		defer e.cfg.Said(m.ID, []bot.Reply{done})
	}
	msgr := e.cfg.Messengers[c.Channel]
	if msgr == nil {
		_, err := e.cfg.Conversations.ResetConversation(ctx, convID, done.Text)
		if err != nil {
			logErr(e.log, "erase", convID, err)
			return
		}
		e.afterErase(c)
		return
	}
	to, _ := e.cfg.Conversations.ReplyAddress(ctx, convID)
	if err := e.erase(ctx, convID); err != nil {
		logErr(e.log, "erase", convID, err)
		return
	}
	if _, err := msgr.Send(ctx, to, done.Text, e.now()); err != nil {
		e.log.Warn("confirm erasure", "channel", string(c.Channel), "err", err)
	}
}

package engine

import (
	"context"
	"net/url"
	"regexp"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// contentOf names what a photo's findings show that a policy may refuse:
// an e-prescription token (its tasks), a paper prescription, or neither.
func contentOf(f bot.Findings) (bot.Content, bool) {
	switch {
	case len(f.Tasks) > 0 || f.Kind == "erx_token":
		return bot.ContentERxTokens, true
	case f.Kind == "prescription":
		return bot.ContentPrescriptions, true
	}
	return "", false
}

// withhold refuses a photo whose content the chat's channel does not take:
// the scan's findings and the fetched copy are dropped, what the message
// brought is erased from the database, and the customer is told where to
// send it instead. It reports whether the photo was refused.
func (e *dialog) withhold(ctx context.Context, t *turn, f bot.Findings) (bool, error) {
	c, ok := contentOf(f)
	if !ok || e.cfg.Policy.Accepts(t.conv.Channel, c) {
		return false, nil
	}
	t.photo, t.findings = nil, nil
	if err := e.cfg.Conversations.ForgetPhoto(ctx, t.conv.ID, t.msgID); err != nil {
		return true, err
	}
	e.refuse(t, c)
	return true, nil
}

// withheldCode replaces a typed e-prescription code in what a customer
// sends on a channel that does not take them: the code is never stored.
const withheldCode = "[E-Rezept-Code]"

// erxCodeRe finds what may be part of an e-prescription token typed or
// pasted as text: a task id (checked by its mod 97) or a 64-hex access code.
var erxCodeRe = regexp.MustCompile(`\b\d{3}\.\d{3}\.\d{3}\.\d{3}\.\d{3}\.\d{2}\b|\b[0-9A-Fa-f]{64}\b`)

// hasERxCode reports whether text holds an e-prescription task id or
// access code.
func hasERxCode(text string) bool {
	for _, m := range erxCodeRe.FindAllString(text, -1) {
		if len(m) == 64 {
			return true
		}
		if _, err := pzn.ParseTaskID(m); err == nil {
			return true
		}
	}
	return false
}

// withholdText replaces the whole text of an inbound message that carries
// an e-prescription code on a channel that does not take them, before
// anything of it is stored.
func (e *dialog) withholdText(in *bot.Inbound) {
	if !e.cfg.Policy.Accepts(in.Channel, bot.ContentERxTokens) && hasERxCode(in.Text) {
		in.Text = withheldCode
	}
}

// withheldText answers a message whose typed code was withheld on its
// way in; it reports whether the message was one.
func (e *dialog) withheldText(t *turn, m *bot.Message) bool {
	if m.Text != withheldCode {
		return false
	}
	e.refuse(t, bot.ContentERxTokens)
	m.Text = ""
	return true
}

// refusedIDs are the sentences that refuse a content.
var refusedIDs = map[bot.Content]msg.ID{bot.ContentPrescriptions: "policy.refused_prescriptions", bot.ContentERxTokens: "policy.refused_erx_tokens"}

// refuse tells the customer that this channel does not take c and where
// to send it instead.
func (e *dialog) refuse(t *turn, c bot.Content) {
	id, args := e.where(t.conv, c)
	t.add(composeIn(t.conv.Language).
		add("", refusedIDs[c], msg.Args{"Platform": channelName(t.conv.Channel)}).
		add(" ", id, args).reply())
}

// where is the sentence that points to a channel taking c: the pharmacy's
// web chat (the chat's branch's own link where there are branches) and
// Threema when it is on, else the counter.
func (e *dialog) where(c bot.Conversation, what bot.Content) (msg.ID, msg.Args) {
	web := c.Channel != bot.ChannelWeb && e.cfg.Policy.Accepts(bot.ChannelWeb, what)
	threema := e.cfg.ThreemaID != "" && c.Channel != bot.ChannelThreema && e.cfg.Policy.Accepts(bot.ChannelThreema, what)
	args := msg.Args{"ThreemaID": e.cfg.ThreemaID}
	if web && e.cfg.WebChat != "" {
		args["Link"] = webChatLink(e.cfg.WebChat, c.Branch)
	}
	switch {
	case web && threema && args["Link"] != nil:
		return "policy.where_web_threema", args
	case web && args["Link"] != nil:
		return "policy.where_web", args
	case web && threema:
		return "policy.where_site_threema", args
	case web:
		return "policy.where_site", args
	case threema:
		return "policy.where_threema", args
	}
	return "policy.where_counter", nil
}

// webChatLink is the web chat's address, a branch's own link (?filiale=ID)
// when the chat is a branch's.
func webChatLink(base, branch string) string {
	if branch == "" {
		return base
	}
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("filiale", branch)
	u.RawQuery = q.Encode()
	return u.String()
}

// channelName names a channel in the customer's language: a platform by
// its name and company, the web chat as "this chat".
func channelName(ch bot.Channel) any {
	if name, ok := platformNames[ch]; ok {
		return name
	}
	return msg.Of("policy.this_chat", nil)
}

// contentNames lists contents as a customer reads them, in lang.
func contentNames(lang string, cs []bot.Content) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = msg.Text(lang, contentIDs[c], nil)
	}
	return msg.List(lang, names)
}

// contentIDs name the contents a policy may refuse.
var contentIDs = map[bot.Content]msg.ID{bot.ContentPrescriptions: "policy.content_prescriptions", bot.ContentERxTokens: "policy.content_erx_tokens"}

// helpID is the sentence that tells what to send on ch: packs, prescriptions
// and e-prescription codes, or only packs and text where p refuses any.
func helpID(ch bot.Channel, p bot.Policy) msg.ID {
	if len(p.Refused(ch)) > 0 {
		return "answer.help_packs"
	}
	return "answer.help"
}

// sayHelp tells what the customer may send on this chat's channel.
func (e *dialog) sayHelp(t *turn) { t.say(helpID(t.conv.Channel, e.cfg.Policy), nil) }

// sayPrescription answers a question about sending a prescription: how,
// or, on a channel that refuses prescriptions, where instead.
func (e *dialog) sayPrescription(t *turn) {
	refused := e.cfg.Policy.Refused(t.conv.Channel)
	if len(refused) == 0 {
		t.say("answer.prescription", nil)
		return
	}
	id, args := e.where(t.conv, refused[0])
	t.add(composeIn(t.conv.Language).
		add("", "privacy.refuses", msg.Args{"Platform": channelName(t.conv.Channel), "What": contentNames(t.conv.Language, refused)}).
		add(" ", id, args).reply())
}

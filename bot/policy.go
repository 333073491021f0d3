package bot

import (
	"context"
	"net/url"
	"regexp"
	"slices"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// Content is a kind of content a customer sends, as far as a channel's
// policy tells them apart.
type Content string

// The contents a channel may take. Pack photos and text are what every
// channel takes; prescriptions and e-prescription tokens are health data a
// channel takes only when its policy lists them.
const (
	ContentPacks         Content = "packs"         // pack photos and text
	ContentPrescriptions Content = "prescriptions" // photos of paper prescriptions
	ContentERxTokens     Content = "erx_tokens"    // e-prescription tokens: photographed, or their codes typed
)

// Contents lists every content, as channel_policy names them.
var Contents = []Content{ContentPacks, ContentPrescriptions, ContentERxTokens}

// Channels lists every channel, as channel_policy names them.
var Channels = []Channel{ChannelWeb, ChannelThreema, ChannelWhatsApp, ChannelTelegram, ChannelMessenger}

// Policy is the content each channel takes (APOBOT_CONFIG channel_policy).
// A channel it does not list keeps DefaultPolicy's; packs and text are
// taken everywhere, listed or not.
type Policy map[Channel][]Content

// DefaultPolicy takes everything on the channels that are end to end
// between customer and pharmacy (the web chat, Threema), and packs and text
// only where the platform holds the messages in clear: WhatsApp and
// Messenger (Meta's servers), Telegram (cloud chats, stored on Telegram's
// servers; a bot cannot take part in its secret chats). § 360 SGB V lets
// e-prescription tokens go only to the chosen pharmacy, not through a
// platform.
func DefaultPolicy() Policy {
	all, packs := slices.Clone(Contents), []Content{ContentPacks}
	return Policy{ChannelWeb: all, ChannelThreema: all, ChannelWhatsApp: packs, ChannelTelegram: packs, ChannelMessenger: packs}
}

// defaultPolicy is DefaultPolicy, made once: Accepts asks it for every
// message on a channel the configured policy does not list.
var defaultPolicy = DefaultPolicy()

// Accepts reports whether channel ch takes content c.
func (p Policy) Accepts(ch Channel, c Content) bool {
	if c == ContentPacks {
		return true
	}
	list, ok := p[ch]
	if !ok {
		list = defaultPolicy[ch]
	}
	return slices.Contains(list, c)
}

// Refused lists the contents channel ch does not take, in Contents' order.
func (p Policy) Refused(ch Channel) []Content {
	var out []Content
	for _, c := range Contents {
		if !p.Accepts(ch, c) {
			out = append(out, c)
		}
	}
	return out
}

// contentOf names what a photo's findings show that a policy may refuse:
// an e-prescription token (its tasks), a paper prescription, or neither.
func contentOf(f Findings) (Content, bool) {
	switch {
	case len(f.Tasks) > 0 || f.Kind == "erx_token":
		return ContentERxTokens, true
	case f.Kind == "prescription":
		return ContentPrescriptions, true
	}
	return "", false
}

// withhold refuses a photo whose content the chat's channel does not take:
// the scan's findings and the fetched copy are dropped, what the message
// brought is erased from the database, and the customer is told where to
// send it instead. It reports whether the photo was refused.
func (e *Engine) withhold(ctx context.Context, t *turn, f Findings) (bool, error) {
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
func (e *Engine) withholdText(in *Inbound) {
	if !e.cfg.Policy.Accepts(in.Channel, ContentERxTokens) && hasERxCode(in.Text) {
		in.Text = withheldCode
	}
}

// withheldText answers a message whose typed code was withheld on its
// way in; it reports whether the message was one.
func (e *Engine) withheldText(t *turn, m *Message) bool {
	if m.Text != withheldCode {
		return false
	}
	e.refuse(t, ContentERxTokens)
	m.Text = ""
	return true
}

// refusedIDs are the sentences that refuse a content.
var refusedIDs = map[Content]msg.ID{ContentPrescriptions: "policy.refused_prescriptions", ContentERxTokens: "policy.refused_erx_tokens"}

// refuse tells the customer that this channel does not take c and where
// to send it instead.
func (e *Engine) refuse(t *turn, c Content) {
	id, args := e.where(t.conv, c)
	t.add(composeIn(t.conv.Language).
		add("", refusedIDs[c], msg.Args{"Platform": channelName(t.conv.Channel)}).
		add(" ", id, args).reply())
}

// where is the sentence that points to a channel taking c: the pharmacy's
// web chat (the chat's branch's own link where there are branches) and
// Threema when it is on, else the counter.
func (e *Engine) where(c Conversation, what Content) (msg.ID, msg.Args) {
	web := c.Channel != ChannelWeb && e.cfg.Policy.Accepts(ChannelWeb, what)
	threema := e.cfg.ThreemaID != "" && c.Channel != ChannelThreema && e.cfg.Policy.Accepts(ChannelThreema, what)
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
func channelName(ch Channel) any {
	if name, ok := platformNames[ch]; ok {
		return name
	}
	return msg.Of("policy.this_chat", nil)
}

// contentNames lists contents as a customer reads them, in lang.
func contentNames(lang string, cs []Content) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = msg.Text(lang, contentIDs[c], nil)
	}
	return msg.List(lang, names)
}

// contentIDs name the contents a policy may refuse.
var contentIDs = map[Content]msg.ID{ContentPrescriptions: "policy.content_prescriptions", ContentERxTokens: "policy.content_erx_tokens"}

// helpID is the sentence that tells what to send on ch: packs, prescriptions
// and e-prescription codes, or only packs and text where p refuses any.
func helpID(ch Channel, p Policy) msg.ID {
	if len(p.Refused(ch)) > 0 {
		return "answer.help_packs"
	}
	return "answer.help"
}

// sayHelp tells what the customer may send on this chat's channel.
func (e *Engine) sayHelp(t *turn) { t.say(helpID(t.conv.Channel, e.cfg.Policy), nil) }

// sayPrescription answers a question about sending a prescription: how,
// or, on a channel that refuses prescriptions, where instead.
func (e *Engine) sayPrescription(t *turn) {
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

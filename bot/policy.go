package bot

import (
	"slices"
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

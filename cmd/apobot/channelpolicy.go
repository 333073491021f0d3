package main

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/apobot/apobot/bot"
)

// fileChannelPolicy is one channel's entry of APOBOT_CONFIG channel_policy:
// {"whatsapp": {"accept": ["packs", "prescriptions"]}}. Pack photos and text
// are taken on every channel; "prescriptions" (photos of paper
// prescriptions) and "erx_tokens" (e-prescription tokens, photographed or
// typed) only where listed. A channel left out keeps its default: all on
// web and threema, packs and text only on whatsapp, telegram and messenger.
type fileChannelPolicy struct {
	Accept []string `json:"accept"`
}

// policyFrom checks channel_policy strictly (known channels and contents,
// each named once, "accept" given) and returns it over the defaults.
func policyFrom(fcp map[string]fileChannelPolicy) (bot.Policy, error) {
	if fcp == nil {
		return nil, nil
	}
	p := bot.Policy{}
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(fcp)) {
		ch := bot.Channel(name)
		if !slices.Contains(bot.Channels, ch) {
			errs = append(errs, fmt.Errorf("channel_policy: unbekannter Kanal %q (%s) / unknown channel %q (use %s)", name, channelNames(), name, channelNames()))
			continue
		}
		list, err := contentsFrom(name, fcp[name].Accept)
		errs = append(errs, err)
		p[ch] = list
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// contentsFrom reads one channel's "accept" list.
func contentsFrom(channel string, accept []string) ([]bot.Content, error) {
	where := "channel_policy." + channel + ".accept"
	if accept == nil {
		return nil, fmt.Errorf("%s fehlt: eine Liste wie [\"packs\"] / %s is missing: a list such as [\"packs\"]", where, where)
	}
	out := []bot.Content{bot.ContentPacks}
	for _, s := range accept {
		c := bot.Content(s)
		switch {
		case !slices.Contains(bot.Contents, c):
			return nil, fmt.Errorf("%s: unbekannter Inhalt %q (%s) / unknown content %q (use %s)", where, s, contentNames(), s, contentNames())
		case c != bot.ContentPacks && slices.Contains(out, c):
			return nil, fmt.Errorf("%s: %q steht zweimal da / %q is listed twice", where, s, s)
		}
		if c != bot.ContentPacks {
			out = append(out, c)
		}
	}
	return out, nil
}

// webChatURL checks web_chat_url: the web chat's public https address,
// which customers are sent to from a channel that does not take what they
// sent. "" is allowed (apobot then derives it from APOBOT_TLS_DOMAIN, or
// names no address).
func webChatURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("web_chat_url %q: eine https-Adresse ohne ?…, wie https://apotheke.example/ / want an https address without ?…, such as https://apotheke.example/", s)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// webChatFor is the web chat's address customers are sent to: web_chat_url,
// else the automatic certificate's domain.
func webChatFor(fromFile, tlsDomain string) string {
	if fromFile != "" || tlsDomain == "" {
		return fromFile
	}
	return "https://" + tlsDomain + "/"
}

func channelNames() string {
	names := make([]string, len(bot.Channels))
	for i, c := range bot.Channels {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

func contentNames() string {
	names := make([]string, len(bot.Contents))
	for i, c := range bot.Contents {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

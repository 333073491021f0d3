package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/facebook"
	"github.com/apobot/apobot/bot/telegram"
	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/bot/web"
	"github.com/apobot/apobot/bot/whatsapp"
)

// Names of the messenger variables (docs/operations.md, "Configuration"). Secrets may also come from
// a file named by the same name with _FILE appended.
const (
	envWAToken        = "APOBOT_WHATSAPP_ACCESS_TOKEN"
	envWASecret       = "APOBOT_WHATSAPP_APP_SECRET"
	envWAVerify       = "APOBOT_WHATSAPP_VERIFY_TOKEN"
	envWAPhone        = "APOBOT_WHATSAPP_PHONE_NUMBER_ID"
	envWAURL          = "APOBOT_WHATSAPP_API_URL"
	envWATemplate     = "APOBOT_WHATSAPP_TEMPLATE" // approved template for replies after 24 hours
	envWATemplateLang = "APOBOT_WHATSAPP_TEMPLATE_LANGUAGE"
	envTGToken        = "APOBOT_TELEGRAM_BOT_TOKEN"
	envTGSecret       = "APOBOT_TELEGRAM_SECRET_TOKEN"
	envTGURL          = "APOBOT_TELEGRAM_API_URL"
	envTMID           = "APOBOT_THREEMA_ID"
	envTMSecret       = "APOBOT_THREEMA_SECRET"
	envTMKey          = "APOBOT_THREEMA_PRIVATE_KEY"
	envTMURL          = "APOBOT_THREEMA_API_URL"
	envFBToken        = "APOBOT_MESSENGER_PAGE_TOKEN"
	envFBSecret       = "APOBOT_MESSENGER_APP_SECRET"
	envFBVerify       = "APOBOT_MESSENGER_VERIFY_TOKEN"
	envFBPage         = "APOBOT_MESSENGER_PAGE_ID"
	envFBURL          = "APOBOT_MESSENGER_API_URL"
)

// channels are the messengers that are configured; a nil one is off.
type channels struct {
	waClient *whatsapp.Client
	waHook   *web.WhatsApp
	tgClient *telegram.Client
	tgHook   *web.Telegram
	tmClient *threema.Client
	tmHook   *web.Threema
	fbClient *facebook.Client
	fbHook   *web.Messenger
}

// messengers returns the configured clients for the engine.
func (c channels) messengers() map[bot.Channel]bot.Messenger {
	m := map[bot.Channel]bot.Messenger{}
	if c.waClient != nil {
		m[bot.ChannelWhatsApp] = c.waClient
	}
	if c.tgClient != nil {
		m[bot.ChannelTelegram] = c.tgClient
	}
	if c.tmClient != nil {
		m[bot.ChannelThreema] = c.tmClient
	}
	if c.fbClient != nil {
		m[bot.ChannelMessenger] = c.fbClient
	}
	return m
}

// loadChannels reads the messenger variables. A channel with none of its
// secrets is off; one with only some of them is an error naming the rest.
func loadChannels(getenv func(string) string) (channels, error) {
	var c channels
	wa, err := secrets(getenv, envWAToken, envWASecret, envWAVerify, envWAPhone)
	tg, err2 := secrets(getenv, envTGToken, envTGSecret)
	tm, err3 := secrets(getenv, envTMID, envTMSecret, envTMKey)
	fb, err4 := secrets(getenv, envFBToken, envFBSecret, envFBVerify, envFBPage)
	if err = errors.Join(err, err2, err3, err4); err != nil {
		return c, err
	}
	if wa != nil {
		c.waClient = &whatsapp.Client{BaseURL: strings.TrimRight(valueOr(getenv(envWAURL), "https://graph.facebook.com/v21.0"), "/"),
			Token: wa[0], PhoneNumberID: wa[3], Template: strings.TrimSpace(getenv(envWATemplate)),
			TemplateLanguage: strings.TrimSpace(getenv(envWATemplateLang))}
		c.waHook = &web.WhatsApp{AppSecret: wa[1], VerifyToken: wa[2], PhoneNumberID: wa[3]}
	}
	if tg != nil {
		if !validSecretToken(tg[1]) {
			return c, fmt.Errorf("%s: Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -", envTGSecret)
		}
		c.tgClient = &telegram.Client{BaseURL: strings.TrimRight(valueOr(getenv(envTGURL), "https://api.telegram.org"), "/"), Token: tg[0]}
		c.tgHook = &web.Telegram{SecretToken: tg[1]}
	}
	if tm != nil {
		if err := c.threema(getenv, tm); err != nil {
			return c, err
		}
	}
	if fb != nil {
		c.fbClient = &facebook.Client{BaseURL: strings.TrimRight(valueOr(getenv(envFBURL), facebook.DefaultURL), "/"),
			PageToken: fb[0], PageID: fb[3]}
		c.fbHook = &web.Messenger{AppSecret: fb[1], VerifyToken: fb[2], PageID: fb[3]}
	}
	return c, nil
}

// threema sets up the Threema channel from its ID, secret and private key.
func (c *channels) threema(getenv func(string) string, tm []string) error {
	if !threema.ValidID(tm[0]) || tm[0][0] != '*' {
		return fmt.Errorf("%s: a gateway ID is '*' and seven letters or digits, as the gateway gave it", envTMID)
	}
	key, err := threema.ParseKey(tm[2])
	if err != nil {
		return fmt.Errorf("%s: 64 hex digits, as apobot threema keygen writes it", envTMKey)
	}
	c.tmClient = &threema.Client{BaseURL: strings.TrimRight(valueOr(getenv(envTMURL), threema.DefaultURL), "/"),
		ID: tm[0], Secret: tm[1], PrivateKey: key}
	c.tmHook = &web.Threema{ID: tm[0], Secret: tm[1], Opener: c.tmClient}
	return nil
}

// secrets reads each name (or name_FILE); nil when none is set, an error
// naming the missing ones when only some are.
func secrets(getenv func(string) string, names ...string) ([]string, error) {
	vals := make([]string, len(names))
	var missing []string
	for i, n := range names {
		v, err := secret(getenv, n)
		if err != nil {
			return nil, err
		}
		if vals[i] = v; v == "" {
			missing = append(missing, n)
		}
	}
	switch len(missing) {
	case len(names):
		return nil, nil
	case 0:
		return vals, nil
	}
	return nil, fmt.Errorf("%s: not set, while %s is: set all of them, or none to turn the channel off",
		strings.Join(missing, ", "), names[indexSet(vals)])
}

func indexSet(vals []string) int {
	for i, v := range vals {
		if v != "" {
			return i
		}
	}
	return 0
}

// secret reads name, or the file name_FILE points to (readSecretFile: a
// file its group or others may read or write is refused).
func secret(getenv func(string) string, name string) (string, error) {
	v, file := strings.TrimSpace(getenv(name)), strings.TrimSpace(getenv(name+"_FILE"))
	switch {
	case v != "" && file != "":
		return "", fmt.Errorf("%s and %s_FILE are both set: set one", name, name)
	case file != "":
		b, err := readSecretFile(name+"_FILE", file)
		if err != nil {
			return "", err
		}
		return strings.TrimSpace(string(b)), nil
	}
	return v, nil
}

func validSecretToken(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == ""
}

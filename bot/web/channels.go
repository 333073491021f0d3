package web

import (
	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/facebook"
	"github.com/apobot/apobot/bot/telegram"
	"github.com/apobot/apobot/bot/threema"
	"github.com/apobot/apobot/bot/whatsapp"
)

// WhatsApp holds the secrets the WhatsApp webhook checks.
type WhatsApp struct {
	AppSecret     string // signs every POST (X-Hub-Signature-256)
	VerifyToken   string // answers the subscription handshake
	PhoneNumberID string // messages to other numbers are dropped; empty: any
}

// Telegram holds the secret the Telegram webhook checks.
type Telegram struct {
	SecretToken string // X-Telegram-Bot-Api-Secret-Token, set with setWebhook
}

// Threema holds what the Threema Gateway's callback needs: the gateway ID
// messages must be addressed to, the API secret the MAC is made with, and
// an Opener that finds the sender's public key and opens the box.
type Threema struct {
	ID     string
	Secret string
	Opener threema.Opener
}

// Messenger holds the secrets the Facebook Messenger webhook checks.
type Messenger struct {
	AppSecret   string // signs every POST (X-Hub-Signature-256)
	VerifyToken string // answers the subscription handshake
	PageID      string // messages to other pages are dropped
}

// whatsappHook is the WhatsApp webhook, nil when the channel is off. Each
// channel package reads its platform's POST into bot.Inbound; web only
// hands it its settings and the chat key.
func (s *Server) whatsappHook() Webhook {
	if wa := s.cfg.WhatsApp; wa != nil {
		return &whatsapp.Webhook{AppSecret: wa.AppSecret, PhoneNumberID: wa.PhoneNumberID, ChatKey: s.chatKey(bot.ChannelWhatsApp)}
	}
	return nil
}

// telegramHook is the Telegram webhook, nil when the channel is off.
func (s *Server) telegramHook() Webhook {
	if tg := s.cfg.Telegram; tg != nil {
		return &telegram.Webhook{SecretToken: tg.SecretToken, ChatKey: s.chatKey(bot.ChannelTelegram)}
	}
	return nil
}

// threemaHook is the Threema callback, nil when the channel is off; a
// callback's date is checked against the server's clock.
func (s *Server) threemaHook() Webhook {
	if th := s.cfg.Threema; th != nil {
		return &threema.Webhook{ID: th.ID, Secret: th.Secret, Opener: th.Opener, Now: s.now, ChatKey: s.chatKey(bot.ChannelThreema)}
	}
	return nil
}

// messengerHook is the Messenger webhook, nil when the channel is off.
func (s *Server) messengerHook() Webhook {
	if fm := s.cfg.Messenger; fm != nil {
		return &facebook.Webhook{AppSecret: fm.AppSecret, PageID: fm.PageID, ChatKey: s.chatKey(bot.ChannelMessenger)}
	}
	return nil
}

// chatKey keys a channel's chat ids (ChatKey).
func (s *Server) chatKey(ch bot.Channel) func(id string) string {
	return func(id string) string { return s.cfg.ChatKey(ch, id) }
}

// messengerVerify answers the Messenger Platform's subscription handshake.
func (s *Server) messengerVerify(c echo.Context) error {
	if s.cfg.Messenger == nil {
		return errChannelOff
	}
	return handshake(c, s.cfg.Messenger.VerifyToken)
}

// Telegram's secret is a header: it is checked before the body is read.
var _ authentic = (*telegram.Webhook)(nil)

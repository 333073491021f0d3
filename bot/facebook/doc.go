// Package facebook is the Facebook Messenger adapter (Meta's Messenger
// Platform): its Webhook checks a POST's signature and turns the page
// webhook's documented JSON into the bot.Inbound messages apobot answers
// (echoes, reads and deliveries are counted and dropped), and its Client
// sends replies through the Send API with messaging_type RESPONSE within 24
// hours of the customer's last message, and downloads photo attachments.
// The webhook's handshake and signature are those of WhatsApp (bot/meta).
// It logs nothing, and its errors never carry the page token or an
// attachment URL.
package facebook

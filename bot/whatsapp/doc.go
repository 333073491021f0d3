// Package whatsapp is the WhatsApp Cloud API adapter: its Webhook checks a
// POST's signature and turns the webhook's documented JSON into the
// bot.Inbound messages apobot answers, deciding which message types are
// text, a photo to fetch, a file asked for a photo, or nothing to answer
// (the signature and the subscription handshake, which the Messenger
// Platform shares, are in bot/meta); its Client sends replies (text within
// 24 hours of the customer's last message, else an approved template) and
// fetches photos in the two documented steps. It logs nothing, and its
// errors never carry the access token or a media URL.
package whatsapp

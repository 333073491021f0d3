// Package whatsapp is the WhatsApp Cloud API adapter: it parses a webhook's
// documented JSON into messages (the signature and the subscription
// handshake, which the Messenger Platform shares, are in bot/meta); its
// Client sends replies (text within 24 hours of the customer's last message,
// else an approved template) and fetches photos in the two documented steps.
// It logs nothing, and its errors never carry the access token or a media
// URL.
package whatsapp

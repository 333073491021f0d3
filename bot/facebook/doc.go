// Package facebook is the Facebook Messenger adapter (Meta's Messenger
// Platform): it parses a page webhook's documented JSON into customer
// messages (echoes, reads and deliveries are counted and dropped), and its
// Client sends replies through the Send API with messaging_type RESPONSE
// within 24 hours of the customer's last message, and downloads photo
// attachments. The webhook's handshake and signature are those of WhatsApp
// (bot/meta). It logs nothing, and its errors never carry the page token or
// an attachment URL.
package facebook

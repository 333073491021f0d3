// Package whatsapp is the WhatsApp Cloud API adapter: it proves a webhook
// genuine (X-Hub-Signature-256 over the raw body, in constant time) and
// parses its documented JSON into messages. It holds no state and logs
// nothing; message text and phone numbers leave it only in the values it
// returns.
package whatsapp

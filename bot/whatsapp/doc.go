// Package whatsapp is the WhatsApp Cloud API adapter: it proves a webhook
// genuine (X-Hub-Signature-256 over the raw body, in constant time) and
// parses its documented JSON into messages; its Client sends replies
// (text within 24 hours of the customer's last message, else an approved
// template) and fetches photos in the two documented steps. It logs nothing,
// and its errors never carry the access token or a media URL.
package whatsapp

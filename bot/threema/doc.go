// Package threema speaks the Threema Gateway in end-to-end mode. The
// gateway only relays: a customer's phone encrypts each message with NaCl
// box for the pharmacy's public key, and only apobot, holding the private
// key, opens it. The package checks a callback's MAC (HMAC-SHA256 with the
// API secret, in constant time), opens its box, removes the padding and
// reads the message types apobot answers (text, file; delivery receipts are
// recognised and dropped); its Webhook turns a callback into the
// bot.Inbound apobot answers. Its Client looks up senders' public keys
// (kept in memory only, and forgotten when the chat is erased), downloads
// and decrypts file blobs, and sends replies encrypted for the recipient
// with random padding. It logs nothing, and its errors never carry the
// secret, a key or message content.
package threema

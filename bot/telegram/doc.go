// Package telegram is the Telegram Bot API adapter: it checks the webhook's
// secret token in constant time and parses updates into messages, choosing
// the largest size of a photo. It holds no state and logs nothing.
package telegram

// Package telegram is the Telegram Bot API adapter: it checks the webhook's
// secret token in constant time and parses updates into messages, choosing
// the largest size of a photo; its Client sends messages, downloads photos
// (getFile) and deletes a chat's messages (deleteMessage). It logs nothing,
// and its errors never carry the bot token (which Telegram puts in URLs).
package telegram

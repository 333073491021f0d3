// Package telegram is the Telegram Bot API adapter: its Webhook checks the
// secret token in constant time and turns an update into the bot.Inbound
// apobot answers (one-to-one chats only), choosing the largest size of a
// photo; its Client sends messages, downloads photos (getFile) and deletes
// a chat's messages (deleteMessage). It logs nothing, and its errors never
// carry the bot token (which Telegram puts in URLs).
package telegram

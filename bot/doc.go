// Package bot is apobot's domain: the inbound message, the conversation, the
// pre-order and its items and status, the conversation engine, the guardrails
// and pickup planning. The words it reads are in bot/nlu's phrase files, the
// replies it sends in bot/msg's German and English message files.
//
// It declares the small interfaces it consumes (Inventory, PreOrders,
// Conversations, Claims, Scanner, ProductReader, Messenger, Eraser) and is
// implemented against them. Besides the standard library it imports bot/msg,
// bot/nlu, pzn, the holiday calendar github.com/rickar/cal and, for photos,
// golang.org/x/image/webp and golang.org/x/sync/semaphore only. It must not
// import gorm, echo, cgo code or any platform SDK, and it never logs message
// content, names, numbers, tokens or codes.
package bot

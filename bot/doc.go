// Package bot is apobot's domain: the inbound message, the conversation, the
// pre-order and its items and status, the conversation engine, the guardrails,
// pickup planning and the reply texts in German and English.
//
// It declares the small interfaces it consumes (Inventory, PreOrders,
// Conversations, Scanner, Messenger) and is
// implemented against them; it imports pzn, the standard library and the
// holiday calendar github.com/rickar/cal only. It must not import gorm, echo,
// cgo code or any platform SDK, and it never logs message content, names,
// numbers, tokens or codes.
package bot

// Package bot is apobot's domain: the inbound message, the conversation, the
// pre-order with its items, status and pickup code, the product, the staff
// account, the channels and what each takes (Policy), the reply, and the
// errors with their catalogue texts. It declares the interfaces the rest is
// built against: the stores (Inventory, PreOrders, Conversations, Claims),
// the scanner (Scanner, ProductReader), the platforms (Messenger, Eraser) and
// the counts for /metrics (Observer).
//
// The work is done in its subpackages, along the way a message takes:
// bot/engine takes messages in and answers them (the runtime: lanes, claims,
// retries, the outbox; the dialog: reading, deciding, replying; photo intake;
// the staff's decisions), bot/match finds products in the catalogue,
// bot/redact takes personal data out, bot/triage reads urgent situations,
// bot/plan proposes pickup times, bot/nlu holds the words customers write and
// bot/msg the replies. The channel packages (whatsapp, telegram, threema,
// facebook) speak to the platforms, and bot/web serves the web chat, the
// webhooks and the tablet.
//
// Besides the standard library it imports bot/msg, bot/nlu, bot/plan and pzn
// only. It
// never logs message content, names, numbers, tokens or codes.
package bot

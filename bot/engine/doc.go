// Package engine is the conversation engine. The Engine is the runtime: it
// takes a message in (redacted and sealed before it is stored), works on
// each conversation in a lane of its own, claims a conversation where
// several processes share a database, retries what failed, sends replies
// through an outbox and erases chats. What to answer is the dialog's: it
// reads a message (bot/nlu, bot/triage, bot/match), decides by the state of
// the conversation and says it in the catalogue's sentences (bot/msg). Photos
// go through the intake (counted per chat, held within the pixel budget,
// fetched, cleaned and scanned), and the tablet's decisions through the Desk.
//
// It never logs message content, names, numbers, tokens or codes: ids and
// counts only.
package engine

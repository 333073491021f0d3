// Package retention decides how long apobot keeps what and runs the purge:
// the nightly job (in-process at a local time, or once from `apobot purge`)
// and its report of counts. Deleting one chat at once ("löschen", a handled
// request) is the conversation engine's (bot.Engine).
//
// It declares the interface it needs from the store and holds policy only; it
// must not open the database itself or log anything but counts.
package retention

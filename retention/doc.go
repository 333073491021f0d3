// Package retention decides how long apobot keeps what, and runs the purge: the
// nightly job, its report of counts, and on-demand erasure of one conversation.
//
// It declares the interface it needs from the store and holds policy only; it
// must not open the database itself or log anything but counts.
package retention

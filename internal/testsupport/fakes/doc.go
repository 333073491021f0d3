// Package fakes runs local stand-ins for the WhatsApp Cloud API and the
// Telegram Bot API, speaking their documented JSON, for tests and the
// acknowledgement benchmark. They are the only fakes apobot's tests use:
// the real servers cannot be reached from a test.
package fakes

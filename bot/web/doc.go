// Package web is apobot's HTTP surface on echo: all routes (bot/web/routes.go),
// the messenger webhooks (each channel package reads its platform's POST into
// bot.Inbound; web answers it), the customer web chat, the staff console,
// auth, and the one error handler that maps domain errors to statuses.
//
// It is the only package that imports echo. Handlers parse, make one call into
// bot, and render; they log request ids, routes, statuses and durations, never
// URLs with query strings, bodies, tokens or other content.
package web

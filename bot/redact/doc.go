// Package redact takes personal data out of a customer's text before it is
// stored or answered: insurance numbers (KVNR), IBANs, e-mail addresses,
// phone numbers, past dates such as birth dates, postal codes, names said of
// oneself and labelled ID numbers, each replaced by a marker ("[Telefon]").
package redact

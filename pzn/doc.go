// Package pzn decides what counts as a German product number anywhere in apobot.
//
// It owns the Pharmazentralnummer (PZN8, and PZN7 by left-padding) and its check
// digit, the identifiers that carry it (PPN, NTIN/GTIN), the barcode payloads that
// hold them (Code 39, securPharm Data Matrix in IFA and GS1 format, EAN-13,
// e-prescription token JSON), a finder for PZNs in free and OCR text, and a parser
// for product details (name, strength, form, count, N-size, maker).
//
// Every function here returns only numbers whose check digits are valid. The package
// is pure Go and does no I/O; its one third-party import reads the embedded
// labels.toml, the words that say whether a number in a message is a PZN or
// something else (a phone or customer number). It must not log, and it never
// shows an e-prescription access code (see AccessCode).
package pzn

// Package inventory reads the pharmacy's inventory export, in the CSV format
// of the "Inventory" section of docs/operations.md
// (`pzn;name;strength;form;count;n_size;maker;rx;stock`), as pharmacy systems
// write it: UTF-8 with or without a byte order mark, or Windows-1252.
// It checks every line and reports the first bad one with its line number; it
// does not touch the database.
package inventory

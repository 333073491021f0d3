// Package ocr turns a customer's photo into findings: it decodes the image
// safely (size and pixel limits, EXIF orientation, metadata dropped), reads
// barcodes with gozxing and printed text with tesseract (gosseract), and hands
// every payload and string to pzn.
//
// It is the only package that uses cgo. Everything stays in memory: it must not
// write images or text to disk, and it must not log what it read.
package ocr

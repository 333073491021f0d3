package pzn

import (
	"fmt"
	"strings"
)

// Symbology names a barcode type as the ocr package reports it.
type Symbology string

// Symbologies that can carry something apobot reads.
const (
	Code39     Symbology = "CODE_39"
	DataMatrix Symbology = "DATA_MATRIX"
	EAN13      Symbology = "EAN_13"
	QRCode     Symbology = "QR_CODE"
)

// Kind says what a barcode turned out to hold.
type Kind int

// Kinds of barcode content.
const (
	KindPZN   Kind = iota + 1 // a bare PZN: Code 39, NTIN EAN-13
	KindPack                  // a securPharm pack code with batch, expiry, serial
	KindToken                 // an e-prescription token
)

// Barcode is the interpretation of one decoded barcode.
type Barcode struct {
	Kind  Kind
	PZN   PZN   // set for KindPZN and KindPack
	Pack  Pack  // set for KindPack
	Token Token // set for KindToken
}

// ParseBarcode interprets the text a reader decoded from a barcode of the given
// symbology. It returns an error wrapping ErrFormat, ErrCheckDigit, ErrNotIssued
// or ErrNotPZN when the code holds nothing apobot can use.
func ParseBarcode(sym Symbology, text string) (Barcode, error) {
	switch sym {
	case Code39:
		p, err := ParseCode39(text)
		return Barcode{Kind: KindPZN, PZN: p}, err
	case EAN13:
		p, err := ParseGTIN(text)
		return Barcode{Kind: KindPZN, PZN: p}, err
	case DataMatrix, QRCode:
		return parse2D(text)
	}
	return Barcode{}, fmt.Errorf("%w: symbology %q carries no PZN", ErrNotPZN, clip(string(sym)))
}

// parse2D tells an e-prescription token (JSON) from a securPharm pack code.
func parse2D(text string) (Barcode, error) {
	if strings.HasPrefix(strings.TrimSpace(text), "{") {
		t, err := ParseToken(text)
		if err != nil {
			return Barcode{}, err
		}
		return Barcode{Kind: KindToken, Token: t}, nil
	}
	p, err := ParseDataMatrix(text)
	if err != nil {
		return Barcode{}, err
	}
	return Barcode{Kind: KindPack, PZN: p.PZN, Pack: p}, nil
}

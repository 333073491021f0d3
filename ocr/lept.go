package ocr

// #cgo LDFLAGS: -llept
// #include <leptonica/allheaders.h>
import "C"

// quietLeptonica stops leptonica from printing its warnings to stderr ("Error
// in boxClipToRectangle"); they concern tiny crops and say nothing to a user.
func quietLeptonica() { C.setMsgSeverity(C.L_SEVERITY_NONE) }

package bot

import (
	"errors"
	"fmt"
)

// Error codes the HTTP layer maps to statuses; the rest of apobot tests them
// with ErrorCode.
const (
	EINVALID  = "invalid"   // the input is wrong: 400 or 422
	ENOTFOUND = "not_found" // 404
	ECONFLICT = "conflict"  // the state does not allow it: 409
	EINTERNAL = "internal"  // a bug or an outage: 500, logged
)

// Error is a domain error with a message for people, in German and English.
type Error struct {
	Code   string
	DE, EN string
}

func (e *Error) Error() string { return fmt.Sprintf("bot %s: %s", e.Code, e.EN) }

// Errorf returns an Error with code and messages.
func Errorf(code, de, en string) *Error { return &Error{Code: code, DE: de, EN: en} }

// ErrorCode returns the code of the first Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

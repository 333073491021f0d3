package bot

import (
	"errors"
	"fmt"

	"github.com/apobot/apobot/bot/msg"
)

// Error codes the HTTP layer maps to statuses; the rest of apobot tests them
// with ErrorCode.
const (
	EINVALID  = "invalid"   // the input is wrong: 400 or 422
	ENOTFOUND = "not_found" // 404
	ECONFLICT = "conflict"  // the state does not allow it: 409
	EINTERNAL = "internal"  // a bug or an outage: 500, logged
	// EUNAUTHORIZED is a request that does not prove where it is from (a
	// webhook's signature, secret or MAC is missing or wrong): 401.
	EUNAUTHORIZED = "unauthorized"
	// EUNAVAILABLE is a request that cannot be served now but may be sent
	// again (a gateway that cannot give what is needed): 503.
	EUNAVAILABLE = "unavailable"
)

// Error is a domain error: a code, and a catalogue message for people that
// the edge (web page, JSON, command line) renders in its language.
type Error struct {
	Code string
	ID   msg.ID
	Args msg.Args
}

func (e *Error) Error() string { return fmt.Sprintf("bot %s: %s", e.Code, e.Text("en")) }

// Text renders the error's message in lang.
func (e *Error) Text(lang string) string { return msg.Text(lang, e.ID, e.Args) }

// Errorf returns an Error with code and a catalogue message.
func Errorf(code string, id msg.ID, args msg.Args) *Error {
	return &Error{Code: code, ID: id, Args: args}
}

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

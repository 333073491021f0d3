package meta

import (
	"fmt"
	"net/http"

	"github.com/apobot/apobot/bot"
)

// The errors of a webhook that does not check out, with the catalogue
// message the edge answers: 401 for the signature, 400 for the body.
var (
	ErrSignature = bot.Errorf(bot.EUNAUTHORIZED, "web.signature", nil)
	ErrBody      = bot.Errorf(bot.EINVALID, "web.bad_update", nil)
)

// Signed parses a webhook POST's exact body with parse once its
// X-Hub-Signature-256 checks out with secret: ErrSignature when it is
// missing or wrong, ErrBody (wrapping parse's error) when the body is no
// webhook of the platform.
func Signed[U any](h http.Header, body []byte, secret string, parse func([]byte) (U, error)) (U, error) {
	var u U
	if !Verify(body, h.Get(SignatureHeader), secret) {
		return u, ErrSignature
	}
	u, err := parse(body)
	if err != nil {
		return u, fmt.Errorf("%w: %w", ErrBody, err)
	}
	return u, nil
}

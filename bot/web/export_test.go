package web

// The tests in package web_test build the server as serve does, through
// bot/service, which imports this package; these names let them see
// the limits and forms they check.
var (
	PairRule              = pairRule
	AddrRule              = addrRule
	NameRule              = nameRule
	DefaultPasswordChecks = defaultPasswordChecks
	ChatCookie            = chatCookie
	MaxPixels             = maxPixels
	CheckImage            = checkImage
)

// ChatMessage is one message as the chat's JSON gives it.
type ChatMessage = chatMessage

// ChatTokenValid reports whether s takes token for a web chat token of its own.
func ChatTokenValid(s *Server, token string) bool {
	_, ok := s.chatToken(token)
	return ok
}

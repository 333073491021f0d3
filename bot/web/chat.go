package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
)

const (
	maxPhoto      = 10 << 20              // the scanner's limit
	maxChatBody   = "11M"                 // a photo plus the form around it
	chatCookie    = "apobot_chat"         // the token, for clients without a Bearer header
	convKey       = "apobot.conversation" // the echo context key chatAuth sets
	tokenMadeKey  = "apobot.token_made"   // and when the token was made
	idempotencyID = 64                    // longest Idempotency-Key taken
)

// chatSession starts a web chat: a token that the server can recognise
// without storing it (see chattoken.go); the conversation, its keyed
// pseudonym as chat key, begins with the first message.
func (s *Server) chatSession(c echo.Context) error {
	lang := language(c.Request())
	if l := c.FormValue("lang"); l == "de" || l == "en" { // the page's language
		lang = l
	}
	token := s.newChatToken(lang, c.FormValue("branch"))
	c.SetCookie(&http.Cookie{Name: chatCookie, Value: token, Path: "/chat", MaxAge: 2 * 24 * 3600,
		HttpOnly: true, Secure: isHTTPS(c), SameSite: http.SameSiteStrictMode})
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, map[string]string{"token": token})
}

var errNoSession = &httpError{http.StatusUnauthorized, "web.no_session", nil, nil}

// chatAuth finds the conversation of the request's token (Bearer header,
// else the cookie); 401 without a token of this server's. A token without
// a conversation yet gets one with ID 0: nothing said, nothing stored.
func (s *Server) chatAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok {
			if ck, err := c.Cookie(chatCookie); err == nil {
				token = ck.Value
			}
		}
		tok, ok := s.chatToken(token)
		if !ok {
			c.Response().Header().Set("WWW-Authenticate", "Bearer")
			return errNoSession
		}
		key := s.cfg.ChatKey(bot.ChannelWeb, token)
		conv, err := s.cfg.Chats.ConversationByKey(c.Request().Context(), key)
		if bot.ErrorCode(err) == bot.ENOTFOUND {
			conv, err = bot.Conversation{Channel: bot.ChannelWeb, ChatKey: key, Language: tok.lang, Branch: tok.branch}, nil
		}
		if err != nil {
			return err
		}
		c.Set(convKey, conv)
		c.Set(tokenMadeKey, tok.made)
		return next(c)
	}
}

var errChatEnded = &httpError{http.StatusUnauthorized, "web.chat_ended", nil, nil}

// chatAlive refuses a token left alone for ChatIdle (401 web.chat_ended:
// the page starts a new chat). Erasing needs no live token.
func (s *Server) chatAlive(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.ended(c.Get(tokenMadeKey).(time.Time), conversation(c)) {
			c.Response().Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			return errChatEnded
		}
		return next(c)
	}
}

func conversation(c echo.Context) bot.Conversation { return c.Get(convKey).(bot.Conversation) }

// postChatMessage takes a text and/or a photo: 202 once it is stored.
func (s *Server) postChatMessage(c echo.Context) error {
	conv := conversation(c)
	text, photo, err := chatForm(c)
	if err != nil {
		return err
	}
	if photo != nil {
		release, ok := s.cfg.Engine.ReservePhoto()
		if !ok {
			c.Response().Header().Set("Retry-After", strconv.Itoa(retryPhotoAfter))
			return errPhotosBehind
		}
		defer release()
	}
	if conv.ID == 0 { // the session's first message: the chat begins now
		if conv, err = s.cfg.Engine.StartWebAt(c.Request().Context(), conv.ChatKey, conv.Language, conv.Branch); err != nil {
			return err
		}
	}
	rc, err := s.cfg.Engine.Receive(c.Request().Context(), bot.Inbound{Channel: bot.ChannelWeb, ChatKey: conv.ChatKey,
		MessageID: messageID(c.Request()), Text: text, Photo: photo, ReceivedAt: time.Now()})
	if photo != nil && err != nil {
		return refusedPhoto(c, err) // nothing of it was stored
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]int64{"id": rc.MessageID})
}

// setChatLanguage switches a chat's language (the page's switch): the
// conversation's, or, before the first message, a new token's. It answers
// the token to use from now on.
func (s *Server) setChatLanguage(c echo.Context) error {
	lang := c.FormValue("lang")
	if lang != "de" && lang != "en" {
		return &httpError{http.StatusBadRequest, "web.language", nil, nil}
	}
	conv := conversation(c)
	c.Response().Header().Set("Cache-Control", "no-store")
	if conv.ID == 0 { // nothing stored yet: a token in the other language
		token := s.newChatToken(lang, conv.Branch)
		c.SetCookie(&http.Cookie{Name: chatCookie, Value: token, Path: "/chat", MaxAge: 2 * 24 * 3600,
			HttpOnly: true, Secure: isHTTPS(c), SameSite: http.SameSiteStrictMode})
		return c.JSON(http.StatusOK, map[string]string{"token": token, "lang": lang})
	}
	if err := s.cfg.Engine.SetLanguage(c.Request().Context(), conv.ID, lang); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"lang": lang})
}

// messageID is the client's Idempotency-Key, so a retried upload is stored
// once, or a random id.
func messageID(r *http.Request) string {
	k := r.Header.Get("Idempotency-Key")
	if k != "" && len(k) <= idempotencyID && strings.Trim(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == "" {
		return "web:" + k
	}
	b := make([]byte, 12)
	rand.Read(b)
	return "web:" + base64.RawURLEncoding.EncodeToString(b)
}

var (
	errTooLarge = &httpError{http.StatusRequestEntityTooLarge, "web.photo_too_large", nil, nil}
	errLongText = &httpError{http.StatusRequestEntityTooLarge, "web.text_too_long", nil, nil}
	errNotImage = &httpError{http.StatusUnsupportedMediaType, "web.not_image", nil, nil}
	errForm     = &httpError{http.StatusUnsupportedMediaType, "web.form_type", nil, nil}
	errEmpty    = &httpError{http.StatusBadRequest, "inbound.empty", nil, nil}
	// errPhotosBehind asks for patience when the scanner is behind; text still goes through.
	errPhotosBehind = &httpError{http.StatusServiceUnavailable, "web.photos_behind", nil, nil}
)

// retryPhotoAfter is the Retry-After of errPhotosBehind, in seconds.
const retryPhotoAfter = 30

// chatForm reads the fields text and photo of a multipart form, or text of
// a url-encoded one, checking sizes and that the photo is an image by its
// bytes, not by what the client claims.
func chatForm(c echo.Context) (string, []byte, error) {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type"))
	if mt != "multipart/form-data" && mt != "application/x-www-form-urlencoded" {
		return "", nil, errForm
	}
	if err := c.Request().ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) || strings.Contains(err.Error(), "too large") {
			return "", nil, errTooLarge
		}
		return "", nil, &httpError{http.StatusBadRequest, "web.form_malformed", nil, nil}
	}
	text := strings.TrimSpace(c.FormValue("text"))
	if utf8.RuneCountInString(text) > bot.MaxText {
		return "", nil, errLongText
	}
	var photo []byte
	if mt == "multipart/form-data" { // a url-encoded form carries text only
		var err error
		if photo, err = formPhoto(c); err != nil {
			return "", nil, err
		}
	}
	if text == "" && photo == nil {
		return "", nil, errEmpty
	}
	return text, photo, nil
}

func formPhoto(c echo.Context) ([]byte, error) {
	fh, err := c.FormFile("photo")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, errForm
	}
	if fh.Size > maxPhoto {
		return nil, errTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPhoto+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPhoto {
		return nil, errTooLarge
	}
	if err := checkImage(data); err != nil {
		return nil, err
	}
	return data, nil
}

// chatMessage is a message as the page shows it.
type chatMessage struct {
	ID    int64     `json:"id"`
	From  string    `json:"from"` // bot or customer
	Text  string    `json:"text"`
	Photo bool      `json:"photo,omitempty"`
	At    time.Time `json:"at"`
}

// chatMessages is the answer to GET /chat/messages. Oldest is the id of the
// oldest message the server still holds for the chat (0: none): the page
// drops every message it shows from before it, because a decision, "löschen"
// or the nightly purge has reset the chat.
type chatMessages struct {
	Messages []chatMessage `json:"messages"`
	Oldest   int64         `json:"oldest"`
	Lang     string        `json:"lang"` // the chat's language: the page follows it
}

// getChatMessages lists the messages after ?after=ID. A chat that holds no
// conversation (nothing sent yet, or erased) shows the greeting, id 0,
// without storing it.
func (s *Server) getChatMessages(c echo.Context) error {
	after := int64(0)
	if a := c.QueryParam("after"); a != "" {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n < 0 {
			return &httpError{http.StatusBadRequest, "web.after", nil, nil}
		}
		after = n
	}
	out, err := s.chatMessages(c, after)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

func (s *Server) chatMessages(c echo.Context, after int64) (chatMessages, error) {
	ctx, conv := c.Request().Context(), conversation(c)
	greeting := chatMessages{Messages: []chatMessage{{From: "bot", Text: engine.WebGreeting(conv.Language), At: s.now()}}, Lang: conv.Language}
	if conv.ID == 0 {
		return greeting, nil
	}
	out := chatMessages{Lang: conv.Language}
	msgs, err := s.cfg.Chats.Messages(ctx, conv.ID, after)
	if bot.ErrorCode(err) == bot.ENOTFOUND {
		// "löschen" may have replaced the chat since chatAuth found it: the
		// session goes on in the fresh one (message ids only ever grow).
		if conv, err = s.cfg.Chats.ConversationByKey(ctx, conv.ChatKey); err == nil {
			msgs, err = s.cfg.Chats.Messages(ctx, conv.ID, after)
		}
	}
	if bot.ErrorCode(err) == bot.ENOTFOUND { // erased meanwhile (the purge)
		return greeting, nil
	}
	if err != nil {
		return out, err
	}
	out.Lang = conv.Language
	if out.Oldest, err = s.cfg.Chats.OldestMessageID(ctx, conv.ID); err != nil {
		return out, err
	}
	out.Messages = make([]chatMessage, len(msgs))
	for i, m := range msgs {
		out.Messages[i] = chatMessage{ID: m.ID, From: "customer", Text: m.Text, Photo: m.HasPhoto, At: m.CreatedAt}
		if m.FromBot {
			out.Messages[i].From = "bot"
		}
	}
	return out, nil
}

// deleteChat erases everything of the chat now.
func (s *Server) deleteChat(c echo.Context) error {
	if id := conversation(c).ID; id != 0 {
		if err := s.cfg.Engine.Erase(c.Request().Context(), id); err != nil && bot.ErrorCode(err) != bot.ENOTFOUND {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: chatCookie, Path: "/chat", MaxAge: -1, HttpOnly: true, Secure: isHTTPS(c), SameSite: http.SameSiteStrictMode})
	return c.NoContent(http.StatusNoContent)
}

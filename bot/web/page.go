package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/templates"
)

// chatTexts are the words of the chat page in one language.
type chatTexts struct {
	Title, Subtitle, Erase, EraseHint, EraseConfirm, Erased, Photo, Placeholder, Send string
	NoScript, Failed, TooLarge, Sending, PhotoSent, Offline, PhotoLabel               string
}

var chatPageTexts = map[string]chatTexts{
	"de": {Title: "Vorbestellung", Subtitle: "Der eigene Chat Ihrer Apotheke – ohne Messenger-Firma dazwischen.",
		Erase: "Chat löschen", EraseHint: "Löscht sofort alles aus diesem Chat", EraseConfirm: "Diesen Chat jetzt vollständig löschen?",
		Erased: "Der Chat ist gelöscht.", Photo: "Foto aufnehmen oder wählen", Placeholder: "PZN, Produkt oder Frage …", Send: "Senden",
		NoScript: "Dieser Chat braucht JavaScript. Sie erreichen uns auch telefonisch oder in der Apotheke.",
		Failed:   "Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.", TooLarge: "Das Foto ist zu groß.",
		Sending: "Wird gesendet …", PhotoSent: "Foto gesendet – ich lese es, das dauert einen Moment.", Offline: "Keine Verbindung. Ich versuche es weiter.", PhotoLabel: "Foto"},
	"en": {Title: "Pre-order", Subtitle: "Your pharmacy's own chat – no messenger company in between.",
		Erase: "Delete chat", EraseHint: "Deletes everything of this chat now", EraseConfirm: "Delete this chat completely now?",
		Erased: "The chat has been deleted.", Photo: "Take or choose a photo", Placeholder: "PZN, product or question …", Send: "Send",
		NoScript: "This chat needs JavaScript. You can also call us or visit the pharmacy.",
		Failed:   "That did not work. Please try again.", TooLarge: "The photo is too large.",
		Sending: "Sending …", PhotoSent: "Photo sent – reading it takes a moment.", Offline: "No connection. Still trying.", PhotoLabel: "Photo"},
}

// chatPageData feeds chat.html.
type chatPageData struct {
	Lang, Pharmacy string
	T              chatTexts
}

// chatPage serves the web chat page, in the browser's language.
func (s *Server) chatPage(c echo.Context) error {
	lang := language(c.Request())
	name := s.cfg.Pharmacy
	if name == "" {
		name = "Apotheke"
	}
	return s.render(c, http.StatusOK, "chat.html", chatPageData{Lang: lang, Pharmacy: name, T: chatPageTexts[lang]})
}

// render executes a page into a buffer first, so a template error never
// sends half a page.
func (s *Server) render(c echo.Context, status int, page string, data any) error {
	var buf bytes.Buffer
	if err := s.pages.Execute(&buf, page, data); err != nil {
		return err
	}
	if c.Response().Header().Get("Cache-Control") == "" {
		c.Response().Header().Set("Cache-Control", "no-cache")
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// language picks "en" when the browser prefers English to German.
func language(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "de"):
			return "de"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "de"
}

// staticFiles serves the embedded stylesheets and scripts.
func staticFiles() echo.HandlerFunc {
	files := http.StripPrefix("/static/", http.FileServerFS(templates.Static()))
	return func(c echo.Context) error {
		name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
		// No folder listings; a name that is no valid file name ("%ff"
		// decodes to a byte that is not UTF-8) is not found either, not a 500.
		if name == "" || strings.HasSuffix(name, "/") || !utf8.ValidString(name) || !fs.ValidPath(name) {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

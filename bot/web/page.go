package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/templates"
)

// chatTexts are the words of the chat page in one language, from the
// catalogue (page.*).
type chatTexts struct {
	Title, Subtitle, Erase, EraseHint, EraseConfirm, Erased, Photo, Placeholder, Send string
	NoScript, Failed, TooLarge, Sending, PhotoSent, Offline, PhotoLabel               string
	Switch, SwitchLang, SwitchHint                                                    string // the other language
	Log, FromBot, FromMe                                                              string // for screen readers
}

func chatPageTexts(lang string) chatTexts {
	t := func(id msg.ID) string { return msg.Text(lang, "page."+id, nil) }
	return chatTexts{Title: t("title"), Subtitle: t("subtitle"), Erase: t("erase"), EraseHint: t("erase_hint"),
		EraseConfirm: t("erase_confirm"), Erased: t("erased"), Photo: t("photo"), Placeholder: t("placeholder"),
		Send: t("send"), NoScript: t("no_script"), Failed: t("failed"), TooLarge: t("too_large"),
		Sending: t("sending"), PhotoSent: t("photo_sent"), Offline: t("offline"), PhotoLabel: t("photo_label"),
		Switch: t("switch"), SwitchLang: t("switch_lang"), SwitchHint: t("switch_hint"),
		Log: t("log"), FromBot: t("from_bot"), FromMe: t("from_me")}
}

// chatPageData feeds chat.html.
type chatPageData struct {
	Lang, Pharmacy string
	Branch         string // the branch whose link opened the page (?filiale=ID); "" none
	T              chatTexts
}

// chatPage serves the web chat page, in ?lang= (the page's switch, or the
// chat's language the page follows), else the browser's language. A
// branch's own link (?filiale=ID) names the branch, and a chat begun there
// is that branch's.
func (s *Server) chatPage(c echo.Context) error {
	lang := language(c.Request())
	if l := c.QueryParam("lang"); l == "de" || l == "en" {
		lang = l
	}
	name := s.cfg.Pharmacy
	if name == "" {
		name = "Apotheke"
	}
	c.Set(langKey, lang)
	d := chatPageData{Lang: lang, Pharmacy: name, T: chatPageTexts(lang)}
	if b := c.QueryParam("filiale"); s.branchName(b) != "" { // a branch's own link: its chats begin there
		d.Branch, d.Pharmacy = b, s.branchName(b)
	}
	return s.render(c, http.StatusOK, "chat.html", d)
}

// render executes a page into a buffer first, so a template error never
// sends half a page.
func (s *Server) render(c echo.Context, status int, page string, data any) error {
	var buf bytes.Buffer
	if err := s.pages.Execute(&buf, langOf(c), page, data); err != nil {
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

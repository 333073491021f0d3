package web

import "github.com/labstack/echo/v4/middleware"

// routes registers every route of apobot in one place, so the HTTP surface can be
// read at a glance.
func (s *Server) routes() {
	e := s.echo
	e.Use(s.accessLog, s.recoverPanic, secureHeaders)

	// Customer web chat: the page, and its JSON API (the token is the only identity).
	e.GET("/", s.chatPage)
	e.GET("/static/*", staticFiles())
	e.POST("/chat/session", s.chatSession)
	e.POST("/chat/messages", s.postChatMessage, s.chatAuth, middleware.BodyLimit(maxChatBody))
	e.GET("/chat/messages", s.getChatMessages, s.chatAuth)
	e.DELETE("/chat", s.deleteChat, s.chatAuth)

	// Messenger webhooks: proven genuine by signature or secret, answered at once.
	e.GET("/webhooks/whatsapp", s.whatsappVerify)
	e.POST("/webhooks/whatsapp", s.whatsappWebhook, middleware.BodyLimit(maxWebhookBody))
	e.POST("/webhooks/telegram", s.telegramWebhook, middleware.BodyLimit(maxWebhookBody))

	// Operations.
	e.GET("/healthz", s.healthz)
}

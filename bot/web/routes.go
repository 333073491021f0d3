package web

import "github.com/labstack/echo/v4/middleware"

// routes registers every route of apobot in one place, so the HTTP surface can be
// read at a glance.
func (s *Server) routes() {
	e := s.echo
	e.Use(viaProxy(s.cfg.TrustedProxies), s.accessLog, s.recoverPanic, secureHeaders)

	// Customer web chat: the page, and its JSON API (the token is the only identity).
	e.GET("/", s.chatPage)
	e.GET("/static/*", staticFiles())
	e.POST("/chat/session", s.chatSession, s.sessionLimiter())
	e.POST("/chat/messages", s.postChatMessage, s.chatAuth, s.chatAlive, s.messageLimit, middleware.BodyLimit(maxChatBody))
	e.GET("/chat/messages", s.getChatMessages, s.chatAuth, s.chatAlive)
	e.POST("/chat/language", s.setChatLanguage, s.chatAuth, s.chatAlive, middleware.BodyLimit("1K"))
	e.DELETE("/chat", s.deleteChat, s.chatAuth) // erasing needs no live token

	// Messenger webhooks: proven genuine by signature or secret, answered at once.
	e.GET("/webhooks/whatsapp", s.whatsappVerify)
	e.POST("/webhooks/whatsapp", s.webhook(s.whatsappHook()), middleware.BodyLimit(maxWebhookBody))
	e.POST("/webhooks/telegram", s.webhook(s.telegramHook()), middleware.BodyLimit(maxWebhookBody))
	e.POST("/webhooks/threema", s.webhook(s.threemaHook()), middleware.BodyLimit(maxWebhookBody))
	e.GET("/webhooks/messenger", s.messengerVerify)
	e.POST("/webhooks/messenger", s.webhook(s.messengerHook()), middleware.BodyLimit(maxWebhookBody))

	// Staff console: HTML forms, a session for everything but the login, the
	// CSRF field _csrf on every POST.
	e.GET("/staff/login", s.loginPage)
	e.POST("/staff/login", s.login, middleware.BodyLimit("64K"))
	e.GET("/staff/language", s.switchLanguage)
	st := e.Group("/staff", staffBodyLimit, s.requireStaff)
	st.GET("", s.queue)
	st.GET("/events", s.events)
	st.POST("/logout", s.logout)
	st.POST("/branch", s.switchBranch)
	st.GET("/requests/:id", s.request)
	st.GET("/requests/:id/photos/:msg", s.photo)
	st.POST("/requests/:id/codes", s.revealCodes)
	st.POST("/requests/:id/items", s.correct)
	st.POST("/requests/:id/approve", s.approve)
	st.POST("/requests/:id/reject", s.reject)
	st.GET("/pickups", s.pickups)
	st.POST("/pickups/:code/ready", s.ready)
	st.POST("/pickups/:code/handed-out", s.handedOut)
	st.GET("/inventory", s.inventory)
	st.POST("/inventory", s.uploadInventory)
	if s.accountsOn() {
		own := st.Group("/accounts", s.requireOwner)
		own.GET("", s.accounts)
		own.POST("", s.addAccount)
		own.POST("/password", s.accountPassword) // the account in the field username
		own.POST("/owner", s.accountOwner)
		own.POST("/remove", s.removeAccount)
	}

	// Operations.
	e.GET("/healthz", s.healthz)
	e.GET("/metrics", s.metrics)
}

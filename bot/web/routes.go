package web

// routes registers every route of apobot in one place, so the HTTP surface can be
// read at a glance.
func (s *Server) routes() {
	e := s.echo
	e.Use(s.accessLog, s.recoverPanic, secureHeaders)

	// Operations.
	e.GET("/healthz", s.healthz)
}

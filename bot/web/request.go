package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/engine"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// requestData feeds the page of one request.
type requestData struct {
	requestView
	Evidence  []evidenceView
	ShowCodes bool
	PickupAt  string // the proposed time for the approve form: 2006-01-02T15:04
	Reasons   []reasonOption
	Chat      []bot.Message
	ChatGone  bool
	Editable  bool
	Decidable bool
}

type evidenceView struct {
	bot.Evidence
	Tasks []taskView
}

type taskView struct {
	ID, Flow, Code string
}

// reasonOption is one of the usual reasons in the tablet's language; the
// form sends its id, so the customer reads it in theirs.
type reasonOption struct {
	ID   msg.ID
	Text string
}

// rejectReasons are the usual reasons in lang, one tap each.
func rejectReasons(lang string) []reasonOption {
	var out []reasonOption
	for _, id := range engine.UsualReasons {
		out = append(out, reasonOption{id, msg.Text(lang, id, nil)})
	}
	return out
}

// pickupLayout is the format of the approve form's time (datetime-local).
const pickupLayout = "2006-01-02T15:04"

func (s *Server) preOrderParam(c echo.Context) (bot.PreOrder, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return bot.PreOrder{}, bot.Errorf(bot.ENOTFOUND, "staff.no_request", nil)
	}
	po, err := s.cfg.Requests.PreOrder(c.Request().Context(), id)
	if err == nil && !s.mayOpen(c, po) { // another branch's: as if there were none
		return bot.PreOrder{}, bot.Errorf(bot.ENOTFOUND, "staff.no_request", nil)
	}
	return po, err
}

// request shows one request: items, stock, evidence, the chat, decisions.
func (s *Server) request(c echo.Context) error {
	return s.renderRequest(c, false, http.StatusOK, "")
}

// revealCodes shows the e-prescription access codes: an explicit action.
func (s *Server) revealCodes(c echo.Context) error {
	s.log.Info("e-prescription access codes shown", "staff", c.Get(staffKey).(bot.StaffSession).StaffID, "preorder", c.Param("id"))
	return s.renderRequest(c, true, http.StatusOK, "")
}

// renderRequest shows the request page with status and an error line (msg;
// none when empty).
func (s *Server) renderRequest(c echo.Context, codes bool, status int, problem string) error {
	ctx := c.Request().Context()
	po, err := s.preOrderParam(c)
	if err != nil {
		return err
	}
	d := requestData{requestView: s.view(c, po), ShowCodes: codes, Reasons: rejectReasons(langOf(c)),
		Editable: po.Status == bot.StatusReceived || po.Status == bot.StatusProposed}
	d.Decidable = d.Editable
	if !po.PickupAt.IsZero() {
		d.PickupAt = po.PickupAt.In(s.cfg.Location).Format(pickupLayout)
	}
	convID, err := s.cfg.Requests.ConversationIDOf(ctx, po.ID)
	if err != nil {
		return err
	}
	d.ChatGone = convID == 0
	if convID != 0 {
		if d.Chat, err = s.cfg.Chats.Messages(ctx, convID, 0); err != nil && bot.ErrorCode(err) != bot.ENOTFOUND {
			return err
		}
		for i := range d.Chat {
			d.Chat[i].CreatedAt = d.Chat[i].CreatedAt.In(s.cfg.Location)
		}
		evs, err := s.cfg.Requests.Evidence(ctx, convID)
		if err != nil && bot.ErrorCode(err) != bot.ENOTFOUND {
			return err
		}
		for _, ev := range evs {
			d.Evidence = append(d.Evidence, evidenceOf(ev, codes))
		}
	}
	p, err := s.page(c, s.staffText(c, "tablet.title_request", msg.Args{"Code": string(po.Code)}), "queue", d)
	if err != nil {
		return err
	}
	p.Error = problem
	return s.render(c, status, "request.html", p)
}

func evidenceOf(ev bot.Evidence, codes bool) evidenceView {
	v := evidenceView{Evidence: ev}
	for _, t := range ev.Findings.Tasks {
		tv := taskView{ID: string(t.ID), Flow: t.ID.FlowName()}
		if codes {
			tv.Code = t.AccessCode.Reveal()
		}
		v.Tasks = append(v.Tasks, tv)
	}
	return v
}

// photo sends one photo of a request's chat, decrypted for this response
// only and never cached.
func (s *Server) photo(c echo.Context) error {
	po, err := s.preOrderParam(c)
	if err != nil {
		return err
	}
	msgID, err := strconv.ParseInt(c.Param("msg"), 10, 64)
	if err != nil {
		return bot.Errorf(bot.ENOTFOUND, "staff.no_photo", nil)
	}
	convID, err := s.cfg.Requests.ConversationIDOf(c.Request().Context(), po.ID)
	if err != nil {
		return err
	}
	if convID == 0 {
		return bot.Errorf(bot.ENOTFOUND, "staff.chat_deleted", nil)
	}
	data, err := s.cfg.Requests.Photo(c.Request().Context(), convID, msgID)
	if err != nil {
		return err
	}
	kind, ext := photoType(data)
	if kind == "" { // never sent as anything but an image
		return bot.Errorf(bot.ENOTFOUND, "staff.photo_unshowable", nil)
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	// Opened on its own it downloads instead of rendering, and runs nothing.
	h.Set("Content-Disposition", `attachment; filename="foto-`+strconv.FormatInt(msgID, 10)+ext+`"`)
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	return c.Blob(http.StatusOK, kind, data)
}

// photoType names a stored photo's image type by its magic bytes; "" for
// anything that is not a JPEG, PNG or WebP (stored before photos were
// cleaned, say).
func photoType(data []byte) (kind, ext string) {
	switch kind = http.DetectContentType(data); kind {
	case "image/jpeg":
		return kind, ".jpg"
	case "image/png":
		return kind, ".png"
	case "image/webp":
		return kind, ".webp"
	}
	return "", ""
}

// approve confirms a request with the proposed or a changed time.
func (s *Server) approve(c echo.Context) error {
	po, err := s.preOrderParam(c)
	if err != nil {
		return err
	}
	var at time.Time
	if v := strings.TrimSpace(c.FormValue("pickup_at")); v != "" {
		if at, err = time.ParseInLocation(pickupLayout, v, s.cfg.Location); err != nil {
			return s.refuse(c, http.StatusUnprocessableEntity, s.staffText(c, "staff.pickup_time", nil))
		}
	}
	if _, err := s.cfg.Engine.Approve(c.Request().Context(), po.ID, at); err != nil {
		return s.decisionError(c, err)
	}
	return c.Redirect(http.StatusSeeOther, bannerURL("/staff", "approved", string(po.Code)))
}

// reject turns a request down with a reason from the list or free text.
func (s *Server) reject(c echo.Context) error {
	po, err := s.preOrderParam(c)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(c.FormValue("reason"))
	if other := strings.TrimSpace(c.FormValue("reason_text")); other != "" {
		reason = other
	}
	if len([]rune(reason)) > 300 {
		return s.refuse(c, http.StatusUnprocessableEntity, s.staffText(c, "staff.reason_long", msg.Args{"Max": 300}))
	}
	if _, err := s.cfg.Engine.Reject(c.Request().Context(), po.ID, reason); err != nil {
		return s.decisionError(c, err)
	}
	return c.Redirect(http.StatusSeeOther, bannerURL("/staff", "rejected", string(po.Code)))
}

// correct replaces the items: quantities (0 removes), and one new PZN.
func (s *Server) correct(c echo.Context) error {
	po, err := s.preOrderParam(c)
	if err != nil {
		return err
	}
	items, problem := formItems(c, po.Items)
	if problem != "" {
		return s.refuse(c, http.StatusUnprocessableEntity, problem)
	}
	if _, err := s.cfg.Engine.Correct(c.Request().Context(), po.ID, items); err != nil {
		return s.decisionError(c, err)
	}
	return c.Redirect(http.StatusSeeOther, bannerURL("/staff/requests/"+strconv.FormatInt(po.ID, 10), "saved"))
}

// formItems reads qty_N for each item and add_pzn/add_qty for a new one.
func formItems(c echo.Context, old []bot.Item) ([]bot.Item, string) {
	var items []bot.Item
	for i, it := range old {
		q, err := strconv.Atoi(strings.TrimSpace(c.FormValue("qty_" + strconv.Itoa(i))))
		if err != nil || q < 0 || q > 99 {
			return nil, msg.Text(langOf(c), "staff.quantities", nil)
		}
		if q > 0 {
			it.Quantity = q
			items = append(items, it)
		}
	}
	if raw := strings.TrimSpace(c.FormValue("add_pzn")); raw != "" {
		z, err := pzn.Parse(raw)
		if err != nil {
			return nil, msg.Text(langOf(c), "staff.new_pzn", nil)
		}
		q, err := strconv.Atoi(strings.TrimSpace(c.FormValue("add_qty")))
		if err != nil || q < 1 || q > 99 {
			q = 1
		}
		items = append(items, bot.Item{PZN: z, Quantity: q})
	}
	if len(items) == 0 {
		return nil, msg.Text(langOf(c), "staff.one_item", nil)
	}
	return items, ""
}

// decisionError shows a domain error (an invalid or conflicting decision)
// on the request page; others go to the error handler.
func (s *Server) decisionError(c echo.Context, err error) error {
	var be *bot.Error
	switch code := bot.ErrorCode(err); {
	case code == bot.EINVALID && asBotError(err, &be):
		return s.refuse(c, http.StatusUnprocessableEntity, be.Text(langOf(c)))
	case code == bot.ECONFLICT && asBotError(err, &be):
		return s.refuse(c, http.StatusConflict, be.Text(langOf(c)))
	}
	return err
}

// refuse answers a decision form with the request page and why it was not
// taken: rendered in place, not carried through a redirect's URL.
func (s *Server) refuse(c echo.Context, status int, problem string) error {
	return s.renderRequest(c, false, status, problem)
}

package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/apobot/apobot/bot"
)

// inventoryData feeds the inventory page.
type inventoryData struct {
	Query    string
	Products []bot.Product
	Total    int64
	Shown    int
}

const inventoryPage = 100

// inventory searches the stock list.
func (s *Server) inventory(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if len(q) > 100 {
		q = q[:100]
	}
	ps, total, err := s.cfg.Requests.SearchProductsAt(c.Request().Context(), s.branchNow(c), q, inventoryPage)
	if err != nil {
		return err
	}
	p, err := s.page(c, s.staffText(c, "tablet.nav_inventory", nil), "inventory", inventoryData{Query: q, Products: ps, Total: total, Shown: len(ps)})
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "inventory.html", p)
}

// maxInventoryUpload bounds an uploaded CSV (the import's own limit).
const maxInventoryUpload = 64 << 20

// uploadInventory imports a CSV all or nothing and reports the result or the
// first bad line.
func (s *Server) uploadInventory(c echo.Context) error {
	fh, err := c.FormFile("csv")
	if err != nil {
		return s.refuseImport(c, http.StatusUnprocessableEntity, s.staffText(c, "import.choose_file", nil))
	}
	if fh.Size > maxInventoryUpload {
		return s.refuseImport(c, http.StatusRequestEntityTooLarge, s.staffText(c, "import.too_large", nil))
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := s.cfg.ImportInventory(c.Request().Context(), s.branchNow(c), f)
	var bad badLines
	if errors.As(err, &bad) {
		texts := bad.Texts(langOf(c))
		return s.refuseImport(c, http.StatusUnprocessableEntity, texts[len(texts)-1], texts[:len(texts)-1]...)
	}
	var be *bot.Error
	if err != nil && asBotError(err, &be) && be.Code == bot.EINVALID {
		return s.refuseImport(c, http.StatusUnprocessableEntity, be.Text(langOf(c))+" "+s.staffText(c, "import.nothing", nil))
	}
	if err != nil {
		return err
	}
	s.cfg.Engine.InventoryChanged()
	s.log.Info("inventory imported", "products", res.Products, "added", res.Added, "updated", res.Updated)
	return c.Redirect(http.StatusSeeOther, bannerURL("/staff/inventory", "imported",
		strconv.Itoa(res.Products), strconv.Itoa(res.Added), strconv.Itoa(res.Updated), strconv.Itoa(res.Kept)))
}

// badLines is an import's refusal that names every bad line of the file, one
// sentence each, the last saying that nothing was imported.
type badLines interface{ Texts(lang string) []string }

// refuseImport answers an upload that was not imported with the inventory
// page, why, and the file's bad lines when it has them.
func (s *Server) refuseImport(c echo.Context, status int, why string, lines ...string) error {
	p, err := s.page(c, s.staffText(c, "tablet.nav_inventory", nil), "inventory", inventoryData{})
	if err != nil {
		return err
	}
	p.Error, p.Problems = why, lines
	return s.render(c, status, "inventory.html", p)
}

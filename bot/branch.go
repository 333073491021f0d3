package bot

import (
	"github.com/apobot/apobot/bot/plan"
)

// Branch is one of a pharmacy's branches (Filialen): its own stock, hours
// and deliveries. A pharmacy without branches has none configured; the
// engine then works with Config.Inventory and Config.Planner alone.
type Branch struct {
	ID        string   // kept with its stock, requests and chats
	Name      string   // as customers know it: "Filiale am Hasselbachplatz"
	Address   string   // where to pick up: "Hasselbachplatz 3, 39104 Magdeburg"
	Words     []string // words that name it in a message ("Hasselbachplatz")
	Planner   *plan.Planner
	Inventory Inventory
}

package bot

import "github.com/apobot/apobot/pzn"

// Product is a line of the pharmacy's inventory.
type Product struct {
	PZN      pzn.PZN
	Name     string // "Ibuprofen AL"
	Strength string // "400 mg"
	Form     string // "Filmtabletten"
	Count    int    // pieces, millilitres or grams in the pack
	NSize    string // "N1", "N2", "N3" or ""
	Maker    string
	Rx       bool // prescription only
	Stock    int  // packs on the shelf, not reserved
}

// Package brands knows which active ingredient a brand name stands for:
// the German brands and the international ones tourists and expats ask
// for ("Tylenol", "Nurofen", "Zyrtec"), with the form and strength where
// the brand fixes them, and whether a name is a combination or means
// different things in different countries, so that a matcher never offers
// a single ingredient for it. The list is data (brands.toml, embedded); a
// pharmacy adds to it, or corrects it, with a file of its own in the same
// form, without a build. The package only reads names: it knows nothing of
// the inventory, stores and logs nothing.
package brands

import (
	_ "embed"
	"io"
	"os"
	"sync"
)

// Brand is what a brand name stands for.
type Brand struct {
	Name        string   // as the brand file writes it
	Ingredients []string // as the inventory names them ("Ibuprofen", "Vitamin D3")
	Form        string   // "" unless the brand fixes it ("Gel", "Saft")
	Strength    string   // "" unless the brand fixes it ("100 mg", "20000 I.E.")
	// Combination: the product holds all of Ingredients; it is none of them
	// alone.
	Combination bool
	// Ambiguous: the name is sold with different contents (by country or
	// product line); Ingredients lists what it may be.
	Ambiguous bool
}

// Ingredient returns the one active ingredient a pharmacy may offer in the
// brand's place; false for a combination or an ambiguous name.
func (b Brand) Ingredient() (string, bool) {
	if b.Combination || b.Ambiguous || len(b.Ingredients) != 1 {
		return "", false
	}
	return b.Ingredients[0], true
}

// Set is a list of brands, read for lookups. It does not change once
// made, so any number of goroutines may use it.
type Set struct {
	entries []*entry
	spaced  map[string]*entry     // key in spaced form → its entry
	compact map[string]compactKey // key run together → its entry
	starts  map[string]bool       // the words a name may begin with
	longest int                   // the most words a key has
}

// entry is one brand as read from a file, with the names it answers to.
type entry struct {
	brand Brand
	names []string
	line  int    // where it begins in its file
	file  string // the file it came from
}

//go:embed brands.toml
var shipped []byte

// ShippedFile is the name errors give the embedded brand file.
const ShippedFile = "brands.toml"

// Load reads the brand file embedded in the binary.
func Load() (*Set, error) {
	return (&Set{}).Extend(ShippedFile, shipped)
}

// Default returns the embedded brands, read once.
var Default = sync.OnceValues(Load)

// WithFile returns the embedded brands with the entries of the pharmacy's
// file at path added over them ("" for none).
func WithFile(path string) (*Set, error) {
	s, err := Default()
	if err != nil || path == "" {
		return s, err
	}
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return s.Extend(path, data)
}

// Len is how many brand entries the set holds.
func (s *Set) Len() int { return len(s.entries) }

// readFile reads a brand file of at most maxFile bytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, De: "nicht lesbar: " + err.Error(), En: "cannot be read: " + err.Error()}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, &Error{File: path, De: "nicht lesbar: " + err.Error(), En: "cannot be read: " + err.Error()}
	}
	if len(data) > maxFile {
		return nil, &Error{File: path, De: "größer als 1 MiB", En: "larger than 1 MiB"}
	}
	return data, nil
}

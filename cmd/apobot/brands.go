package main

import (
	"fmt"
	"strings"

	"github.com/apobot/apobot/bot/brands"
)

// envBrandsFile names the pharmacy's own brand file, in the form of
// bot/brands/brands.toml: its entries are added to the shipped brands, or
// correct them, without a build (docs/conversation.md, "Brands").
const envBrandsFile = "APOBOT_BRANDS_FILE"

// loadBrands reads the shipped brands and, when APOBOT_BRANDS_FILE is set,
// the pharmacy's file over them; a broken file is an error with its line.
func loadBrands(getenv func(string) string) (*brands.Set, error) {
	set, err := brands.WithFile(strings.TrimSpace(getenv(envBrandsFile)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", envBrandsFile, err)
	}
	return set, nil
}

// brandsCheck is `apobot check`'s line for the brands.
func brandsCheck(getenv func(string) string) finding {
	set, err := loadBrands(getenv)
	if err != nil {
		return finding{"FAIL", "brands", oneLine(err)}
	}
	from := "shipped"
	if f := strings.TrimSpace(getenv(envBrandsFile)); f != "" {
		from = "shipped and " + f
	}
	return finding{"ok", "brands", fmt.Sprintf("%d (%s)", set.Len(), from)}
}

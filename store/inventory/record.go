package inventory

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// maxText bounds the text fields.
const maxText = 200

// parseRecord checks one line's fields; the caller fills in the line number.
func parseRecord(rec []string) (bot.Product, *LineError) {
	if len(rec) != len(Header) {
		return bot.Product{}, &LineError{Problem: "import.fields", Args: msg.Args{"Count": len(rec)}}
	}
	f := make([]string, len(rec))
	for i, v := range rec {
		f[i] = strings.TrimSpace(v)
		if utf8.RuneCountInString(f[i]) > maxText {
			return bot.Product{}, &LineError{Field: Header[i], Problem: "import.too_long"}
		}
	}
	z, err := pzn.Parse(f[0])
	if err != nil {
		return bot.Product{}, &LineError{Field: "pzn", Problem: "import.pzn"}
	}
	p := bot.Product{PZN: z, Name: f[1], Strength: f[2], Form: f[3], NSize: strings.ToUpper(f[5]), Maker: f[6]}
	if p.Name == "" {
		return bot.Product{}, &LineError{Field: "name", Problem: "import.name"}
	}
	var lerr *LineError
	if p.Count, lerr = count(f[4], "count"); lerr != nil {
		return bot.Product{}, lerr
	}
	if p.Stock, lerr = count(f[8], "stock"); lerr != nil {
		return bot.Product{}, lerr
	}
	switch p.NSize {
	case "", "N1", "N2", "N3":
	default:
		return bot.Product{}, &LineError{Field: "n_size", Problem: "import.n_size"}
	}
	switch f[7] {
	case "1":
		p.Rx = true
	case "0":
	default:
		return bot.Product{}, &LineError{Field: "rx", Problem: "import.rx"}
	}
	return p, nil
}

// count reads a whole number from 0 to a million.
func count(s, field string) (int, *LineError) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, &LineError{Field: field, Problem: "import.whole_number"}
	}
	return n, nil
}

package inventory

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
	"github.com/apobot/apobot/pzn"
)

// Header is the first line every file starts with.
var Header = []string{"pzn", "name", "strength", "form", "count", "n_size", "maker", "rx", "stock"}

// MaxSize bounds a file: about half a million products.
const MaxSize = 64 << 20

// LineError says which line of a file is wrong and why, as a catalogue
// message (bot/msg, import.*).
type LineError struct {
	Line    int
	Field   string
	Problem msg.ID
	Args    msg.Args
}

func (e *LineError) Error() string { return e.Text("en") }

// Text is the message in lang, with the line number and field.
func (e *LineError) Text(lang string) string { return e.Err().Text(lang) }

// Err is the error as the edge renders it (EINVALID).
func (e *LineError) Err() *bot.Error {
	args := msg.Args{"Line": e.Line, "Field": e.Field, "Problem": msg.Of(e.Problem, e.Args)}
	if e.Field == "" {
		return bot.Errorf(bot.EINVALID, "import.line", args)
	}
	return bot.Errorf(bot.EINVALID, "import.line_field", args)
}

// MaxReported is how many bad lines an import names; the rest are counted.
const MaxReported = 50

// Errors is every bad line of a file, up to MaxReported of them, and how
// many more there were: the pharmacy fixes its export once, not line by line.
// A problem with the file as a whole (too large, empty, wrong header, broken
// quoting) is its only entry.
type Errors struct {
	Lines []*LineError
	More  int
}

func (e *Errors) Error() string { return strings.Join(e.Texts("en"), "; ") }

// Unwrap gives errors.As the lines.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.Lines))
	for i, l := range e.Lines {
		out[i] = l
	}
	return out
}

// Texts is one sentence per bad line in lang, and one for the lines not
// named, followed by the note that nothing was imported.
func (e *Errors) Texts(lang string) []string {
	var out []string
	for _, l := range e.Lines {
		out = append(out, l.Text(lang))
	}
	if e.More > 0 {
		out = append(out, msg.Text(lang, "import.more", msg.Args{"Count": e.More}))
	}
	return append(out, msg.Text(lang, "import.nothing", nil))
}

// add records a bad line, or counts it past MaxReported.
func (e *Errors) add(l *LineError) {
	if len(e.Lines) < MaxReported {
		e.Lines = append(e.Lines, l)
		return
	}
	e.More++
}

// one is a problem with the file as a whole.
func one(l *LineError) *Errors { return &Errors{Lines: []*LineError{l}} }

// Parse reads a whole file. progress, when not nil, is called with the
// number of products read every 1000 products and at the end.
func Parse(r io.Reader, progress func(lines int)) ([]bot.Product, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read inventory: %w", err)
	}
	if len(data) > MaxSize {
		return nil, one(&LineError{Problem: "import.too_large"})
	}
	text, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1 // checked per line, with a clearer message
	cr.ReuseRecord = true
	if err := readHeader(cr); err != nil {
		return nil, err
	}
	return readLines(cr, progress)
}

// toUTF8 drops a UTF-8 byte order mark, or decodes Windows-1252 when the
// bytes are not UTF-8 (every byte sequence is Windows-1252 text).
func toUTF8(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("read inventory as Windows-1252: %w", err)
	}
	return string(out), nil
}

func readHeader(cr *csv.Reader) error {
	rec, err := cr.Read()
	if err == io.EOF {
		return one(&LineError{Line: 1, Problem: "import.empty"})
	}
	if err != nil {
		return csvError(err, &Errors{})
	}
	want := strings.Join(Header, ";")
	got := make([]string, len(rec))
	for i, f := range rec {
		got[i] = strings.ToLower(strings.TrimSpace(f))
	}
	if strings.Join(got, ";") != want {
		return one(&LineError{Line: 1, Problem: "import.header", Args: msg.Args{"Want": want}})
	}
	return nil
}

func readLines(cr *csv.Reader, progress func(int)) ([]bot.Product, error) {
	var out []bot.Product
	var bad Errors
	seen := map[pzn.PZN]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil { // broken quoting: what follows cannot be told apart
			return nil, csvError(err, &bad)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		p, lerr := parseRecord(rec)
		if lerr != nil {
			lerr.Line = line
			bad.add(lerr)
			continue
		}
		if first, dup := seen[p.PZN]; dup {
			bad.add(&LineError{Line: line, Field: "pzn", Problem: "import.duplicate", Args: msg.Args{"PZN": string(p.PZN), "First": first}})
			continue
		}
		seen[p.PZN] = line
		out = append(out, p)
		if progress != nil && len(out)%1000 == 0 {
			progress(len(out))
		}
	}
	if len(bad.Lines) > 0 {
		return nil, &bad
	}
	if progress != nil {
		progress(len(out))
	}
	return out, nil
}

// csvError adds encoding/csv's parse errors (bare quotes, wrong quoting) to
// the bad lines found before.
func csvError(err error, bad *Errors) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		bad.add(&LineError{Line: pe.Line, Problem: "import.quotes"})
		return bad
	}
	return fmt.Errorf("read inventory: %w", err)
}

package pzn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Token is the content of a printed e-prescription token (E-Rezept): one to three
// prescriptions, each a task id and the access code that claims it.
type Token struct {
	Tasks []Task
}

// Task is one prescription in a token.
type Task struct {
	ID         TaskID
	AccessCode AccessCode
}

// TaskID is a validated e-prescription task id, "160.000.006.394.157.15".
type TaskID string

// String returns the dotted task id.
func (t TaskID) String() string { return string(t) }

// FlowType returns the first three digits, which name the kind of prescription.
func (t TaskID) FlowType() string { return string(t[:3]) }

// FlowName returns what the flow type means, in German, or "" when unknown.
func (t TaskID) FlowName() string { return flowTypes[t.FlowType()] }

var flowTypes = map[string]string{
	"160": "Muster 16 (apothekenpflichtige Arzneimittel)",
	"162": "Digitale Gesundheitsanwendung (DiGA)",
	"165": "Betäubungsmittel (BtM)",
	"166": "T-Rezept",
	"169": "Direktzuweisung",
	"200": "PKV (apothekenpflichtige Arzneimittel)",
	"205": "PKV Betäubungsmittel",
	"206": "PKV T-Rezept",
	"209": "PKV Direktzuweisung",
}

// maxTokenJSON bounds the token payload; three URLs need about 300 bytes.
const maxTokenJSON = 2048

// ParseToken reads the JSON of an e-prescription token's Data Matrix:
// {"urls":["Task/<id>/$accept?ac=<64 hex>", ...]} with one to three entries.
// Every task id must pass its mod-97 check and every access code must be 64 hex
// digits. Errors never contain the access code.
func ParseToken(payload string) (Token, error) {
	if len(payload) > maxTokenJSON {
		return Token{}, fmt.Errorf("%w: e-prescription token of %d bytes is too long", ErrFormat, len(payload))
	}
	var doc struct {
		URLs []string `json:"urls"`
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(payload)))
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return Token{}, fmt.Errorf("%w: e-prescription token is not the expected JSON", ErrFormat)
	}
	if len(doc.URLs) < 1 || len(doc.URLs) > 3 {
		return Token{}, fmt.Errorf("%w: e-prescription token has %d tasks, want 1 to 3", ErrFormat, len(doc.URLs))
	}
	var tok Token
	for i, u := range doc.URLs {
		t, err := parseTaskURL(u)
		if err != nil {
			return Token{}, fmt.Errorf("task %d: %w", i+1, err)
		}
		tok.Tasks = append(tok.Tasks, t)
	}
	return tok, nil
}

// parseTaskURL reads "Task/<id>/$accept?ac=<code>".
func parseTaskURL(u string) (Task, error) {
	rest, ok := strings.CutPrefix(u, "Task/")
	id, query, ok2 := strings.Cut(rest, "/$accept?ac=")
	if !ok || !ok2 {
		return Task{}, fmt.Errorf("%w: task URL is not Task/<id>/$accept?ac=<code>", ErrFormat)
	}
	tid, err := ParseTaskID(id)
	if err != nil {
		return Task{}, err
	}
	ac, err := parseAccessCode(query)
	if err != nil {
		return Task{}, err
	}
	return Task{ID: tid, AccessCode: ac}, nil
}

// ParseTaskID validates "FFF.NNN.NNN.NNN.NNN.CC": the 17 digits, read as one
// number, must be 1 modulo 97 (ISO 7064 MOD 97-10).
func ParseTaskID(s string) (TaskID, error) {
	if len(s) != 22 {
		return "", fmt.Errorf("%w: task id %q is not FFF.NNN.NNN.NNN.NNN.CC", ErrFormat, clip(s))
	}
	rem := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%4 == 3 {
			if c != '.' {
				return "", fmt.Errorf("%w: task id %q is not FFF.NNN.NNN.NNN.NNN.CC", ErrFormat, s)
			}
			continue
		}
		if c < '0' || c > '9' {
			return "", fmt.Errorf("%w: task id %q has a non-digit", ErrFormat, s)
		}
		rem = (rem*10 + int(c-'0')) % 97
	}
	if rem != 1 {
		return "", fmt.Errorf("%w: task id %s fails its mod-97 check", ErrCheckDigit, s)
	}
	return TaskID(s), nil
}

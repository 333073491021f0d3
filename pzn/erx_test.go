package pzn

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const (
	validTask1 = "160.000.006.394.157.15"
	validTask2 = "160.123.456.789.123.58"
	code1      = "777bea0e13cc9c42ceec14aec3ddee2263325dc2c6c699db115f58fe423607ea"
	code2      = "0936cfa582b447144b71ac89eb7bb83a77c67c99d4054f91ee3703acf6a9f1b4"
)

// tokenJSON builds a token payload; each task gets code1 unless a code follows it as "id|code".
func tokenJSON(tasks ...string) string {
	var urls []string
	for _, t := range tasks {
		id, code, ok := strings.Cut(t, "|")
		if !ok {
			code = code1
		}
		urls = append(urls, fmt.Sprintf("%q", "Task/"+id+"/$accept?ac="+code))
	}
	return `{"urls":[` + strings.Join(urls, ",") + `]}`
}

func TestParseToken(t *testing.T) {
	tok, err := ParseToken(tokenJSON(validTask1, validTask2+"|"+strings.ToUpper(code2)))
	if err != nil {
		t.Fatalf("ParseToken: %v", err)
	}
	if len(tok.Tasks) != 2 || tok.Tasks[0].ID != validTask1 || tok.Tasks[1].ID != validTask2 {
		t.Fatalf("tasks = %+v", tok.Tasks)
	}
	if got := tok.Tasks[1].AccessCode.Reveal(); got != code2 {
		t.Fatalf("uppercase code not kept lowercase: %q", got)
	}
	if got := tok.Tasks[0].ID.FlowName(); !strings.Contains(got, "Muster 16") {
		t.Fatalf("FlowName = %q", got)
	}
}

func TestParseTokenErrors(t *testing.T) {
	tests := map[string]string{
		"placeholder .01":   tokenJSON("160.000.000.000.000.01"),
		"placeholder .02":   tokenJSON("160.000.000.000.000.02"),
		"no tasks":          `{"urls":[]}`,
		"four tasks":        tokenJSON(validTask1, validTask2, validTask1, validTask2),
		"short code":        tokenJSON(validTask1 + "|abc"),
		"non-hex code":      tokenJSON(validTask1 + "|" + strings.Repeat("g", 64)),
		"no dots":           tokenJSON("16000000639415715"),
		"wrong path":        `{"urls":["Task/160.000.006.394.157.15/$abort?ac=` + code1 + `"]}`,
		"not JSON":          `Task/160.000.006.394.157.15/$accept?ac=` + code1,
		"trailing data":     tokenJSON(validTask1) + `{}`,
		"urls not a list":   `{"urls":"x"}`,
		"digit in dot slot": tokenJSON("160.000.006.394.157115"),
	}
	for name, payload := range tests {
		t.Run(name, func(t *testing.T) {
			tok, err := ParseToken(payload)
			if err == nil {
				t.Fatalf("ParseToken accepted %q: %+v", payload, tok)
			}
			if strings.Contains(err.Error(), code1) {
				t.Fatalf("error shows the access code: %v", err)
			}
		})
	}
	if _, err := ParseTaskID("160.000.000.000.000.01"); !errors.Is(err, ErrCheckDigit) {
		t.Fatalf("placeholder task id err = %v, want ErrCheckDigit", err)
	}
}

// TestAccessCodeNeverShown prints a token every way a program might.
func TestAccessCodeNeverShown(t *testing.T) {
	tok, err := ParseToken(tokenJSON(validTask1))
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("token", "tok", tok, "code", tok.Tasks[0].AccessCode)
	js, _ := json.Marshal(tok)
	outputs := []string{
		fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s %q %x", tok, tok, tok, tok.Tasks[0].AccessCode,
			tok.Tasks[0].AccessCode, tok.Tasks[0].AccessCode), string(js), logged.String(),
	}
	for _, out := range outputs {
		if strings.Contains(out, code1) || strings.Contains(strings.ToLower(out), code1[:16]) {
			t.Fatalf("access code leaked: %s", out)
		}
	}
	if !strings.Contains(outputs[0], accessCodeMask) {
		t.Fatalf("mask missing from %s", outputs[0])
	}
}

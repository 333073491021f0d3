package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apobot/apobot/bot"
)

func loadPolicyFile(t *testing.T, body string) (pharmacyConfig, error) {
	t.Helper()
	path := writeFile(t, "apobot.json", body)
	return loadPharmacy(func(k string) string { return map[string]string{envConfig: path}[k] })
}

// TestChannelPolicyConfig: channel_policy over the defaults, and every
// mistake a bilingual error naming the field.
func TestChannelPolicyConfig(t *testing.T) {
	pc, err := loadPolicyFile(t, `{"channel_policy": {"whatsapp": {"accept": ["packs", "prescriptions"]}, "web": {"accept": []}}, "web_chat_url": "https://apotheke.example"}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ch   bot.Channel
		what bot.Content
		want bool
	}{
		{bot.ChannelWhatsApp, bot.ContentPrescriptions, true}, {bot.ChannelWhatsApp, bot.ContentERxTokens, false},
		{bot.ChannelWeb, bot.ContentPrescriptions, false}, {bot.ChannelWeb, bot.ContentPacks, true},
		{bot.ChannelThreema, bot.ContentERxTokens, true}, {bot.ChannelMessenger, bot.ContentPrescriptions, false},
		{bot.ChannelTelegram, bot.ContentERxTokens, false},
	} {
		if got := pc.Policy.Accepts(c.ch, c.what); got != c.want {
			t.Errorf("%s takes %s: %v, want %v", c.ch, c.what, got, c.want)
		}
	}
	if pc.WebChat != "https://apotheke.example/" {
		t.Errorf("web_chat_url %q, want it with its path", pc.WebChat)
	}
	example, err := loadPharmacy(func(k string) string { return map[string]string{envConfig: "../../testdata/apobot.example.json"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range bot.Channels { // the example spells out the default
		if got, want := example.Policy.Refused(ch), bot.DefaultPolicy().Refused(ch); !slices.Equal(got, want) || len(example.Policy[ch]) == 0 {
			t.Errorf("example file: %s refuses %v, want %v as by default", ch, got, want)
		}
	}
	for name, c := range map[string]struct{ body, want string }{
		"unknown channel": {`{"channel_policy": {"signal": {"accept": ["packs"]}}}`, `unknown channel "signal"`},
		"webchat":         {`{"channel_policy": {"webchat": {"accept": ["packs"]}}}`, `unbekannter Kanal "webchat"`},
		"unknown content": {`{"channel_policy": {"whatsapp": {"accept": ["photos"]}}}`, `channel_policy.whatsapp.accept: unbekannter Inhalt "photos"`},
		"twice":           {`{"channel_policy": {"threema": {"accept": ["erx_tokens", "erx_tokens"]}}}`, "is listed twice"},
		"no accept":       {`{"channel_policy": {"telegram": {}}}`, "channel_policy.telegram.accept is missing"},
		"misspelt accept": {`{"channel_policy": {"telegram": {"accepts": ["packs"]}}}`, `unknown field "accepts"`},
		"not a list":      {`{"channel_policy": {"telegram": {"accept": "packs"}}}`, "cannot unmarshal"},
		"http url":        {`{"web_chat_url": "http://apotheke.example/"}`, "want an https address"},
		"url with query":  {`{"web_chat_url": "https://apotheke.example/?a=1"}`, "eine https-Adresse"},
	} {
		_, err := loadPolicyFile(t, c.body)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), envConfig) {
			t.Errorf("%s: err %v, want it to name %s and say %q", name, err, envConfig, c.want)
		}
	}
}

// TestCheckFailsOnABadChannelPolicy: `apobot check` and `serve` refuse a
// channel_policy naming an unknown channel, in German and English.
func TestCheckFailsOnABadChannelPolicy(t *testing.T) {
	dir := t.TempDir()
	setUpData(t, dir)
	t.Setenv(envConfig, writeFile(t, "apobot.json", `{"channel_policy": {"whatsap": {"accept": ["packs"]}}}`))
	code, out, _ := runArgs(t, "check")
	if code == exitOK || !strings.Contains(out, "FAIL") || !strings.Contains(out, `unbekannter Kanal "whatsap"`) || !strings.Contains(out, `unknown channel "whatsap"`) {
		t.Fatalf("check: %d\n%s", code, out)
	}
	t.Setenv(envAddr, freeAddr(t))
	if code, _, errs := runArgs(t, "serve"); code == exitOK || !strings.Contains(errs, `unknown channel "whatsap"`) {
		t.Fatalf("serve: %d %s", code, errs)
	}
}

// FuzzConfigFile feeds any bytes to the APOBOT_CONFIG reader (channel_policy
// among them): an error or a configuration, never a panic, and a policy
// that takes packs everywhere.
func FuzzConfigFile(f *testing.F) {
	for _, s := range []string{`{}`, `{"channel_policy": {"whatsapp": {"accept": ["packs", "prescriptions", "erx_tokens"]}}}`,
		`{"channel_policy": {"web": {"accept": []}, "threema": null}}`, `{"web_chat_url": "https://a.example/x"}`,
		`{"hours": {"mon": ["08:00-12:00"]}, "branches": [{"id": "a", "name": "A", "address": "B"}]}`} {
		f.Add([]byte(s))
	}
	path := filepath.Join(f.TempDir(), "apobot.json")
	getenv := func(k string) string { return map[string]string{envConfig: path}[k] }
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		pc, err := loadPharmacy(getenv)
		if err != nil {
			return
		}
		for _, ch := range bot.Channels {
			if !pc.Policy.Accepts(ch, bot.ContentPacks) {
				t.Fatalf("%s refuses packs", ch)
			}
		}
	})
}

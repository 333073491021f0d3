package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadChannels(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := loadChannels(env(nil))
	if err != nil || c.waClient != nil || c.tgClient != nil || len(c.messengers()) != 0 {
		t.Fatalf("no variables: %+v %v, want both channels off", c, err)
	}
	secretFile := filepath.Join(t.TempDir(), "tg")
	os.WriteFile(secretFile, []byte("file-secret_1\n"), 0o600)
	c, err = loadChannels(env(map[string]string{envWAToken: "t", envWASecret: "s", envWAVerify: "v", envWAPhone: "1",
		envTGToken: "1:x", envTGSecret + "_FILE": secretFile}))
	if err != nil || c.waClient == nil || c.waClient.BaseURL != "https://graph.facebook.com/v21.0" || c.tgHook.SecretToken != "file-secret_1" {
		t.Fatalf("all set: %+v %v", c, err)
	}
	key := strings.Repeat("ab", 32)
	c, err = loadChannels(env(map[string]string{envTMID: "*APOTHEK", envTMSecret: "s", envTMKey: key,
		envFBToken: "p", envFBSecret: "s", envFBVerify: "v", envFBPage: "1066"}))
	if err != nil || c.tmClient == nil || c.tmClient.BaseURL != "https://msgapi.threema.ch" || c.tmHook.ID != "*APOTHEK" ||
		c.fbClient == nil || c.fbHook.PageID != "1066" || len(c.messengers()) != 2 {
		t.Fatalf("threema and messenger set: %+v %v", c, err)
	}
	openKey := filepath.Join(t.TempDir(), "threema.key")
	os.WriteFile(openKey, []byte(key+"\n"), 0o644)
	for name, vars := range map[string]map[string]string{
		envTMKey + "_FILE: " + openKey + " is readable": {envTMID: "*APOTHEK", envTMSecret: "s", envTMKey + "_FILE": openKey},
		envWAPhone:                     {envWAToken: "t", envWASecret: "s", envWAVerify: "v"},
		envTMKey:                       {envTMID: "*APOTHEK", envTMSecret: "s"},
		envTMID + ": a gateway ID":     {envTMID: "APOTHEKE", envTMSecret: "s", envTMKey: key},
		envTMKey + ": 64 hex":          {envTMID: "*APOTHEK", envTMSecret: "s", envTMKey: "abc"},
		envFBVerify + ", " + envFBPage: {envFBToken: "p", envFBSecret: "s"},
		envTGSecret:                    {envTGToken: "1:x"},
		envTGSecret + ": Telegram":     {envTGToken: "1:x", envTGSecret: "has spaces"},
		envTGToken + " and " + envTGToken + "_FILE": {envTGToken: "1:x", envTGToken + "_FILE": secretFile, envTGSecret: "ok"},
	} {
		if _, err := loadChannels(env(vars)); err == nil || !strings.Contains(err.Error(), strings.Split(name, ":")[0]) {
			t.Errorf("%v: error %v, want it to name %s", vars, err, name)
		}
	}
}

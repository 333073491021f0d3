package engine

import (
	"strings"
	"testing"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/bot/msg"
)

func TestHasERxCode(t *testing.T) {
	const code = "777bea0e13cc9c42ceec14aec3ddee2263325dc2c6c699db115f58fe423607ea"
	for text, want := range map[string]bool{
		"Task/160.000.006.394.157.15/$accept?ac=" + code: true,
		"mein Code: " + strings.ToUpper(code):            true,
		"Rezept 160.123.456.789.123.58 bitte":            true,
		"160.000.000.000.000.01":                         false, // the gematik placeholder fails mod 97
		"PZN 01234562, Tel. 0391 5551234":                false,
		code[:63]:                                        false,
		code + "0":                                       false,
		"":                                               false,
	} {
		if got := hasERxCode(text); got != want {
			t.Errorf("hasERxCode(%.30q) = %v, want %v", text, got, want)
		}
	}
}

// TestWhereSendsToTheBranchLink: a refusal names the web chat of the
// chat's branch, Threema where it takes the content, else the counter.
func TestWhereSendsToTheBranchLink(t *testing.T) {
	e := &dialog{cfg: Config{WebChat: "https://apotheke.example/chat", ThreemaID: "*APOTHEK"}}
	id, args := e.where(bot.Conversation{Channel: bot.ChannelWhatsApp, Branch: "hasselbachplatz"}, bot.ContentERxTokens)
	if id != "policy.where_web_threema" || args["Link"] != "https://apotheke.example/chat?filiale=hasselbachplatz" {
		t.Fatalf("where %s %v", id, args)
	}
	if text := msg.Text("en", id, args); !strings.Contains(text, "?filiale=hasselbachplatz") || !strings.Contains(text, "*APOTHEK") {
		t.Fatalf("reply %q", text)
	}
	e.cfg.Policy = bot.Policy{bot.ChannelWeb: {bot.ContentPacks}, bot.ChannelThreema: {bot.ContentPacks}}
	if id, _ := e.where(bot.Conversation{Channel: bot.ChannelWhatsApp}, bot.ContentPrescriptions); id != "policy.where_counter" {
		t.Fatalf("nowhere else takes it: %s", id)
	}
	e.cfg = Config{}
	if id, _ := e.where(bot.Conversation{Channel: bot.ChannelTelegram}, bot.ContentPrescriptions); id != "policy.where_site" {
		t.Fatalf("no address, no Threema: %s", id)
	}
}

// FuzzHasERxCode: any text a customer types, never a panic; a text with a
// 64-hex run standing alone is always a code.
func FuzzHasERxCode(f *testing.F) {
	f.Add("Task/160.000.006.394.157.15/$accept?ac=777bea0e13cc9c42ceec14aec3ddee2263325dc2c6c699db115f58fe423607ea")
	f.Add("160.123.456.789.123.58")
	f.Add("PZN 01234562")
	f.Fuzz(func(t *testing.T, text string) {
		if hasERxCode(text) && len(text) < 22 {
			t.Fatalf("%q: a code shorter than a task id", text)
		}
	})
}

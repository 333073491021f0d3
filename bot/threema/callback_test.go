package threema

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vectorNow is a clock an hour after the test vector's date.
var vectorNow = time.Unix(1616950936, 0).Add(time.Hour)

// The documented MAC test vector (DOMAIN.md, "Threema Gateway").
func TestMACVector(t *testing.T) {
	form := url.Values{"from": {"ECHOECHO"}, "to": {"*TESTTST"}, "messageId": {"0102030405060708"}, "date": {"1616950936"},
		"nonce": {strings.Repeat("ff", 24)}, "box": {"012345abcdef"}}
	const want = "622b362e8353658ee649a5548acecc9ce9b88384d6b7e08e212446d68455b14e"
	if got := MAC(form, "nevergonnagiveyouup"); got != want {
		t.Fatalf("MAC = %s, want %s", got, want)
	}
	form.Set("mac", want)
	c, err := ParseCallback([]byte(form.Encode()), "nevergonnagiveyouup", vectorNow)
	if err != nil {
		t.Fatal(err)
	}
	if c.From != "ECHOECHO" || c.To != "*TESTTST" || c.MessageID != "0102030405060708" || c.At.Unix() != 1616950936 ||
		c.Nonce[0] != 0xff || len(c.Box) != 6 {
		t.Fatalf("parsed %+v", c)
	}
}

func TestParseCallbackRefuses(t *testing.T) {
	good := url.Values{"from": {"ECHOECHO"}, "to": {"*TESTTST"}, "messageId": {"0102030405060708"}, "date": {"1616950936"},
		"nonce": {strings.Repeat("ff", 24)}, "box": {"012345abcdef"}}
	for name, c := range map[string]struct {
		change func(url.Values)
		secret string
		want   error
	}{
		"wrong secret":    {func(url.Values) {}, "other", ErrMAC},
		"no secret":       {func(url.Values) {}, "", ErrMAC},
		"changed box":     {func(f url.Values) { f.Set("box", "012345abcdee") }, "", ErrMAC},
		"bad from":        {func(f url.Values) { f.Set("from", "echo") }, "s", ErrMalformed},
		"gateway as from": {func(f url.Values) { f.Set("from", "*ECHOECH") }, "s", nil},
		"short id":        {func(f url.Values) { f.Set("messageId", "0102") }, "s", ErrMalformed},
		"date":            {func(f url.Values) { f.Set("date", "gestern") }, "s", ErrMalformed},
		"nonce":           {func(f url.Values) { f.Set("nonce", "ff") }, "s", ErrMalformed},
		"box not hex":     {func(f url.Values) { f.Set("box", "xyz") }, "s", ErrMalformed},
		"empty box":       {func(f url.Values) { f.Set("box", "") }, "s", ErrMalformed},
		"box too large":   {func(f url.Values) { f.Set("box", strings.Repeat("00", MaxBox+1)) }, "s", ErrMalformed},
	} {
		f := url.Values{}
		for k, v := range good {
			f[k] = append([]string(nil), v...)
		}
		secret := c.secret
		if secret == "" && name != "no secret" {
			secret = "s"
		}
		f.Set("mac", MAC(f, "s"))
		c.change(f) // after the MAC: a change the MAC must catch, or a field signed as it is
		if c.want != ErrMAC {
			f.Set("mac", MAC(f, "s"))
		}
		_, err := ParseCallback([]byte(f.Encode()), secret, vectorNow)
		if c.want == nil {
			if err != nil {
				t.Errorf("%s: %v, want accepted", name, err)
			}
			continue
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", name, err, c.want)
		}
	}
	if _, err := ParseCallback([]byte("%zz"), "s", vectorNow); !errors.Is(err, ErrMAC) {
		t.Errorf("unreadable body: %v", err)
	}
}

// TestParseCallbackRefusesTheFuture: the date is the sender's clock. A
// callback dated 400 days ahead, its MAC right, is refused; one within
// MaxAhead of the clock, or from the past, is taken.
func TestParseCallbackRefusesTheFuture(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		date time.Time
		want error
	}{
		"400 days ahead":          {now.AddDate(0, 0, 400), ErrFuture},
		"just beyond the drift":   {now.Add(MaxAhead + time.Second), ErrFuture},
		"a phone a little ahead":  {now.Add(MaxAhead), nil},
		"now":                     {now, nil},
		"sent an hour ago":        {now.Add(-time.Hour), nil},
		"year 292277026596 (max)": {time.Unix(1<<63-1, 0), ErrFuture},
	} {
		f := url.Values{"from": {"ECHOECHO"}, "to": {"*TESTTST"}, "messageId": {"0102030405060708"},
			"date": {strconv.FormatInt(c.date.Unix(), 10)}, "nonce": {strings.Repeat("ff", 24)}, "box": {"012345abcdef"}}
		f.Set("mac", MAC(f, "s"))
		got, err := ParseCallback([]byte(f.Encode()), "s", now)
		if !errors.Is(err, c.want) || c.want == nil && !got.At.Equal(c.date) {
			t.Errorf("%s: %+v, err %v, want %v", name, got, err, c.want)
		}
		if c.want != nil && got.Box != nil {
			t.Errorf("%s: refused, yet returned a box", name)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{"ECHOECHO": true, "*APOTHEK": true, "ECHO*CHO": false, "echoecho": false, "ECHO": false, "ECHOECHO1": false, "ÄCHOECH": false} {
		if ValidID(id) != want {
			t.Errorf("ValidID(%q) = %v", id, !want)
		}
	}
}

func FuzzParseCallback(f *testing.F) {
	good := url.Values{"from": {"ECHOECHO"}, "to": {"*TESTTST"}, "messageId": {"0102030405060708"}, "date": {"1616950936"},
		"nonce": {strings.Repeat("ff", 24)}, "box": {"012345abcdef"}}
	good.Set("mac", MAC(good, "s"))
	f.Add([]byte(good.Encode()))
	f.Add([]byte("from=&mac="))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := ParseCallback(body, "s", vectorNow)
		if err != nil {
			return
		}
		form, _ := url.ParseQuery(string(body))
		if MAC(form, "s") != strings.ToLower(form.Get("mac")) {
			t.Fatalf("accepted a callback whose MAC does not match")
		}
		if !ValidID(c.From) || len(c.Box) == 0 || len(c.Box) > MaxBox || c.At.Sub(vectorNow) > MaxAhead {
			t.Fatalf("accepted %+v", c)
		}
	})
}

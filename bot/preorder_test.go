package bot

import (
	"strings"
	"testing"
)

func TestStatusTransitions(t *testing.T) {
	all := []Status{StatusReceived, StatusProposed, StatusApproved, StatusReady, StatusHandedOut, StatusRejected, StatusCancelled, StatusExpired}
	allowed := map[[2]Status]bool{
		{StatusReceived, StatusProposed}: true, {StatusReceived, StatusRejected}: true,
		{StatusReceived, StatusCancelled}: true, {StatusReceived, StatusExpired}: true,
		{StatusProposed, StatusProposed}: true, {StatusProposed, StatusApproved}: true,
		{StatusProposed, StatusRejected}: true, {StatusProposed, StatusCancelled}: true,
		{StatusProposed, StatusExpired}: true,
		{StatusApproved, StatusReady}:   true, {StatusApproved, StatusHandedOut}: true,
		{StatusApproved, StatusCancelled}: true, {StatusApproved, StatusExpired}: true,
		{StatusReady, StatusHandedOut}: true, {StatusReady, StatusCancelled}: true, {StatusReady, StatusExpired}: true,
	}
	for _, from := range all {
		for _, to := range all {
			err := from.Transition(to)
			if want := allowed[[2]Status{from, to}]; (err == nil) != want {
				t.Errorf("%s -> %s: err = %v, want allowed=%v", from, to, err, want)
			}
			if err != nil && ErrorCode(err) != ECONFLICT {
				t.Errorf("%s -> %s: code %q, want %q", from, to, ErrorCode(err), ECONFLICT)
			}
		}
	}
	for _, s := range []Status{StatusHandedOut, StatusRejected, StatusCancelled, StatusExpired} {
		if !s.Final() {
			t.Errorf("%s is not final", s)
		}
	}
	if Status("lost").Valid() || Status("lost").Final() {
		t.Error("an unknown status is valid or final")
	}
}

func TestPickupCode(t *testing.T) {
	seen := map[PickupCode]bool{}
	for i := 0; i < 2000; i++ {
		c := NewPickupCode()
		if len(c) != pickupLen || strings.ContainsAny(string(c), "0O1IL") {
			t.Fatalf("code %q: wrong length or an ambiguous character", c)
		}
		if back, err := ParsePickupCode(strings.ToLower(string(c[:3])) + " " + string(c[3:])); err != nil || back != c {
			t.Fatalf("ParsePickupCode(%q) = %q, %v", c, back, err)
		}
		seen[c] = true
	}
	if len(seen) < 1990 {
		t.Fatalf("only %d different codes in 2000", len(seen))
	}
}

func TestParsePickupCodeRefuses(t *testing.T) {
	for _, in := range []string{"", "ABC", "ABCDEFG", "ABCDE0", "ABCDEL", "ABCDÉF", "ABC!EF"} {
		if _, err := ParsePickupCode(in); ErrorCode(err) != EINVALID {
			t.Errorf("ParsePickupCode(%q): err = %v, want %s", in, err, EINVALID)
		}
	}
}

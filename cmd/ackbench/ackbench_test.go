package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestAckbenchRuns keeps the benchmark working: a short run at a low rate
// must acknowledge and answer every message.
func TestAckbenchRuns(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), &out, 40, time.Second, "all", setup{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"whatsapp acknowledged 40/40", "threema  acknowledged 40/40", "messenger acknowledged 40/40", "web      acknowledged 40/40", "all 40 answered"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("report lacks %q:\n%s", want, out.String())
		}
	}
}

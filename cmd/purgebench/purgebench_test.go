package main

import (
	"context"
	"strings"
	"testing"
)

// TestPurgebenchRuns keeps the benchmark working on a small database.
func TestPurgebenchRuns(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), &out, 300); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "purge: 300 conversations deleted") || !strings.Contains(out.String(), "WAL 0.0 MB") ||
		!strings.Contains(out.String(), "300 chats left out") {
		t.Fatalf("report:\n%s", out.String())
	}
}

package models

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// The grammar's cases are shared with src/shared/duration.test.ts, so the backend reads every duration the
// panel, the query editor and the CLI accept, and refuses the same ones.
func TestParseDurationSharedCases(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/durations/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			Text string   `json:"text"`
			MS   *float64 `json:"ms"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 10 {
		t.Fatalf("only %d cases read", len(file.Cases))
	}
	for _, c := range file.Cases {
		got, err := ParseDuration(c.Text)
		if c.MS == nil {
			want := `"` + c.Text + `" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)`
			if err == nil || err.Error() != want {
				t.Errorf("ParseDuration(%q) = %v, %v; want the error %s", c.Text, got, err, want)
			}
			continue
		}
		if want := time.Duration(*c.MS) * time.Millisecond; err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.Text, got, err, want)
		}
	}
}

func TestParseDurationBounds(t *testing.T) {
	for _, text := range []string{"1e9w", "99999999999999999999d"} {
		if _, err := ParseDuration(text); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseDuration(%q): error %v, want a one-line refusal", text, err)
		}
	}
}

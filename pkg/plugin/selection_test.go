package plugin

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// recordingAnalyzer passes select to the real engine and keeps the options and the answer of the last call.
type recordingAnalyzer struct {
	forecast.Analyzer
	options string
	answer  json.RawMessage
}

func (a *recordingAnalyzer) Select(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error) {
	a.options = string(opts)
	var err error
	a.answer, err = a.Analyzer.Select(ctx, ts, ys, params, opts)
	return a.answer, err
}

// compared is how many candidates the last answer ranked.
func (a *recordingAnalyzer) compared(t *testing.T) int {
	t.Helper()
	var answer struct {
		Ranking []json.RawMessage `json:"ranking"`
	}
	if err := json.Unmarshal(a.answer, &answer); err != nil {
		t.Fatal(err)
	}
	return len(answer.Ranking)
}

func TestEngineSelectShortlist(t *testing.T) {
	eng, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	model := &recordingAnalyzer{Analyzer: eng}
	// Two weeks, hourly: a daily cycle with a little deterministic wobble.
	start := float64(time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC).UnixMilli())
	var ts, ys []float64
	for i := range 14 * 24 {
		ts = append(ts, start+float64(i)*3_600_000)
		ys = append(ys, 100+30*math.Sin(2*math.Pi*float64(i)/24)+3*math.Sin(float64(i)*1.7))
	}
	params := json.RawMessage(`{"model":"auto"}`)
	selectFn := engineSelect(model, 60)

	full, err := selectFn(context.Background(), ts, ys, params, selection.Labels{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !full.Ranked || len(full.Shortlist) != selection.ShortlistSize {
		t.Fatalf("a first selection should rank every candidate and keep %d challengers, got %+v", selection.ShortlistSize, full)
	}
	if strings.Contains(model.options, "candidates") {
		t.Fatalf("a full ranking passes no candidates: %s", model.options)
	}
	ranked := model.compared(t)
	if ranked <= 1+selection.ShortlistSize {
		t.Fatalf("a full ranking compares every candidate, got %d", ranked)
	}
	for _, c := range full.Shortlist {
		if sameCandidate(c, full.Family, full.Overrides) {
			t.Fatalf("the shortlist should hold challengers, not the winner %s: %+v", full.Family, full.Shortlist)
		}
	}

	incumbent := &selection.Selection{Family: full.Family, Overrides: full.Overrides, Score: full.Score, Shortlist: full.Shortlist}
	short, err := selectFn(context.Background(), ts, ys, params, selection.Labels{}, incumbent)
	if err != nil {
		t.Fatal(err)
	}
	wantCandidates, _ := json.Marshal(full.Shortlist)
	if !strings.Contains(model.options, `"candidates":`+string(wantCandidates)) {
		t.Fatalf("a re-evaluation should pass the shortlist %s, got %s", wantCandidates, model.options)
	}
	if short.Ranked || short.Shortlist != nil {
		t.Fatalf("a re-evaluation against the shortlist is no full ranking: %+v", short)
	}
	if got := model.compared(t); got != 1+selection.ShortlistSize {
		t.Fatalf("a re-evaluation compares the incumbent and its shortlist (%d), got %d of %d", 1+selection.ShortlistSize, got, ranked)
	}
	// The same history: the full ranking's winner keeps serving. Its score is on the band of the three compared,
	// not the full ranking's, so only its sign is checked.
	if short.Swap || short.Family != full.Family || !(short.IncumbentScore >= 0) {
		t.Fatalf("the incumbent should keep serving with a score, got %+v", short)
	}
}

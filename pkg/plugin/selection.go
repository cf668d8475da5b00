package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// selectionAnswer is the part of the engine's select output the service keeps.
type selectionAnswer struct {
	Winner struct {
		Family string `json:"family"`
		Scores *struct {
			Objective *float64 `json:"objective"`
		} `json:"scores"`
	} `json:"winner"`
	Overrides map[string]json.RawMessage `json:"overrides"`
	// Ranking is every candidate compared, best first; one that failed has no scores.
	Ranking []struct {
		selection.Candidate
		Scores *struct{} `json:"scores"`
	} `json:"ranking"`
	Decision *struct {
		Swapped   bool `json:"swapped"`
		Incumbent struct {
			Score *float64 `json:"score"`
		} `json:"incumbent"`
	} `json:"decision"`
}

// engineSelect runs the engine's selection on the analysis runtimes (never the ones queries use) with at most
// maxFits fits and the series' labels, passing the serving choice as the incumbent so a challenger must win by
// the margin.
func engineSelect(model forecast.Analyzer, maxFits int) selection.SelectFunc {
	return func(ctx context.Context, ts, ys []float64, params json.RawMessage, labels selection.Labels, incumbent *selection.Selection) (selection.Outcome, error) {
		opts := map[string]any{"maxFits": maxFits}
		if !labels.Empty() {
			opts["labels"] = labels
		}
		if incumbent != nil {
			combination := map[string]json.RawMessage{}
			for k, v := range incumbent.Overrides {
				if k != "model" {
					combination[k] = v
				}
			}
			opts["incumbent"] = map[string]any{"family": incumbent.Family, "combination": combination}
			if len(incumbent.Shortlist) > 0 {
				opts["candidates"] = incumbent.Shortlist
			}
		}
		ranked := incumbent == nil || len(incumbent.Shortlist) == 0
		rawOpts, err := json.Marshal(opts)
		if err != nil {
			return selection.Outcome{}, err
		}
		raw, err := model.Select(engine.ForAnalysis(ctx), ts, ys, params, rawOpts)
		if err != nil {
			return selection.Outcome{}, err
		}
		var answer selectionAnswer
		if err := json.Unmarshal(raw, &answer); err != nil {
			return selection.Outcome{}, fmt.Errorf("selection answer: %w", err)
		}
		if answer.Winner.Family == "" || answer.Overrides == nil {
			return selection.Outcome{}, fmt.Errorf("selection answer names no winner")
		}
		out := selection.Outcome{Family: answer.Winner.Family, Overrides: answer.Overrides, Swap: true, Ranked: ranked}
		if ranked {
			out.Shortlist = shortlistOf(answer, answer.Winner.Family, answer.Overrides)
		}
		if answer.Winner.Scores != nil && answer.Winner.Scores.Objective != nil {
			out.Score = *answer.Winner.Scores.Objective
		}
		if answer.Decision != nil {
			out.Swap = answer.Decision.Swapped
			if answer.Decision.Incumbent.Score != nil {
				out.IncumbentScore = *answer.Decision.Incumbent.Score
			}
		}
		return out, nil
	}
}

// shortlistOf is the closest challengers of a full ranking: the best-ranked scored candidates other than the winner
// (the family and overrides that serve), at most selection.ShortlistSize.
func shortlistOf(answer selectionAnswer, family string, overrides map[string]json.RawMessage) []selection.Candidate {
	var out []selection.Candidate
	for _, c := range answer.Ranking {
		if len(out) == selection.ShortlistSize {
			break
		}
		if c.Scores == nil || c.Family == "" || sameCandidate(c.Candidate, family, overrides) {
			continue
		}
		out = append(out, c.Candidate)
	}
	return out
}

// sameCandidate says whether c is the family with these overrides (its combination plus `model`).
func sameCandidate(c selection.Candidate, family string, overrides map[string]json.RawMessage) bool {
	if c.Family != family || len(c.Combination)+1 != len(overrides) {
		return false
	}
	for k, v := range c.Combination {
		if o, ok := overrides[k]; !ok || !bytes.Equal(o, v) { // both as the engine wrote them
			return false
		}
	}
	return true
}

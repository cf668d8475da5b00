// Package alerting turns a series' model outputs into the fields alert rules read: the outlier and score kept
// only on the allowed side and above the minimum size, their persistence (significance and the k-of-n alert
// with its direction), static-threshold breaches and the ratio to the same slot in past weeks. Missing or
// unjudged points are NaN; frames turn them into nulls.
package alerting

import "github.com/foresight-anomaly/foresight/pkg/models"

// Judged is a series' range as the model judged it: per point, NaN where not judged.
type Judged struct {
	Times, Values, Yhat []float64
	// Outlier is the model's -1/0/+1 (NaN where not judged); Score its score in [0, 1].
	Outlier, Score []float64
}

// History is what the past comparison reads: the series' full sorted times and values (the range and the
// history before it) and the ranges left out of training.
type History struct {
	Times, Values []float64
	Exclude       []models.ExcludeRange
	StepMs        float64
}

// Outputs are the per-point fields of the contract (nil when not computed).
type Outputs struct {
	Outlier, Score          []float64
	Significance, Alert     []float64
	Direction               []float64
	ThresholdBreach, VsPast []float64
}

// Compute derives every field from the judged range (controls' unset keys take their defaults). history may be
// nil when vs_past is not wanted.
func Compute(j Judged, controls models.Alerting, history *History) Outputs {
	controls = controls.Resolved()
	outlier, score := Filter(j, controls)
	out := Outputs{Outlier: outlier, Score: score}
	out.Significance, out.Alert, out.Direction = Persist(outlier, score, *controls.Persistence)
	if controls.HasThreshold() {
		out.ThresholdBreach = Breach(j.Values, controls.ThresholdAbove, controls.ThresholdBelow)
	}
	if history != nil {
		out.VsPast = VsPast(j.Times, j.Values, *history, controls.PastWeeks)
	}
	return out
}

// Package forecast is the query pipeline: it plans refit boundaries over a dashboard range, fits each piece on
// the history before it (through a byte-bounded cache), judges the points out of sample and collects
// per-series results, with failures kept per series.
package forecast

import (
	"context"
	"encoding/json"
)

// Model is a fitted model in its serialized form; len(Text) approximates its size in bytes.
type Model struct {
	Text string
}

// Prediction holds per-point outputs of Predict. Outlier is -1 below the band, 0 inside, +1 above.
type Prediction struct {
	Yhat, Lower, Upper, Score []float64
	Outlier                   []int8
}

// Forecaster fits and applies models (the engine, or a fake in tests). Implementations must be safe for
// concurrent use.
type Forecaster interface {
	Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (Model, error)
	// Predict judges values ys at ts; nil ys asks for expectations only (a forecast).
	Predict(ctx context.Context, m Model, ts, ys []float64) (Prediction, error)
}

// Analyzer serves the resource calls (components, cross-validation, tuning).
type Analyzer interface {
	Components(ctx context.Context, m Model, ts []float64) (map[string][]float64, error)
	CrossValidate(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)
	Tune(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)
	// Select ranks model families for `model: auto` (run in the background, never on the query path).
	Select(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)
}

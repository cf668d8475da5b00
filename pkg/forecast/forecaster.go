// Package forecast is the query pipeline: it plans refit boundaries over a dashboard range, fits each piece on
// the history before it (through a byte-bounded cache), judges the points out of sample and collects
// per-series results, with failures kept per series.
package forecast

import (
	"context"
	"encoding/json"
)

// Model is a fitted model in its serialized form; len(Text) approximates its size in bytes. State is what only an
// incremental update reads (Updater; "" when the model has none): with a model store it is kept there alone, not
// in the fit cache, whose models every prediction reads.
type Model struct {
	Text  string
	State string
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

// WindowChange moves a model's training window: the points after its history are added, and every point of the
// old window before WindowStart is dropped (with the values it was fitted on).
type WindowChange struct {
	AddedTs, AddedYs     []float64
	WindowStart          float64
	DroppedTs, DroppedYs []float64
}

// Updater is a Forecaster that can also update a fitted model with a WindowChange at a cost in proportion to
// the points it moves instead of fitting from scratch (the engine; the pipeline checks for it with a type
// assertion). An error means the model cannot take the update (due for a full refit, a family that cannot
// update, other params): the caller fits from scratch.
type Updater interface {
	Update(ctx context.Context, m Model, change WindowChange, params json.RawMessage) (Model, error)
}

// Analyzer serves the resource calls (components, cross-validation, tuning).
type Analyzer interface {
	Components(ctx context.Context, m Model, ts []float64) (map[string][]float64, error)
	CrossValidate(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)
	Tune(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)
	// Select ranks model families for `model: auto` (run in the background, never on the query path).
	Select(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)
}

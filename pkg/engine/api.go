package engine

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/grafana/sobek"
)

// Fitted is a serialized model (src/model/serialize.ts); len(Text) approximates its size in bytes. State holds,
// apart from Text, the statistics only Update reads ("" for a model without any): every prediction parses Text,
// so it stays a third of the size.
type Fitted struct {
	Text  string
	State string
}

// fittedOf reads what the engine's fit and update entries return: {model, state}.
func fittedOf(rt *jsRuntime, result sobek.Value) Fitted {
	object := result.ToObject(rt.vm)
	return Fitted{Text: object.Get("model").String(), State: object.Get("state").String()}
}

// Prediction holds per-point expectations, band, score (0..1) and outlier (-1 below, 0 inside, +1 above).
// Score is 0 and Outlier 0 where no value was given.
type Prediction struct {
	Yhat, Lower, Upper, Score []float64
	Outlier                   []int8
}

// CheckParams validates Prophet-named params (a JSON object, may be empty) as a fit would before reading any
// data: names, ranges, holiday countries and the model's size limits. It returns the most design columns the
// params allow (country calendars aside); a bad parameter is an *InputError with the model's one-line message.
func (e *Engine) CheckParams(ctx context.Context, params json.RawMessage) (width int, err error) {
	err = e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call("checkParams", rt.vm.ToValue(string(params)))
		if err != nil {
			return classify(err)
		}
		width = int(result.ToInteger())
		return nil
	})
	return width, err
}

// Fit trains the model on ts (epoch ms) and ys (NaN = missing) with Prophet-named params (JSON object, may be empty).
func (e *Engine) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (Fitted, error) {
	var fitted Fitted
	err := e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call("fit", arrayBufferOf(rt.vm, ts), arrayBufferOf(rt.vm, ys), rt.vm.ToValue(string(params)))
		if err != nil {
			return classify(err)
		}
		fitted = fittedOf(rt, result)
		return nil
	})
	return fitted, err
}

// Change moves a model's training window: Added are the points after its history, Dropped every point of the
// old window before WindowStart (epoch ms), with the values the model was fitted on.
type Change struct {
	AddedTs, AddedYs     []float64
	WindowStart          float64
	DroppedTs, DroppedYs []float64
}

// Update applies a Change to a fitted model at a cost in proportion to the points it moves (see
// src/model/incremental.ts). params must be those the model was fitted with. An *InputError whose message
// says "cannot update" means the model is due for a full refit or its family cannot update: fit it again.
func (e *Engine) Update(ctx context.Context, m Fitted, c Change, params json.RawMessage) (Fitted, error) {
	var fitted Fitted
	if len(c.AddedTs) != len(c.AddedYs) || len(c.DroppedTs) != len(c.DroppedYs) {
		return fitted, &InputError{Message: fmt.Sprintf("the update has %d+%d timestamps but %d+%d values",
			len(c.AddedTs), len(c.DroppedTs), len(c.AddedYs), len(c.DroppedYs))}
	}
	err := e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call("update", rt.vm.ToValue(m.Text), rt.vm.ToValue(m.State), arrayBufferOf(rt.vm, c.AddedTs),
			arrayBufferOf(rt.vm, c.AddedYs), rt.vm.ToValue(c.WindowStart), arrayBufferOf(rt.vm, c.DroppedTs),
			arrayBufferOf(rt.vm, c.DroppedYs), rt.vm.ToValue(string(params)))
		if err != nil {
			return classify(err)
		}
		fitted = fittedOf(rt, result)
		return nil
	})
	return fitted, err
}

// Predict evaluates a fitted model at ts; with ys (same length) it also judges each value. ys may be nil.
func (e *Engine) Predict(ctx context.Context, m Fitted, ts, ys []float64) (Prediction, error) {
	var out Prediction
	if ys != nil && len(ys) != len(ts) {
		return out, &InputError{Message: fmt.Sprintf("%d timestamps but %d values", len(ts), len(ys))}
	}
	err := e.run(ctx, func(rt *jsRuntime) error {
		values := sobek.Null()
		if ys != nil {
			values = arrayBufferOf(rt.vm, ys)
		}
		result, err := rt.call("predict", rt.vm.ToValue(m.Text), arrayBufferOf(rt.vm, ts), values)
		if err != nil {
			return classify(err)
		}
		object := result.ToObject(rt.vm)
		columns := []struct {
			name string
			dst  *[]float64
		}{{"yhat", &out.Yhat}, {"yhat_lower", &out.Lower}, {"yhat_upper", &out.Upper}, {"score", &out.Score}}
		for _, column := range columns {
			if *column.dst, err = exportFloat64s(rt.vm, object.Get(column.name), column.name); err != nil {
				return err
			}
		}
		out.Outlier, err = exportInt8s(rt.vm, object.Get("outlier"), "outlier")
		return err
	})
	return out, err
}

// Components returns each part of the expectation at ts by name: trend, every seasonality (daily,
// weekly, ...), holidays.
func (e *Engine) Components(ctx context.Context, m Fitted, ts []float64) (map[string][]float64, error) {
	parts := map[string][]float64{}
	err := e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call("components", rt.vm.ToValue(m.Text), arrayBufferOf(rt.vm, ts))
		if err != nil {
			return classify(err)
		}
		object := result.ToObject(rt.vm)
		for _, name := range object.Keys() {
			if parts[name], err = exportFloat64s(rt.vm, object.Get(name), name); err != nil {
				return err
			}
		}
		return nil
	})
	return parts, err
}

// CrossValidate runs rolling-origin cross-validation and returns performanceMetrics' output as JSON.
// opts: {"horizon": ms, "initial"?: ms, "period"?: ms, "cutoffs"?: [ms], "maxFits"?, "maxCutoffs"?, "rollingWindow"?}.
func (e *Engine) CrossValidate(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error) {
	return e.evaluate(ctx, "crossValidate", ts, ys, params, opts)
}

// Tune ranks a parameter grid by cross-validation and returns the ranking (best first) as JSON.
// opts: {"horizon": ms, "initial"?, "period"?, "grid"?: {param: [values]}, "metric"?, "priority"?, "maxFits"?}.
func (e *Engine) Tune(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error) {
	return e.evaluate(ctx, "tune", ts, ys, params, opts)
}

// Select ranks model families and their grids for a series and says which serves (see src/model/selection).
// opts: {"incumbent"?: {"family", "combination"}, "maxFits"?, "objective"?, "margin"?}.
func (e *Engine) Select(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error) {
	return e.evaluate(ctx, "select", ts, ys, params, opts)
}

func (e *Engine) evaluate(ctx context.Context, name string, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error) {
	var out json.RawMessage
	err := e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call(name, arrayBufferOf(rt.vm, ts), arrayBufferOf(rt.vm, ys),
			rt.vm.ToValue(string(params)), rt.vm.ToValue(string(opts)))
		if err != nil {
			return classify(err)
		}
		out = json.RawMessage(result.String())
		return nil
	})
	return out, err
}

// Demo generates a built-in demo series ("messaging") on [fromMs, toMs) every stepMs, deterministic for a seed.
func (e *Engine) Demo(ctx context.Context, name string, fromMs, toMs, stepMs float64, seed int64) (ts, ys []float64, err error) {
	if seed > 1<<53 || seed < -(1<<53) {
		return nil, nil, &InputError{Message: fmt.Sprintf("demo seed %d is beyond ±2^53", seed)}
	}
	err = e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call("demo", rt.vm.ToValue(name), rt.vm.ToValue(fromMs), rt.vm.ToValue(toMs),
			rt.vm.ToValue(stepMs), rt.vm.ToValue(float64(seed)))
		if err != nil {
			return classify(err)
		}
		object := result.ToObject(rt.vm)
		if ts, err = exportFloat64s(rt.vm, object.Get("timestamps"), "timestamps"); err != nil {
			return err
		}
		ys, err = exportFloat64s(rt.vm, object.Get("values"), "values")
		return err
	})
	return ts, ys, err
}

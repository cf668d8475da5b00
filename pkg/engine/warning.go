package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"github.com/grafana/sobek"
)

// Outlook is what the model expects over a lead time (src/model/earlyWarning/outlook.ts).
type Outlook struct {
	// ETASeconds is the time from the outlook's start until the expectation crosses a threshold; nil when it
	// does not within the lead time.
	ETASeconds *float64 `json:"breach_eta_s"`
	// Probability is the chance, from the forecast's band, that the series crosses within the lead time; nil when
	// the model could not tell (JSON has no NaN: decoded into a float64, its null read as a certain 0).
	Probability *float64 `json:"breach_probability"`
	// Side is the threshold the probability mostly concerns ("above", "below"), nil when it is 0.
	Side *string `json:"side"`
	// CrossingMs is the expected crossing time, epoch ms, or nil.
	CrossingMs *float64 `json:"crossing_ms"`
}

// Outlook forecasts m every stepMs after fromMs up to fromMs+leadMs and reports when and how likely the series
// crosses the thresholds ({"above"?: number, "below"?: number}). recentTs/recentYs (ascending, up to fromMs; NaN
// for a value to skip) anchor the forecast to what the model has missed lately; both nil leaves it unanchored.
func (e *Engine) Outlook(ctx context.Context, m Fitted, fromMs, stepMs, leadMs float64, thresholds json.RawMessage, recentTs, recentYs []float64) (Outlook, error) {
	if len(recentTs) != len(recentYs) {
		return Outlook{}, &InputError{Message: fmt.Sprintf("%d recent timestamps but %d values", len(recentTs), len(recentYs))}
	}
	var out Outlook
	err := e.run(ctx, func(rt *jsRuntime) error {
		recentTimes, recentValues := sobek.Null(), sobek.Null()
		if recentTs != nil {
			recentTimes, recentValues = arrayBufferOf(rt.vm, recentTs), arrayBufferOf(rt.vm, recentYs)
		}
		result, err := rt.call("outlook", rt.vm.ToValue(m.Text), rt.vm.ToValue(fromMs), rt.vm.ToValue(stepMs),
			rt.vm.ToValue(leadMs), rt.vm.ToValue(string(thresholds)), recentTimes, recentValues)
		if err != nil {
			return classify(err)
		}
		if err := json.Unmarshal([]byte(result.String()), &out); err != nil {
			return fmt.Errorf("model outlook is not the expected JSON: %w", err)
		}
		return nil
	})
	return out, err
}

// Drift judges values ys at ts with m for a sustained departure from the expectation: per point -1 (below),
// 0 or +1 (above), and the start (epoch ms) of the drift still on at the last point, NaN when there is none.
// opts may be empty (the model's defaults).
func (e *Engine) Drift(ctx context.Context, m Fitted, ts, ys []float64, opts json.RawMessage) (drift []float64, startMs float64, err error) {
	if len(ys) != len(ts) {
		return nil, math.NaN(), &InputError{Message: fmt.Sprintf("%d timestamps but %d values", len(ts), len(ys))}
	}
	if len(opts) == 0 {
		opts = json.RawMessage("{}")
	}
	startMs = math.NaN()
	err = e.run(ctx, func(rt *jsRuntime) error {
		result, err := rt.call("drift", rt.vm.ToValue(m.Text), arrayBufferOf(rt.vm, ts), arrayBufferOf(rt.vm, ys), rt.vm.ToValue(string(opts)))
		if err != nil {
			return classify(err)
		}
		object := result.ToObject(rt.vm)
		if drift, err = exportFloat64s(rt.vm, object.Get("drift"), "drift"); err != nil {
			return err
		}
		if start := object.Get("drift_start_ms"); start != nil {
			startMs = start.ToFloat()
		}
		return nil
	})
	return drift, startMs, err
}

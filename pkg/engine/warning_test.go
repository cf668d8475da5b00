package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestWarningCalls(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()
	ts, ys := demoSeries(t, e, 7)
	m, err := e.Fit(ctx, ts, ys, nil)
	if err != nil {
		t.Fatal(err)
	}
	last := ts[len(ts)-1]

	t.Run("should read the outlook's JSON, with no ETA for a threshold far away", func(t *testing.T) {
		out, err := e.Outlook(ctx, m, last, 300e3, 6*3600e3, json.RawMessage(`{"above":1e12}`), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if out.ETASeconds != nil || out.CrossingMs != nil || out.Probability == nil || *out.Probability < 0 || *out.Probability > 1e-6 {
			t.Errorf("outlook = %+v", out)
		}
	})
	t.Run("should give a crossing for a threshold under the expectation", func(t *testing.T) {
		out, err := e.Outlook(ctx, m, last, 300e3, 6*3600e3, json.RawMessage(`{"below":1e12}`), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if out.ETASeconds == nil || *out.ETASeconds > 300 || out.Side == nil || *out.Side != "below" || out.Probability == nil || *out.Probability < 0.5 {
			t.Errorf("outlook = %+v", out)
		}
	})
	t.Run("should anchor the outlook to recent values above the expectation", func(t *testing.T) {
		// The last 6 hours as the demo ran them, then the same hours at 2.5 times: the model saw neither. The
		// threshold, twice their highest value, is out of the expectation's reach within the hour.
		k := len(ts) - 72
		recent, lifted := ys[k:], make([]float64, 72)
		for i, y := range recent {
			lifted[i] = y * 2.5
		}
		var level float64
		for _, y := range recent {
			level = max(level, y)
		}
		thresholds := json.RawMessage(fmt.Sprintf(`{"above":%g}`, level*2))
		plain, err := e.Outlook(ctx, m, last, 300e3, 3600e3, thresholds, ts[k:], recent)
		if err != nil {
			t.Fatal(err)
		}
		high, err := e.Outlook(ctx, m, last, 300e3, 3600e3, thresholds, ts[k:], lifted)
		if err != nil {
			t.Fatal(err)
		}
		if plain.Probability == nil || high.Probability == nil || !(*plain.Probability < 0.5 && *high.Probability > 0.9) {
			t.Errorf("breach probability %v as seen, %v with values 2.5 times as high: the anchor should carry them past the threshold", plain.Probability, high.Probability)
		}
		if _, err := e.Outlook(ctx, m, last, 300e3, 3600e3, thresholds, ts[k:], lifted[:3]); !errors.Is(err, ErrInput) {
			t.Errorf("mismatched recent input: error %v, want ErrInput", err)
		}
	})
	t.Run("should read a probability the model could not tell as none, not as a certain 0", func(t *testing.T) {
		var out Outlook
		if err := json.Unmarshal([]byte(`{"breach_eta_s":null,"breach_probability":null,"side":null,"crossing_ms":null}`), &out); err != nil {
			t.Fatal(err)
		}
		if out.Probability != nil {
			t.Errorf("a null probability read as %v", *out.Probability)
		}
	})
	t.Run("should refuse bad outlook input in one line", func(t *testing.T) {
		for _, bad := range []struct {
			step, lead float64
			thresholds string
		}{{300e3, 6 * 3600e3, `[1]`}, {0, 6 * 3600e3, `{"above":1}`}, {300e3, 0, `{"above":1}`}} {
			_, err := e.Outlook(ctx, m, last, bad.step, bad.lead, json.RawMessage(bad.thresholds), nil, nil)
			if !errors.Is(err, ErrInput) || strings.Contains(err.Error(), "\n") {
				t.Errorf("step %v lead %v thresholds %s: error %v, want a one-line ErrInput", bad.step, bad.lead, bad.thresholds, err)
			}
		}
	})
	t.Run("should mark drift per point and NaN for no drift start on the training data", func(t *testing.T) {
		drift, start, err := e.Drift(ctx, m, ts[len(ts)-288:], ys[len(ys)-288:], nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(drift) != 288 || !math.IsNaN(start) {
			t.Errorf("%d drift values, start %v", len(drift), start)
		}
	})
	t.Run("should refuse mismatched drift input and unknown options", func(t *testing.T) {
		if _, _, err := e.Drift(ctx, m, ts[:3], ys[:2], nil); !errors.Is(err, ErrInput) {
			t.Errorf("error %v, want ErrInput", err)
		}
		if _, _, err := e.Drift(ctx, m, ts[:3], ys[:3], json.RawMessage(`{"speed":1}`)); !errors.Is(err, ErrInput) {
			t.Errorf("error %v, want ErrInput", err)
		}
	})
}

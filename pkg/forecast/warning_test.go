package forecast_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// outlookRecorder keeps the arguments of every outlook.
type outlookRecorder struct {
	*forecasttest.Fake
	mu    sync.Mutex
	calls [][3]float64 // from, step, lead
	asked []forecast.OutlookRequest
}

func (r *outlookRecorder) Outlook(ctx context.Context, m forecast.Model, req forecast.OutlookRequest) (forecast.Outlook, error) {
	r.mu.Lock()
	r.calls = append(r.calls, [3]float64{req.FromMs, req.StepMs, req.LeadMs})
	r.asked = append(r.asked, req)
	r.mu.Unlock()
	return r.Fake.Outlook(ctx, m, req)
}

func TestPipelineWarning(t *testing.T) {
	ctx := context.Background()
	req := buildRequest(t, 1, 21, nil)
	const leadMs = 6 * 3600_000
	req.Warning = &forecast.Warning{Thresholds: models.Thresholds{Above: new(10.5)}, LeadMs: leadMs}
	req.Drift = true

	t.Run("should forecast once per series from its latest point and set the breach fields there only", func(t *testing.T) {
		rec := &outlookRecorder{Fake: &forecasttest.Fake{}}
		a := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
		b := noisy("b", req.Plan.FetchFrom, req.Plan.RangeTo)
		setValues(b, req.Plan.RangeTo-12*stepMs, req.Plan.RangeTo, 12) // b drifts up over its last hour
		if len(req.Plan.Pieces) < 2 {
			t.Fatalf("the range should span several fits, got %d", len(req.Plan.Pieces))
		}
		results, err := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 2).Run(ctx, req, []models.Series{a, b})
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.calls) != 2 {
			t.Fatalf("%d outlooks for 2 series, want one each", len(rec.calls))
		}
		for _, call := range rec.calls {
			if call[0] != req.Plan.RangeTo || call[1] != stepMs || call[2] != leadMs {
				t.Errorf("outlook from %v step %v lead %v, want the latest point %v, the query's step and the lead", call[0], call[1], call[2], req.Plan.RangeTo)
			}
		}
		for _, asked := range rec.asked {
			// The anchor's window: the series' points over the lead time up to the latest point.
			n := len(asked.RecentTs)
			if n != len(asked.RecentYs) || n != int(leadMs/stepMs) || asked.RecentTs[n-1] != req.Plan.RangeTo || asked.RecentTs[0] <= req.Plan.RangeTo-leadMs {
				t.Errorf("recent window of %d times (%d values) from %v to %v, want the %d points in (latest - lead, latest]",
					n, len(asked.RecentYs), asked.RecentTs[0], asked.RecentTs[n-1], int(leadMs/stepMs))
			}
		}
		r := results[0]
		last := len(r.Times) - 1
		// The fake's expectation is the training mean (10, sd 1/√2): no crossing, P(Z > 0.5·√2).
		want := 0.5 * math.Erfc(0.5)
		if !math.IsNaN(r.BreachETA[last]) || math.Abs(r.BreachProbability[last]-want) > 1e-3 {
			t.Errorf("latest point: eta %v probability %v, want none and %.3f", r.BreachETA[last], r.BreachProbability[last], want)
		}
		for i := range last {
			if !math.IsNaN(r.BreachETA[i]) || !math.IsNaN(r.BreachProbability[i]) {
				t.Fatalf("point %d carries breach fields; only the latest should", i)
			}
		}
		if len(r.Drift) != len(r.Times) || r.Drift[last] != 0 {
			t.Errorf("series a: drift %v at its latest point (of %d), want 0", r.Drift[last], len(r.Drift))
		}
		if d := results[1].Drift; d[len(d)-1] != 1 || d[len(d)-13] != 1 || d[len(d)-14] != 0 {
			t.Errorf("series b: drift %v over its last 14 points, want +1 on the last 13", d[len(d)-14:])
		}
	})

	t.Run("should anchor a short lead on at least an hour of points, and call a breach already past a breach now", func(t *testing.T) {
		// A 10-minute lead read 2 points, too few for the anchor's spread: it was dropped, and a series that had
		// jumped past the threshold two hours before got probability 0 from the model fitted before the jump.
		short := req
		short.Warning = &forecast.Warning{Thresholds: models.Thresholds{Above: new(10.5)}, LeadMs: 2 * stepMs}
		rec := &outlookRecorder{Fake: &forecasttest.Fake{}}
		jumped := noisy("jumped", req.Plan.FetchFrom, req.Plan.RangeTo)
		setValues(jumped, req.Plan.RangeTo-24*stepMs, req.Plan.RangeTo, 12)
		results, err := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 2).Run(ctx, short, []models.Series{jumped})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(rec.asked[0].RecentTs); n < 12 {
			t.Errorf("the anchor read %d recent points, want at least 12", n)
		}
		r := results[0]
		last := len(r.Times) - 1
		if r.BreachETA[last] != 0 || r.BreachProbability[last] != 1 {
			t.Errorf("a series already past the threshold: eta %v probability %v, want 0 and 1", r.BreachETA[last], r.BreachProbability[last])
		}
	})

	t.Run("should call a latest value a breach now only where the rule fires with it", func(t *testing.T) {
		// A rule's >= fires at the level itself (the warning compared strictly, as if the rule were >); a rule on
		// the mean of its window does not fire with one point past the level.
		for _, c := range []struct {
			name   string
			latest float64
			levels models.Thresholds
			want   bool
		}{
			{"at an inclusive level", 40, models.Thresholds{Above: new(40.0), AboveInclusive: true}, true},
			{"at a strict level", 40, models.Thresholds{Above: new(40.0)}, false},
			{"past a level compared point by point", 45, models.Thresholds{Above: new(40.0)}, true},
			{"past a level compared as an aggregate", 45, models.Thresholds{Above: new(40.0), Point: &models.Thresholds{}}, false},
		} {
			series := noisy("latest", req.Plan.FetchFrom, req.Plan.RangeTo)
			setValues(series, req.Plan.RangeTo-stepMs/2, req.Plan.RangeTo, c.latest)
			level := req
			level.Warning = &forecast.Warning{Thresholds: c.levels, LeadMs: 2 * stepMs}
			results, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2).Run(ctx, level, []models.Series{series})
			if err != nil {
				t.Fatal(err)
			}
			r := results[0]
			last := len(r.Times) - 1
			if r.Values[last] != c.latest {
				t.Fatalf("%s: latest value %v, want %v", c.name, r.Values[last], c.latest)
			}
			if breach := r.BreachETA[last] == 0 && r.BreachProbability[last] == 1; breach != c.want {
				t.Errorf("%s: eta %v probability %v, want a breach now: %v", c.name, r.BreachETA[last], r.BreachProbability[last], c.want)
			}
		}
	})

	t.Run("should leave the warning fields null where the series has stopped reporting", func(t *testing.T) {
		// The drift of a sagging series stayed -1 over its missing points, and the latest point's breach fields
		// were set though it had no value: a rule on either kept firing on a series that had gone silent.
		b := noisy("b", req.Plan.FetchFrom, req.Plan.RangeTo)
		setValues(b, req.Plan.RangeTo-12*stepMs, req.Plan.RangeTo-3*stepMs, 12)
		setValues(b, req.Plan.RangeTo-2*stepMs, req.Plan.RangeTo, math.NaN())
		results, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2).Run(ctx, req, []models.Series{b})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		last := len(r.Times) - 1
		if d := r.Drift; d[last-3] != 1 || !math.IsNaN(d[last-2]) || !math.IsNaN(d[last]) {
			t.Errorf("drift over the last 4 points %v, want +1 then null where values are missing", d[last-3:])
		}
		if !math.IsNaN(r.BreachProbability[last]) || !math.IsNaN(r.BreachETA[last]) {
			t.Errorf("a missing latest point carries breach fields: %v %v", r.BreachETA[last], r.BreachProbability[last])
		}
	})

	t.Run("should keep the other series when one series' early warning fails", func(t *testing.T) {
		fake := &forecasttest.Fake{FailWarning: func(mean float64) error {
			if mean > 50 {
				return errors.New("outlook broke")
			}
			return nil
		}}
		high := noisy("high", req.Plan.FetchFrom, req.Plan.RangeTo)
		for i := range high.Values {
			high.Values[i] += 90
		}
		results, err := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 2).
			Run(ctx, req, []models.Series{high, noisy("ok", req.Plan.FetchFrom, req.Plan.RangeTo)})
		if err != nil {
			t.Fatal(err)
		}
		bad, good := results[0], results[1]
		if !strings.Contains(strings.Join(bad.Notices, "; "), "no early warning from") || !strings.Contains(strings.Join(bad.Notices, "; "), "no drift: outlook broke") {
			t.Errorf("failing series' notices = %v", bad.Notices)
		}
		if bad.Drift != nil || !math.IsNaN(bad.BreachProbability[len(bad.Times)-1]) {
			t.Errorf("failing series still has warning values")
		}
		if p := good.BreachProbability[len(good.Times)-1]; math.IsNaN(p) || len(good.Notices) > 0 {
			t.Errorf("the other series: probability %v, notices %v", p, good.Notices)
		}
		if math.IsNaN(bad.Yhat[len(bad.Times)-1]) {
			t.Errorf("the failing series lost its judgment")
		}
	})

	t.Run("should give drift alone without thresholds", func(t *testing.T) {
		driftOnly := req
		driftOnly.Warning = nil
		results, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).
			Run(ctx, driftOnly, []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)})
		if err != nil {
			t.Fatal(err)
		}
		if r := results[0]; r.BreachETA != nil || r.BreachProbability != nil || len(r.Drift) != len(r.Times) {
			t.Errorf("breach fields %v %v, drift of %d points for %d", r.BreachETA != nil, r.BreachProbability != nil, len(r.Drift), len(r.Times))
		}
	})
}

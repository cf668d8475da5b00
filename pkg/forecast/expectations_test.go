package forecast_test

import (
	"context"
	"math"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// expectingFake is the fake with expectations: the fake's expectation and band do not depend on the values, so
// judging a value from them is the fake's own Predict on that one point.
type expectingFake struct {
	*forecasttest.Fake
	predicts, expectations atomic.Int64
}

func (e *expectingFake) Predict(ctx context.Context, m forecast.Model, ts, ys []float64) (forecast.Prediction, error) {
	e.predicts.Add(1)
	return e.Fake.Predict(ctx, m, ts, ys)
}

func (e *expectingFake) Expectations(_ context.Context, m forecast.Model, ts []float64) (forecast.Expectations, bool, error) {
	e.expectations.Add(1)
	return fakeExpectations{fake: e.Fake, model: m, times: slices.Clone(ts)}, true, nil
}

type fakeExpectations struct {
	fake  *forecasttest.Fake
	model forecast.Model
	times []float64
}

func (x fakeExpectations) Judge(ts, ys []float64) (forecast.Prediction, bool, error) {
	for _, t := range ts {
		if _, found := slices.BinarySearch(x.times, t); !found {
			return forecast.Prediction{}, false, nil
		}
	}
	p, err := x.fake.Predict(context.Background(), x.model, ts, ys)
	return p, err == nil, err
}

func (x fakeExpectations) Bytes() int { return 8 * len(x.times) }

func TestJudgingFromExpectations(t *testing.T) {
	ctx := context.Background()
	req, series := alertRequest(t)
	setValues(series[1], req.Plan.RangeTo, req.Plan.RangeTo, 40) // the latest point of b is an outlier

	t.Run("should judge as Predict does, with two model calls per series and piece however many evaluations", func(t *testing.T) {
		plain, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).Run(ctx, req, series)
		if err != nil {
			t.Fatal(err)
		}
		fake := &expectingFake{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1)
		defer p.Close()
		for evaluation := range 3 {
			results, err := p.Run(ctx, req, series)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.WaitBackground(ctx); err != nil { // the first evaluation left the expectations to it
				t.Fatal(err)
			}
			for i, r := range results {
				for j := range r.Times {
					if !same(r.Outlier[j], plain[i].Outlier[j]) || !same(r.Score[j], plain[i].Score[j]) || !same(r.Yhat[j], plain[i].Yhat[j]) ||
						!same(r.Lower[j], plain[i].Lower[j]) || !same(r.Upper[j], plain[i].Upper[j]) {
						t.Fatalf("evaluation %d, %s point %d: outlier %v score %v, Predict gave %v %v", evaluation, r.Name, j,
							r.Outlier[j], r.Score[j], plain[i].Outlier[j], plain[i].Score[j])
					}
				}
			}
		}
		if plain[1].Outlier[len(plain[1].Outlier)-1] != 1 {
			t.Error("the spike was not flagged: the comparison saw no outlier")
		}
		if fake.predicts.Load() != 3 || fake.expectations.Load() != 3 {
			t.Errorf("%d predictions and %d expectations for 3 series over 3 evaluations, want 3 (the first evaluation) and 3", fake.predicts.Load(), fake.expectations.Load())
		}
	})

	t.Run("should prepare the expectations of a background fit for the next evaluation", func(t *testing.T) {
		clock := &lateClock{}
		clock.late.Store(true)
		fake := &expectingFake{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithClock(clock.now)
		defer p.Close()
		deadline, cancel := context.WithTimeout(ctx, time.Hour)
		defer cancel()
		if _, err := p.Run(deadline, req, series); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		clock.late.Store(false)
		results, err := p.Run(deadline, req, series)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if unjudged(r) || len(r.Notices) != 0 {
				t.Errorf("%s: notices %q", r.Name, r.Notices)
			}
		}
		if fake.predicts.Load() != 0 || fake.expectations.Load() != 3 {
			t.Errorf("%d predictions and %d expectations, want the background's 3 expectations only", fake.predicts.Load(), fake.expectations.Load())
		}
	})

	t.Run("should ask Predict for points off the piece's step grid", func(t *testing.T) {
		fake := &expectingFake{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1)
		defer p.Close()
		shifted := noisy("shifted", req.Plan.FetchFrom+1000, req.Plan.RangeTo)
		if _, err := p.Run(ctx, req, []models.Series{shifted}); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		results, err := p.Run(ctx, req, []models.Series{shifted})
		if err != nil {
			t.Fatal(err)
		}
		if fake.predicts.Load() != 2 || unjudged(results[0]) {
			t.Errorf("%d predictions, outlier %v", fake.predicts.Load(), results[0].Outlier)
		}
	})
}

func same(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

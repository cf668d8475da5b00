package forecast_test

import (
	"context"
	"encoding/json"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// lateClock reads the real time, or an hour later once late is set: the query's time is then past its fit
// cutoff, whatever the real time says.
type lateClock struct{ late atomic.Bool }

func (c *lateClock) now() time.Time {
	if c.late.Load() {
		return time.Now().Add(time.Hour)
	}
	return time.Now()
}

// gatedFake is the fake whose fits can make the clock late and wait for a release.
type gatedFake struct {
	*forecasttest.Fake
	lateAfterFit *lateClock    // set late by every fit, when not nil
	release      chan struct{} // fits wait for it to close, when not nil
}

func (g *gatedFake) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	if g.release != nil {
		select {
		case <-g.release:
		case <-ctx.Done():
			return forecast.Model{}, ctx.Err()
		}
	}
	m, err := g.Fake.Fit(ctx, ts, ys, params)
	if g.lateAfterFit != nil {
		g.lateAfterFit.late.Store(true)
	}
	return m, err
}

const backgroundNotice0of3 = "model still being fitted in the background (0 of 3 series done); judged at the next evaluation"

func alertRequest(t *testing.T) (forecast.Request, []models.Series) {
	t.Helper()
	// The last 10 minutes before midday: one piece per series.
	to := rangeEnd.Add(-12 * time.Hour)
	plan, err := forecast.NewPlan(models.Query{From: to.Add(-10 * time.Minute), To: to, Step: 5 * time.Minute, TrainingDays: 2}, 20000)
	if err != nil || len(plan.Pieces) != 1 {
		t.Fatalf("plan %v, %v", plan.Pieces, err)
	}
	req := forecast.Request{Plan: plan, SourceKey: "test"}
	var series []models.Series
	for i, name := range []string{"a", "b", "c"} {
		s := noisy(name, req.Plan.FetchFrom, req.Plan.RangeTo)
		for j := range s.Values {
			s.Values[j] += float64(i) // a model of its own per series
		}
		series = append(series, s)
	}
	return req, series
}

// unjudged says whether a series carries no judgement at all (null outlier, score and alert everywhere).
func unjudged(r forecast.SeriesResult) bool {
	for i := range r.Times {
		if !math.IsNaN(r.Outlier[i]) || !math.IsNaN(r.Score[i]) || !math.IsNaN(r.Alert[i]) {
			return false
		}
	}
	return len(r.Times) > 0
}

func TestFitsPastTheCutoffGoToTheBackground(t *testing.T) {
	req, series := alertRequest(t)
	// Far from a real deadline: only the pipeline's clock says the time is up.
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()

	t.Run("should judge what was fitted, leave the rest unjudged with a notice, and fit it in the background", func(t *testing.T) {
		clock := &lateClock{}
		fake := &gatedFake{Fake: &forecasttest.Fake{}, lateAfterFit: clock}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithClock(clock.now)
		defer p.Close()
		results, err := p.Run(ctx, req, series)
		if err != nil {
			t.Fatal(err)
		}
		// One slot: the first series' fit made the time late, so the two others were not fitted by the query.
		if unjudged(results[0]) || len(results[0].Notices) != 0 {
			t.Errorf("first series: notices %v, outlier %v", results[0].Notices, results[0].Outlier)
		}
		want := "model still being fitted in the background (1 of 3 series done); judged at the next evaluation"
		for _, r := range results[1:] {
			if !unjudged(r) || len(r.Notices) == 0 || r.Notices[0] != want {
				t.Errorf("%s: notices %q, outlier %v", r.Name, r.Notices, r.Outlier)
			}
		}
		if err := p.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		if fake.Fits.Load() != 3 || p.Cache().Stats().Entries != 3 {
			t.Fatalf("%d fits, %d cached after the background, want 3", fake.Fits.Load(), p.Cache().Stats().Entries)
		}
		fake.lateAfterFit = nil
		clock.late.Store(false)
		results, err = p.Run(ctx, req, series)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if unjudged(r) || len(r.Notices) != 0 {
				t.Errorf("next evaluation, %s: notices %q", r.Name, r.Notices)
			}
		}
		if fake.Fits.Load() != 3 {
			t.Errorf("%d fits after the next evaluation, want the background's 3", fake.Fits.Load())
		}
	})

	t.Run("should await a background fit of the same key instead of fitting it again", func(t *testing.T) {
		clock := &lateClock{}
		clock.late.Store(true)
		fake := &gatedFake{Fake: &forecasttest.Fake{}, release: make(chan struct{})}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithClock(clock.now)
		defer p.Close()
		results, err := p.Run(ctx, req, series)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if !unjudged(r) || len(r.Notices) == 0 || r.Notices[0] != backgroundNotice0of3 {
				t.Errorf("%s: notices %q", r.Name, r.Notices)
			}
		}
		if p.BackgroundFits() != 3 {
			t.Fatalf("%d background fits queued or running, want 3", p.BackgroundFits())
		}
		// The next evaluation comes in time, while the background fits still wait: it awaits them.
		clock.late.Store(false)
		done := make(chan []forecast.SeriesResult)
		go func() {
			results, _ := p.Run(ctx, req, series)
			done <- results
		}()
		close(fake.release)
		for _, r := range <-done {
			if unjudged(r) || len(r.Notices) != 0 {
				t.Errorf("next evaluation, %s: notices %q", r.Name, r.Notices)
			}
		}
		if fake.Fits.Load() != 3 {
			t.Errorf("%d fits, want 3 (one per series)", fake.Fits.Load())
		}
	})

	t.Run("should cancel the background fits when the pipeline closes", func(t *testing.T) {
		clock := &lateClock{}
		clock.late.Store(true)
		fake := &gatedFake{Fake: &forecasttest.Fake{}, release: make(chan struct{})} // never released
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithClock(clock.now)
		if _, err := p.Run(ctx, req, series); err != nil {
			t.Fatal(err)
		}
		p.Close() // returns only once the waiting fit has seen its context end
		if p.BackgroundFits() != 0 || p.Cache().Stats().Entries != 0 || fake.Fits.Load() != 0 {
			t.Errorf("after close: %d queued, %d cached, %d fits done", p.BackgroundFits(), p.Cache().Stats().Entries, fake.Fits.Load())
		}
		// A closed pipeline still answers: what it cannot fit in time is unjudged, with the notice.
		results, err := p.Run(ctx, req, series)
		if err != nil || !unjudged(results[0]) || results[0].Notices[0] != backgroundNotice0of3 {
			t.Fatalf("after close: %v, notices %q", err, results[0].Notices)
		}
	})
}

package forecast_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

var (
	stepMs   = float64(5 * time.Minute / time.Millisecond)
	rangeEnd = time.Date(2025, 10, 10, 0, 0, 0, 0, time.UTC)
)

// noisy is a deterministic series around 10 with small wiggles, on a 5-minute grid.
func noisy(name string, from, to float64) models.Series {
	s := models.Series{Name: name, Labels: map[string]string{"series": name}}
	for t := from; t <= to; t += stepMs {
		s.Times = append(s.Times, t)
		s.Values = append(s.Values, 10+math.Sin(t/stepMs))
	}
	return s
}

func setValues(s models.Series, from, to, value float64) {
	for i, t := range s.Times {
		if t >= from && t <= to {
			s.Values[i] = value
		}
	}
}

func buildRequest(tb testing.TB, rangeDays float64, trainingDays int, exclude []models.ExcludeRange) forecast.Request {
	tb.Helper()
	q := models.Query{
		From: rangeEnd.Add(-time.Duration(rangeDays * float64(24*time.Hour))), To: rangeEnd,
		Step: 5 * time.Minute, TrainingDays: trainingDays,
	}
	plan, err := forecast.NewPlan(q, 20000)
	if err != nil {
		tb.Fatal(err)
	}
	return forecast.Request{Plan: plan, SourceKey: "test", Exclude: exclude}
}

// checkingForecaster wraps the fake: each model remembers its newest training time, and every prediction
// checks that the points it judges are strictly later.
type checkingForecaster struct {
	*forecasttest.Fake
	onFit      func(ts []float64)
	violations atomic.Int64
}

func (c *checkingForecaster) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	m, err := c.Fake.Fit(ctx, ts, ys, params)
	if err != nil {
		return m, err
	}
	c.onFit(ts)
	return forecast.Model{Text: strconv.FormatFloat(ts[len(ts)-1], 'f', -1, 64) + ";" + m.Text}, nil
}

func (c *checkingForecaster) Predict(ctx context.Context, m forecast.Model, ts, ys []float64) (forecast.Prediction, error) {
	end, inner, _ := strings.Cut(m.Text, ";")
	trainedUpTo, err := strconv.ParseFloat(end, 64)
	if err != nil {
		return forecast.Prediction{}, err
	}
	for _, t := range ts {
		if t <= trainedUpTo {
			c.violations.Add(1)
		}
	}
	return c.Fake.Predict(ctx, forecast.Model{Text: inner}, ts, ys)
}

func TestPipeline(t *testing.T) {
	ctx := context.Background()

	t.Run("should judge every point with a fit trained strictly before it", func(t *testing.T) {
		fake := &forecasttest.Fake{}
		var mu sync.Mutex
		var trainedUpTo []float64
		checker := &checkingForecaster{Fake: fake, onFit: func(ts []float64) {
			mu.Lock()
			trainedUpTo = append(trainedUpTo, ts[len(ts)-1])
			mu.Unlock()
		}}
		req := buildRequest(t, 2, 7, nil)
		s := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
		p := forecast.NewPipeline(checker, forecast.NewFitCache(1<<20), 2)
		results, err := p.Run(ctx, req, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		if checker.violations.Load() != 0 {
			t.Fatalf("%d predictions used a model trained on or after the points judged", checker.violations.Load())
		}
		if len(trainedUpTo) != len(req.Plan.Pieces) {
			t.Errorf("%d fits for %d pieces", len(trainedUpTo), len(req.Plan.Pieces))
		}
		r := results[0]
		if len(r.Times) != 2*288+1 || len(r.Notices) != 0 {
			t.Fatalf("%d points, notices %v", len(r.Times), r.Notices)
		}
		for i := range r.Times {
			if math.IsNaN(r.Yhat[i]) || math.IsNaN(r.Score[i]) || r.Outlier[i] != 0 {
				t.Fatalf("point %d: yhat %v score %v outlier %v", i, r.Yhat[i], r.Score[i], r.Outlier[i])
			}
		}
	})

	t.Run("should leave a missing value unjudged (null), with its expectation drawn", func(t *testing.T) {
		req := buildRequest(t, 1, 7, nil)
		s := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
		gapFrom, gapTo := req.Plan.RangeTo-6*stepMs, req.Plan.RangeTo-2*stepMs
		setValues(s, gapFrom, gapTo, math.NaN())
		p := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2)
		results, err := p.Run(ctx, req, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		missing := 0
		for i, at := range r.Times {
			inGap := at >= gapFrom && at <= gapTo
			if inGap {
				missing++
			}
			if inGap != math.IsNaN(r.Outlier[i]) || inGap != math.IsNaN(r.Score[i]) || math.IsNaN(r.Yhat[i]) {
				t.Fatalf("point %d (missing %v): outlier %v score %v yhat %v", i, inGap, r.Outlier[i], r.Score[i], r.Yhat[i])
			}
		}
		if missing != 5 {
			t.Fatalf("%d missing points in the range, want 5", missing)
		}
	})

	t.Run("should count params.exclude as the query's exclusions: training minimum and excluded flags", func(t *testing.T) {
		for _, where := range []string{"query", "params"} {
			req := buildRequest(t, 1, 7, nil)
			s := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
			// All of the training window but its last two points, and the range's first hour.
			ranges := []models.ExcludeRange{
				{From: req.Plan.FetchFrom - stepMs, To: req.Plan.RangeFrom - 3*stepMs},
				{From: req.Plan.RangeFrom, To: req.Plan.RangeFrom + 11*stepMs},
			}
			if where == "query" {
				req.Exclude, req.Exclusions = ranges, ranges
			} else {
				req.Params = json.RawMessage(fmt.Sprintf(`{"exclude":[[%f,%f],[%f,%f]]}`, ranges[0].From, ranges[0].To, ranges[1].From, ranges[1].To))
			}
			p := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2)
			results, err := p.Run(ctx, req, []models.Series{s})
			if err != nil {
				t.Fatal(err)
			}
			r := results[0]
			if !strings.Contains(strings.Join(r.Notices, "\n"), "2 usable values") || !math.IsNaN(r.Outlier[0]) {
				t.Errorf("%s: notices %v, first outlier %v", where, r.Notices, r.Outlier[0])
			}
			if !r.Excluded[0] || !r.Excluded[11] || r.Excluded[12] {
				t.Errorf("%s: excluded flags %v", where, r.Excluded[:14])
			}
		}
	})

	t.Run("should judge an unsorted series with a repeated time as its sorted form", func(t *testing.T) {
		req := buildRequest(t, 1, 7, nil)
		sorted := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
		n := len(sorted.Times)
		shuffled := models.Series{Name: sorted.Name, Labels: sorted.Labels}
		for i := range n { // reversed, with the last point first given a stale value that its repeat replaces
			shuffled.Times = append(shuffled.Times, sorted.Times[n-1-i])
			shuffled.Values = append(shuffled.Values, sorted.Values[n-1-i])
		}
		shuffled.Times = append(shuffled.Times, sorted.Times[n-1])
		shuffled.Values = append(shuffled.Values, sorted.Values[n-1])
		shuffled.Values[0] = -1e9
		want, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2).Run(ctx, req, []models.Series{sorted})
		if err != nil {
			t.Fatal(err)
		}
		got, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2).Run(ctx, req, []models.Series{shuffled})
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range [][2][]float64{{got[0].Times, want[0].Times}, {got[0].Values, want[0].Values}, {got[0].Yhat, want[0].Yhat}, {got[0].Upper, want[0].Upper}} {
			if len(pair[0]) != len(pair[1]) || len(pair[0]) == 0 {
				t.Fatalf("lengths %d, %d", len(pair[0]), len(pair[1]))
			}
			for i := range pair[0] {
				if pair[0][i] != pair[1][i] {
					t.Fatalf("point %d: %v, want %v", i, pair[0][i], pair[1][i])
				}
			}
		}
	})

	t.Run("should flag an incident on screen and reuse cached fits on refresh", func(t *testing.T) {
		fake := &forecasttest.Fake{}
		req := buildRequest(t, 1, 7, nil)
		s := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
		incident := req.Plan.RangeTo - 6*3600e3
		setValues(s, incident, incident+30*60e3, 100)
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 2)
		results, err := p.Run(ctx, req, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		flagged := 0
		for i, t0 := range results[0].Times {
			inIncident := t0 >= incident && t0 <= incident+30*60e3
			if (results[0].Outlier[i] == 1) != inIncident {
				t.Fatalf("point %v: outlier %v, in incident %v", t0, results[0].Outlier[i], inIncident)
			}
			if inIncident {
				flagged++
			}
		}
		if flagged != 7 {
			t.Errorf("flagged %d points, want 7", flagged)
		}
		fits := fake.Fits.Load()
		if _, err := p.Run(ctx, req, []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)}); err != nil {
			t.Fatal(err)
		}
		if fake.Fits.Load() != fits {
			t.Errorf("refresh fitted %d more models, want 0", fake.Fits.Load()-fits)
		}
	})

	t.Run("should not learn an excluded incident", func(t *testing.T) {
		run := func(exclude []models.ExcludeRange) forecast.SeriesResult {
			req := buildRequest(t, 0.5, 2, exclude)
			s := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
			// A long past incident fills a fifth of the training window; a repeat shows on screen.
			past := req.Plan.Pieces[0].Start - 20*3600e3
			setValues(s, past, past+8*3600e3, 1000)
			setValues(s, req.Plan.RangeTo-3600e3, req.Plan.RangeTo, 1000)
			p := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 2)
			results, err := p.Run(ctx, req, []models.Series{s})
			if err != nil {
				t.Fatal(err)
			}
			return results[0]
		}
		last := func(r forecast.SeriesResult) float64 { return r.Outlier[len(r.Outlier)-1] }
		learned := run(nil)
		if last(learned) != 0 {
			t.Fatalf("setup: with the incident learned the repeat should hide inside the band, outlier %v", last(learned))
		}
		req := buildRequest(t, 0.5, 2, nil)
		past := req.Plan.Pieces[0].Start - 20*3600e3
		excluded := run([]models.ExcludeRange{{From: past, To: past + 8*3600e3}})
		if last(excluded) != 1 {
			t.Errorf("with the incident excluded the repeat should be flagged, outlier %v", last(excluded))
		}
	})

	t.Run("should keep a failing series to itself", func(t *testing.T) {
		fake := &forecasttest.Fake{FailFit: func(_, ys []float64) error {
			if ys[0] < 0 {
				return errors.New("model refused the series")
			}
			return nil
		}}
		req := buildRequest(t, 0.5, 2, nil)
		good := noisy("good", req.Plan.FetchFrom, req.Plan.RangeTo)
		bad := noisy("bad", req.Plan.FetchFrom, req.Plan.RangeTo)
		setValues(bad, req.Plan.FetchFrom, req.Plan.RangeTo, -1)
		short := models.Series{Name: "short", Times: []float64{req.Plan.RangeTo}, Values: []float64{1}}
		panicky := noisy("panicky", req.Plan.FetchFrom, req.Plan.RangeTo)
		setValues(panicky, req.Plan.FetchFrom, req.Plan.RangeTo, 4242)
		fake.Panic = 4242
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 2)
		results, err := p.Run(ctx, req, []models.Series{good, bad, short, panicky})
		if err != nil {
			t.Fatal(err)
		}
		if len(results[0].Notices) != 0 || math.IsNaN(results[0].Yhat[0]) {
			t.Errorf("good series: notices %v", results[0].Notices)
		}
		wants := map[int]string{1: "model refused the series", 2: "usable values", 3: "internal error"}
		for i, want := range wants {
			if len(results[i].Notices) == 0 || !strings.Contains(results[i].Notices[0], want) {
				t.Errorf("%s: notices %v, want %q", results[i].Name, results[i].Notices, want)
			}
			for _, y := range results[i].Yhat {
				if !math.IsNaN(y) {
					t.Errorf("%s: judged a point despite the failure", results[i].Name)
					break
				}
			}
		}
	})

	t.Run("should give back its fit slots when the model panics", func(t *testing.T) {
		fake := &forecasttest.Fake{Panic: 4242}
		req := buildRequest(t, 3, 2, nil)
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 2)
		var panicky []models.Series
		for _, name := range []string{"p1", "p2", "p3"} {
			s := noisy(name, req.Plan.FetchFrom, req.Plan.RangeTo)
			setValues(s, req.Plan.FetchFrom, req.Plan.RangeTo, 4242)
			panicky = append(panicky, s)
		}
		deadline, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := p.Run(deadline, req, panicky); err != nil {
			t.Fatal(err)
		}
		results, err := p.Run(deadline, req, []models.Series{noisy("after", req.Plan.FetchFrom, req.Plan.RangeTo)})
		if err != nil {
			t.Fatal(err)
		}
		if len(results[0].Notices) != 0 || math.IsNaN(results[0].Yhat[len(results[0].Yhat)-1]) {
			t.Errorf("a later query could not fit: %v", results[0].Notices)
		}
	})

	t.Run("should stop at the query's deadline with a notice", func(t *testing.T) {
		fake := &forecasttest.Fake{FitDelay: time.Minute}
		req := buildRequest(t, 3, 2, nil)
		series := []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo), noisy("b", req.Plan.FetchFrom, req.Plan.RangeTo)}
		// Each fit waits a minute, far past the deadline, so the notices can only come from the deadline.
		deadline, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		results, err := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 2).Run(deadline, req, series)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			joined := strings.Join(r.Notices, " ")
			// A fit cut by the deadline says so; one not started before the cutoff is left to the background.
			if !strings.Contains(joined, "time limit") && !strings.Contains(joined, "deadline") && !strings.Contains(joined, "in the background") {
				t.Errorf("%s: notices %v", r.Name, r.Notices)
			}
		}
	})

	t.Run("should forecast beyond the range with the last fit", func(t *testing.T) {
		q := models.Query{From: rangeEnd.Add(-6 * time.Hour), To: rangeEnd, Step: 5 * time.Minute, TrainingDays: 2, ForecastHours: 2}
		plan, err := forecast.NewPlan(q, 20000)
		if err != nil {
			t.Fatal(err)
		}
		s := noisy("a", plan.FetchFrom, plan.RangeTo)
		results, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).Run(ctx, forecast.Request{Plan: plan}, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		if len(r.ForecastTimes) != 24 || len(r.ForecastYhat) != 24 || math.IsNaN(r.ForecastUpper[23]) {
			t.Errorf("forecast: %d times, %d yhat", len(r.ForecastTimes), len(r.ForecastYhat))
		}
	})

	t.Run("should refuse params that are not an object", func(t *testing.T) {
		req := buildRequest(t, 0.5, 2, nil)
		req.Params = []byte(`{"exclude":"yesterday"}`)
		_, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).Run(ctx, req, nil)
		if !errors.Is(err, models.ErrInvalidQuery) || !strings.Contains(err.Error(), "params.exclude") {
			t.Fatalf("want an error naming params.exclude, got %v", err)
		}
	})
}

func TestCachedFits(t *testing.T) {
	ctx := context.Background()
	const capacity = 1 << 20
	fake := &forecasttest.Fake{}
	cache := forecast.NewFitCache(capacity)
	p := forecast.NewPipeline(fake, cache, 1)
	req := buildRequest(t, 2, 7, nil)
	if _, err := p.Run(ctx, req, []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)}); err != nil {
		t.Fatal(err)
	}
	fits := fake.Fits.Load()
	rangeOnly := noisy("a", math.Ceil(req.Plan.RangeFrom/stepMs)*stepMs, req.Plan.RangeTo)
	// Another query's fit that fills all but a few bytes of the cache pushes every other fit out.
	evictAll := func() { cache.Put("another query's fit", forecast.Model{Text: strings.Repeat("x", capacity-200)}) }

	t.Run("should judge a range-only read with the fits it found cached, though they are evicted before the run", func(t *testing.T) {
		pinned, ok := p.CachedFits(context.Background(), req, []models.Series{rangeOnly})
		if !ok || len(pinned) != len(req.Plan.Pieces) {
			t.Fatalf("cached %v, %d fits for %d pieces", ok, len(pinned), len(req.Plan.Pieces))
		}
		evictAll() // between the decision and the run, as another query's fits would
		if _, ok := p.CachedFits(context.Background(), req, []models.Series{rangeOnly}); ok {
			t.Fatal("the eviction left the fits in the cache")
		}
		req := req
		req.Pinned = pinned
		results, err := p.Run(ctx, req, []models.Series{rangeOnly})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		if len(r.Notices) != 0 {
			t.Fatalf("notices %v", r.Notices)
		}
		for i := range r.Times {
			if math.IsNaN(r.Yhat[i]) || math.IsNaN(r.Score[i]) {
				t.Fatalf("point %d of %d not judged", i, len(r.Times))
			}
		}
		if fake.Fits.Load() != fits {
			t.Errorf("%d fits for a run whose fits were pinned", fake.Fits.Load()-fits)
		}
	})

	t.Run("should leave the range unjudged without its pinned fits (the race the pins close)", func(t *testing.T) {
		evictAll()
		results, err := p.Run(ctx, req, []models.Series{rangeOnly})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(results[0].Notices); n == 0 || !strings.Contains(results[0].Notices[0], "0 usable values") {
			t.Fatalf("notices %v", results[0].Notices)
		}
	})

	t.Run("should say no when a fit is missing", func(t *testing.T) {
		evictAll()
		if pinned, ok := p.CachedFits(context.Background(), req, []models.Series{rangeOnly}); ok || pinned != nil {
			t.Errorf("cached %v with %d fits", ok, len(pinned))
		}
	})
}

func TestLastModel(t *testing.T) {
	t.Run("should fit for a resource call without waiting for the fit slots the queries share", func(t *testing.T) {
		var fits atomic.Int64
		blocked, release := make(chan struct{}), make(chan struct{})
		fake := &forecasttest.Fake{FailFit: func([]float64, []float64) error {
			if fits.Add(1) == 1 { // the query's first fit holds the only slot until the test releases it
				close(blocked)
				<-release
			}
			return nil
		}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1)
		req := buildRequest(t, 1, 7, nil)
		done := make(chan error)
		go func() {
			_, err := p.Run(context.Background(), req, []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)})
			done <- err
		}()
		<-blocked
		// A guard against hanging when the slot is awaited, not a timing: the fit needs no slot.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		model, result, err := p.LastModel(ctx, req, noisy("b", req.Plan.FetchFrom, req.Plan.RangeTo))
		close(release)
		if err != nil || model.Text == "" || len(result.Times) == 0 {
			t.Fatalf("model %q, error %v", model.Text, err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

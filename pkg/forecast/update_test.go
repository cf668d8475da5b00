package forecast_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/store"
)

// updatingForecaster is the fake with an Update that records each change and hands the previous model back, or
// refuses every update.
type updatingForecaster struct {
	*forecasttest.Fake
	refuse  bool
	mu      sync.Mutex
	changes []forecast.WindowChange
}

// Fit gives each model update statistics, as the engine's decomposition has: a model without any is not updated.
func (u *updatingForecaster) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	m, err := u.Fake.Fit(ctx, ts, ys, params)
	m.State = strings.Repeat("s", 4096) // larger than a fake model, so the fit cache's bytes tell whether it holds them
	return m, err
}

func (u *updatingForecaster) Update(_ context.Context, m forecast.Model, c forecast.WindowChange, _ json.RawMessage) (forecast.Model, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.changes = append(u.changes, c)
	if u.refuse {
		return forecast.Model{}, errors.New("cannot update the model (a full refit is due); fit it again")
	}
	return m, nil
}

func TestPipelineUpdatesThePreviousPiecesModel(t *testing.T) {
	ctx := context.Background()
	const day = 86_400_000.0
	req := buildRequest(t, 3, 28, nil)
	series := []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)}
	pieces := len(req.Plan.Pieces)

	t.Run("should update each piece from the one before it, adding the day between them and dropping the oldest", func(t *testing.T) {
		u := &updatingForecaster{Fake: &forecasttest.Fake{}}
		// One slot: the pieces run in order, so each finds the one before it in the cache.
		if _, err := forecast.NewPipeline(u, forecast.NewFitCache(1<<20), 1).Run(ctx, req, series); err != nil {
			t.Fatal(err)
		}
		if got := u.Fits.Load(); got != 1 {
			t.Fatalf("%d fits, want 1 (the first piece, whose old window starts before the fetch)", got)
		}
		if len(u.changes) != pieces-1 {
			t.Fatalf("%d updates, want %d", len(u.changes), pieces-1)
		}
		for i, c := range u.changes {
			start := req.Plan.Pieces[i+1].Start
			if c.WindowStart != start-req.Plan.TrainingMs || len(c.AddedTs) != 288 || len(c.DroppedTs) != 288 {
				t.Fatalf("update %d: window start %v, %d added, %d dropped", i, c.WindowStart, len(c.AddedTs), len(c.DroppedTs))
			}
			if c.AddedTs[0] != start-day || c.AddedTs[287] >= start || c.DroppedTs[0] != c.WindowStart-day || c.DroppedTs[287] >= c.WindowStart {
				t.Fatalf("update %d moves the wrong points", i)
			}
		}
	})

	t.Run("should fit from scratch when the update is refused", func(t *testing.T) {
		u := &updatingForecaster{Fake: &forecasttest.Fake{}, refuse: true}
		results, err := forecast.NewPipeline(u, forecast.NewFitCache(1<<20), 1).Run(ctx, req, series)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.Fits.Load(); got != int64(pieces) || len(u.changes) != pieces-1 {
			t.Fatalf("%d fits and %d updates tried, want %d and %d", got, len(u.changes), pieces, pieces-1)
		}
		if len(results[0].Notices) != 0 {
			t.Fatalf("a refused update left notices: %v", results[0].Notices)
		}
	})

	t.Run("should update the first piece of a short alert range from the day before's model", func(t *testing.T) {
		u := &updatingForecaster{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(u, forecast.NewFitCache(1<<20), 1)
		// An alert rule's last 10 minutes, evaluated just before and just after a UTC midnight.
		for _, end := range []time.Time{rangeEnd.Add(-5 * time.Minute), rangeEnd.Add(10 * time.Minute)} {
			plan, err := forecast.NewPlan(models.Query{From: end.Add(-10 * time.Minute), To: end, Step: 5 * time.Minute, TrainingDays: 28}, 20000)
			if err != nil {
				t.Fatal(err)
			}
			last := plan.Pieces[len(plan.Pieces)-1]
			req := forecast.Request{Plan: plan, SourceKey: "test"}
			if _, err := p.Run(ctx, req, []models.Series{noisy("a", plan.FetchFrom, plan.RangeTo)}); err != nil {
				t.Fatal(err)
			}
			if last.Start-plan.TrainingMs-plan.RefitMs < plan.FetchFrom {
				t.Fatalf("the fetch starts at %v, after the day before's window (%v)", plan.FetchFrom, last.Start-plan.TrainingMs-plan.RefitMs)
			}
		}
		if fits, updates := u.Fits.Load(), len(u.changes); fits != 1 || updates != 1 {
			t.Fatalf("%d fits and %d updates, want the first evaluation's fit and the next day's update", fits, updates)
		}
	})

	t.Run("with a store, should keep the update statistics there alone and update a restarted process's first piece from them", func(t *testing.T) {
		shared := store.NewMemory(store.Options{})
		evaluate := func(u *updatingForecaster, cache *forecast.FitCache, end time.Time) {
			plan, err := forecast.NewPlan(models.Query{From: end.Add(-10 * time.Minute), To: end, Step: 5 * time.Minute, TrainingDays: 28}, 20000)
			if err != nil {
				t.Fatal(err)
			}
			p := forecast.NewPipeline(u, cache, 1).WithStore(shared, forecast.StoreOptions{})
			defer p.Close()
			if _, err := p.Run(ctx, forecast.Request{Plan: plan, SourceKey: "test"}, []models.Series{noisy("a", plan.FetchFrom, plan.RangeTo)}); err != nil {
				t.Fatal(err)
			}
		}
		before := &updatingForecaster{Fake: &forecasttest.Fake{}}
		cache := forecast.NewFitCache(1 << 20)
		evaluate(before, cache, rangeEnd.Add(-5*time.Minute))
		if stats := cache.Stats(); stats.Entries != 1 || stats.Bytes > 1024 {
			t.Fatalf("the fit cache holds %d fits in %d bytes", stats.Entries, stats.Bytes)
		}
		// A new process (empty cache) the next day: its model comes from the previous piece's text and statistics.
		after := &updatingForecaster{Fake: &forecasttest.Fake{}}
		evaluate(after, forecast.NewFitCache(1<<20), rangeEnd.Add(10*time.Minute))
		if fits, updates := after.Fits.Load(), len(after.changes); fits != 0 || updates != 1 {
			t.Fatalf("%d fits and %d updates after the restart, want the update alone", fits, updates)
		}
	})

	t.Run("with a store that fails, should keep the update statistics in the fit cache and still update", func(t *testing.T) {
		u := &updatingForecaster{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(u, forecast.NewFitCache(1<<20), 1).WithStore(store.Broken("disk", errors.New("disk full")), forecast.StoreOptions{})
		defer p.Close()
		for _, end := range []time.Time{rangeEnd.Add(-5 * time.Minute), rangeEnd.Add(10 * time.Minute)} {
			plan, err := forecast.NewPlan(models.Query{From: end.Add(-10 * time.Minute), To: end, Step: 5 * time.Minute, TrainingDays: 28}, 20000)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Run(ctx, forecast.Request{Plan: plan, SourceKey: "test"}, []models.Series{noisy("a", plan.FetchFrom, plan.RangeTo)}); err != nil {
				t.Fatal(err)
			}
		}
		if fits, updates := u.Fits.Load(), len(u.changes); fits != 1 || updates != 1 {
			t.Fatalf("%d fits and %d updates, want the first day's fit and the next day's update", fits, updates)
		}
	})
}
